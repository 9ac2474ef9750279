/**
 * A streaming parser for `phenotype.hpoa`, the HPO disease annotation file: header lines starting
 * with '#' (`#version: 2025-01-16`, ...), one column-header line, then 12 tab-separated columns per
 * annotation. Each row is checked field by field; every problem is collected with its line number.
 */
import type { LineProblem } from './obo';

export const HPOA_COLUMNS = [
  'database_id',
  'disease_name',
  'qualifier',
  'hpo_id',
  'reference',
  'evidence',
  'onset',
  'frequency',
  'sex',
  'modifier',
  'aspect',
  'biocuration',
] as const;

export const EVIDENCE_CODES = ['IEA', 'PCS', 'TAS'] as const;
export type EvidenceCode = (typeof EVIDENCE_CODES)[number];
/** P phenotypic abnormality, I inheritance, C onset and clinical course, M clinical modifier, H past medical history. */
export const ASPECTS = ['P', 'I', 'C', 'M', 'H'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const DISEASE_PREFIXES = ['OMIM', 'ORPHA', 'DECIPHER'] as const;

export interface HpoaRow {
  line: number;
  diseaseId: string;
  diseaseName: string;
  negated: boolean;
  hpoId: string;
  /** One or more references (`;`-separated in the file): PMID:…, OMIM:…, ORPHA:…, ISBN…, URLs. */
  references: string[];
  evidence: EvidenceCode;
  onset?: string;
  /** Verbatim: an HPO frequency term (HP:0040282), `n/m`, or a percentage (`25%`). */
  frequency?: string;
  /** Verbatim: MALE or FEMALE. */
  sex?: string;
  modifiers: string[];
  aspect: Aspect;
  /** Verbatim biocuration stamp(s), e.g. `HPO:probinson[2021-06-21];HPO:probinson[2024-03-14]`. */
  biocuration: string;
}

export interface HpoaHeader {
  /** `#version: 2025-01-16` (older files: `#date:`). */
  version?: string;
  description?: string;
  hpoVersion?: string;
  /** Every `#key: value` line. */
  meta: Record<string, string>;
}

export interface HpoaDocument {
  header: HpoaHeader;
  rows: HpoaRow[];
  problems: LineProblem[];
}

const HP_ID = /^HP:\d{7}$/;
const DISEASE_ID = new RegExp(`^(${DISEASE_PREFIXES.join('|')}):[A-Za-z0-9_.-]+$`);
const N_OF_M = /^(\d+)\/(\d+)$/;
const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const CURATION = /^[A-Za-z0-9_]+:[^\s;[\]]+\[\d{4}-\d{2}-\d{2}\]$/;

/** The frequency of an annotation as a fraction in [0, 1] when it is n/m or a percentage. */
export function frequencyFraction(frequency: string): number | undefined {
  const nm = N_OF_M.exec(frequency);
  if (nm) return Number(nm[1]) / Number(nm[2]);
  const pct = PERCENT.exec(frequency);
  if (pct) return Number(pct[1]) / 100;
  return undefined;
}

export async function parseHpoa(lines: AsyncIterable<string> | Iterable<string>): Promise<HpoaDocument> {
  const header: HpoaHeader = { meta: {} };
  const rows: HpoaRow[] = [];
  const problems: LineProblem[] = [];
  let sawColumns = false;
  let lineNo = 0;

  for await (const raw of lines) {
    lineNo += 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*([A-Za-z_-]+)\s*:\s*(.*)$/.exec(line);
      if (m) header.meta[m[1] as string] = (m[2] as string).trim();
      continue;
    }
    if (!sawColumns) {
      sawColumns = true;
      const columns = line.split('\t');
      if (columns.join('\t') !== HPOA_COLUMNS.join('\t')) {
        problems.push({ line: lineNo, message: `column header must be: ${HPOA_COLUMNS.join(', ')} (found: ${columns.join(', ')})` });
        break;
      }
      continue;
    }
    const row = parseRow(line, lineNo, problems);
    if (row) rows.push(row);
  }
  if (!sawColumns) problems.push({ line: lineNo, message: 'no column header line (database_id, disease_name, ...)' });
  header.version = header.meta['version'] ?? header.meta['date'];
  header.description = header.meta['description'];
  header.hpoVersion = header.meta['hpo-version'];
  return { header, rows, problems };
}

