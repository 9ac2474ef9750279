import { onlyRow, type Database } from '../db';
import { ENTITY_LABEL, RETIRED_LABEL, SOURCE_TEXT_PROPERTY, isKind, type Kind } from '../domain/model';
import { anchorGraph, sourceTextsFromRows, type SourceText } from '../domain/text/evidence-quotes';
import { contentVersion } from '../domain/releases';
import type { Logger } from '../logger';
import { fromCurie, fromKgx, formatKgx, toKgx, type KgxImport } from './kgx';
import { ensureSchema, loadGraph, type LoadOptions, type LoadResult } from './load';
import { readGraph } from './read-graph';
import { ValidationFailed, validateGraph } from './validate';

/** Thrown (before anything is written) when a KGX file has categories or predicates we cannot map. */
export class UnmappedKgxTerms extends Error {
  constructor(readonly report: Pick<KgxImport, 'unmappedCategories' | 'unmappedPredicates' | 'edgesWithUnimportedEnd'>) {
    const lines = [
      ...Object.entries(report.unmappedCategories).map(([name, n]) => `  category ${name}: ${n} node(s)`),
      ...Object.entries(report.unmappedPredicates).map(([name, n]) => `  predicate ${name}: ${n} edge(s)`),
    ];
    if (report.edgesWithUnimportedEnd > 0) lines.push(`  edges whose end has an unmapped category: ${report.edgesWithUnimportedEnd}`);
    super(`the file has terms that cannot be mapped to the data model (nothing written; pass skipUnmapped / --skip-unmapped to import the rest):\n${lines.join('\n')}`);
    this.name = 'UnmappedKgxTerms';
  }
}

export interface ImportKgxOptions extends Pick<LoadOptions, 'batchSize' | 'failAfterBatches' | 'onProgress'> {
  /** Import what can be mapped and report the rest (default: refuse the whole file). */
  skipUnmapped?: boolean;
  /** Name of the file, for error messages. */
  fileName?: string;
  owner?: string;
}

export interface ImportKgxResult extends LoadResult {
  report: Omit<KgxImport, 'input' | 'problems'>;
}

/**
 * Imports a parsed KGX JSON object through the same validation and loading path as the seed:
 * mapping, validation (every problem listed) and one all-or-nothing transaction.
 */
export async function importKgx(db: Database, file: unknown, log: Logger, options: ImportKgxOptions = {}): Promise<ImportKgxResult> {
  const { kinds: existing, texts } = await existingEntities((cypher, row) => db.read(cypher, onlyRow(row)), referencedIds(file));
  const mapped = mapAndValidateKgx(file, existing, log, { ...options, sourceTexts: texts });
  await ensureSchema(db);
  const result = await loadGraph(db, mapped.input, {
    releaseSource: 'kgx',
    releaseVersion: contentVersion(file),
    batchSize: options.batchSize,
    failAfterBatches: options.failAfterBatches,
    onProgress: options.onProgress ?? ((p) => log.info({ ...p }, `import: ${p.phase} ${p.group} ${p.done}/${p.total}`)),
  });
  const { input: _input, problems: _problems, ...report } = mapped;
  return { ...result, report };
}

/**
 * Maps a parsed KGX object onto records and validates them against `existing` (the entities already
 * in the database that it may reference); throws ValidationFailed / UnmappedKgxTerms before anything
 * is written. Shared by importKgx and the bulk import (src/ingest/bulk), which passes no existing ones.
 */
export function mapAndValidateKgx(
  file: unknown,
  existing: Map<string, Kind>,
  log: Logger,
  options: Pick<ImportKgxOptions, 'skipUnmapped' | 'fileName' | 'owner'> & { sourceTexts?: ReadonlyMap<string, SourceText> } = {},
): KgxImport {
  const fileName = options.fileName ?? '(kgx)';
  const mapped = fromKgx(file, { existing, owner: options.owner });
  if (mapped.problems.length > 0) throw new ValidationFailed(mapped.problems.map((p) => ({ file: fileName, ...p })));
  const unmapped = Object.keys(mapped.unmappedCategories).length + Object.keys(mapped.unmappedPredicates).length > 0;
  if (unmapped) {
    if (!options.skipUnmapped) throw new UnmappedKgxTerms(mapped);
    log.warn({ unmappedCategories: mapped.unmappedCategories, unmappedPredicates: mapped.unmappedPredicates, edgesWithUnimportedEnd: mapped.edgesWithUnimportedEnd }, 'kgx: unmapped terms skipped');
  }
  // Quotes given without offsets are anchored in their source's text (the file's or the database's).
  const input = anchorGraph(mapped.input, options.sourceTexts);
  const issues = validateGraph(input, { sourceTexts: options.sourceTexts, existing, defaultFile: fileName });
  if (issues.length > 0) throw new ValidationFailed(issues);
  return { ...mapped, input };
}

/** The whole graph as KGX JSON text (deterministic). */
export async function exportKgx(db: Database): Promise<string> {
  return formatKgx(toKgx(await readGraph(db)));
}

function referencedIds(file: unknown): string[] {
  const body = (typeof file === 'object' && file !== null ? file : {}) as { edges?: unknown; nodes?: unknown };
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') ids.add(fromCurie(value));
    else if (Array.isArray(value)) value.forEach(add);
  };
  for (const list of [body.edges, body.nodes]) {
    if (!Array.isArray(list)) continue;
    for (const record of list) {
      if (typeof record !== 'object' || record === null) continue;
      const r = record as Record<string, unknown>;
      add(r.subject);
      add(r.object);
      add(r.publications);
      add(r.primary_knowledge_source);
    }
  }
  return [...ids];
}

/**
 * Runs a row statement (`UNWIND $rows AS row …`) for one row and answers that row's answers: `db.read`
 * with `onlyRow`, or a write transaction's `runRow` when the check must see that transaction.
 */
export type ReadRow = <T extends Record<string, unknown>>(cypher: string, row: Record<string, unknown>) => Promise<T[]>;

/** What became of an id that is no longer an entity (retracted, or merged into another): it stays taken. */
export interface Retirement {
  as: string;
  mergedInto: string | null;
}

export interface ExistingEntities {
  kinds: Map<string, Kind>;
  texts: Map<string, SourceText>;
  retired: Map<string, Retirement>;
}

// One statement for everything validation asks of the graph about a set of ids (curation sends it on
// every proposal and every review, so a second statement for the retired ids would cost a statement each).
// A row statement (src/db/statement-rows.ts): the checks of curation's writes sharing a transaction go as one.
const EXISTING_ENTITIES = `
  UNWIND $rows AS row
  UNWIND row.ids AS id
  OPTIONAL MATCH (n:${ENTITY_LABEL} {id: id})
  OPTIONAL MATCH (holder:${ENTITY_LABEL} {id: n.citedIn})
  OPTIONAL MATCH (gone:${RETIRED_LABEL} {id: id})
  WITH row, id, n, holder, gone WHERE n IS NOT NULL OR gone IS NOT NULL
  RETURN row.i AS i, id, n.kind AS kind, n.${SOURCE_TEXT_PROPERTY} AS text, n.citedIn AS citedIn, holder.${SOURCE_TEXT_PROPERTY} AS holderText,
         gone.retiredAs AS retiredAs, gone.mergedInto AS mergedInto`;

/**
 * The kinds of the referenced entities already stored, the texts of the Sources among them (and of
 * those they are cited in), and the ids that were retracted or merged away: what validateGraph and
 * curation's checks need of the graph. Shared by the imports and curation.
 */
export async function existingEntities(read: ReadRow, ids: string[]): Promise<ExistingEntities> {
  const kinds = new Map<string, Kind>();
  const retired = new Map<string, Retirement>();
  if (ids.length === 0) return { kinds, texts: new Map(), retired };
  type Row = { id: string; kind: string | null; text: string | null; citedIn: string | null; holderText: string | null; retiredAs: string | null; mergedInto: string | null };
  const rows = await read<Row>(EXISTING_ENTITIES, { ids });
  const entities: Array<Row & { kind: string }> = [];
  for (const row of rows) {
    if (row.kind !== null) entities.push(row as Row & { kind: string });
    if (isKind(row.kind)) kinds.set(row.id, row.kind);
    if (row.retiredAs !== null) retired.set(row.id, { as: row.retiredAs, mergedInto: row.mergedInto });
  }
  return { kinds, texts: sourceTextsFromRows(entities), retired };
}