function parseRow(line: string, lineNo: number, problems: LineProblem[]): HpoaRow | undefined {
  const cells = line.split('\t');
  if (cells.length !== HPOA_COLUMNS.length) {
    problems.push({ line: lineNo, message: `${cells.length} columns, expected ${HPOA_COLUMNS.length}` });
    return undefined;
  }
  const [diseaseId, diseaseName, qualifier, hpoId, reference, evidence, onset, frequency, sex, modifier, aspect, biocuration] =
    cells.map((cell) => cell.trim()) as [string, string, string, string, string, string, string, string, string, string, string, string];
  const before = problems.length;
  const bad = (column: (typeof HPOA_COLUMNS)[number], message: string) => problems.push({ line: lineNo, message: `${column}: ${message}` });

  if (!DISEASE_ID.test(diseaseId)) bad('database_id', `"${diseaseId}" is not an OMIM, ORPHA or DECIPHER id`);
  if (diseaseName === '') bad('disease_name', 'empty');
  if (qualifier !== '' && qualifier !== 'NOT') bad('qualifier', `"${qualifier}" is neither empty nor NOT`);
  if (!HP_ID.test(hpoId)) bad('hpo_id', `"${hpoId}" is not an HP id`);
  const references = reference.split(';').map((r) => r.trim()).filter(Boolean);
  if (references.length === 0) bad('reference', 'empty');
  for (const ref of references) if (/\s/.test(ref) || !ref.includes(':')) bad('reference', `"${ref}" is not a CURIE or URL`);
  if (!(EVIDENCE_CODES as readonly string[]).includes(evidence)) bad('evidence', `"${evidence}" is not one of ${EVIDENCE_CODES.join(', ')}`);
  if (onset !== '' && !HP_ID.test(onset)) bad('onset', `"${onset}" is not an HP id`);
  if (frequency !== '') {
    const nm = N_OF_M.exec(frequency);
    const pct = PERCENT.exec(frequency);
    if (nm) {
      if (Number(nm[2]) === 0 || Number(nm[1]) > Number(nm[2])) bad('frequency', `"${frequency}" is not a fraction n/m with 0 <= n <= m, m > 0`);
    } else if (pct) {
      if (Number(pct[1]) > 100) bad('frequency', `"${frequency}" is over 100%`);
    } else if (!HP_ID.test(frequency)) bad('frequency', `"${frequency}" is neither an HP frequency term, n/m nor a percentage`);
  }
  if (sex !== '' && sex.toUpperCase() !== 'MALE' && sex.toUpperCase() !== 'FEMALE') bad('sex', `"${sex}" is neither MALE nor FEMALE`);
  const modifiers = modifier.split(';').map((m) => m.trim()).filter(Boolean);
  for (const m of modifiers) if (!HP_ID.test(m)) bad('modifier', `"${m}" is not an HP id`);
  if (!(ASPECTS as readonly string[]).includes(aspect)) bad('aspect', `"${aspect}" is not one of ${ASPECTS.join(', ')}`);
  const stamps = biocuration.split(';').map((stamp) => stamp.trim());
  if (biocuration === '' || stamps.some((stamp) => !CURATION.test(stamp))) bad('biocuration', `"${biocuration}" is not like HPO:name[YYYY-MM-DD]`);
  if (problems.length > before) return undefined;

  const row: HpoaRow = {
    line: lineNo,
    diseaseId,
    diseaseName,
    negated: qualifier === 'NOT',
    hpoId,
    references,
    evidence: evidence as EvidenceCode,
    modifiers,
    aspect: aspect as Aspect,
    biocuration,
  };
  if (onset) row.onset = onset;
  if (frequency) row.frequency = frequency;
  if (sex) row.sex = sex;
  return row;
}
