import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { edgeId, type EdgeRecord, type Evidence, type GraphInput, type NodeRecord, type RelType } from '../domain/model';
import { anchorGraph } from '../domain/text/evidence-quotes';
import { ValidationFailed, validateGraph, type Origin, type ValidationIssue } from './validate';

/** The owner of everything the seed files define; re-seeding replaces exactly what it owns. */
export const SEED_OWNER = 'seed';

const EVIDENCE_DEFAULTS = { knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: SEED_OWNER } as const;

/** The project's seed folder: found by walking up from this file (works from src/ and dist/src/). */
export function defaultSeedDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    const candidate = path.join(dir, 'seed');
    if (fs.existsSync(path.join(candidate, 'article.txt'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the seed folder (seed/article.txt) above ${__dirname}`);
}

export interface SeedContents {
  input: GraphInput;
  origins: { nodes: Origin[]; edges: Origin[] };
  articleText: string;
  allowedXrefs: Set<string>;
  /** Problems found while reading the files (YAML syntax, file layout). */
  issues: ValidationIssue[];
}

const idList = z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const rawRecord = z.record(z.string(), z.unknown());
const entityFile = z.strictObject({ kind: z.string(), entities: z.array(rawRecord) });
const factFile = z.strictObject({ kind: z.literal('Fact'), facts: z.array(rawRecord) });
const relationshipFile = z.strictObject({
  relationships: z.array(
    z.strictObject({ type: z.string(), subject: idList, object: idList, evidence: z.array(rawRecord).min(1) }),
  ),
});

/** Reads seed/ into neutral records (with where each came from). Does not validate them yet. */
export function readSeed(dir: string = defaultSeedDir()): SeedContents {
  const issues: ValidationIssue[] = [];
  const nodes: NodeRecord[] = [];
  const nodeOrigins: Origin[] = [];
  const edges = new Map<string, { edge: EdgeRecord; origin: Origin }>();
  const rel = (file: string) => path.join('seed', path.relative(dir, file));

  const documents = (file: string): unknown[] => {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const list = Array.isArray(docs) ? docs : [docs];
    const out: unknown[] = [];
    for (const doc of list) {
      if (doc.errors.length > 0) {
        for (const error of doc.errors) issues.push({ file: rel(file), record: '(file)', field: '(yaml)', message: error.message.split('\n')[0] ?? 'YAML error' });
      } else out.push(doc.toJS());
    }
    return out;
  };
  const shapeIssues = (file: string, error: z.ZodError) => {
    for (const issue of error.issues) {
      // ['relationships', 2, 'evidence'] -> record "relationships[2]", field "evidence"
      const [list, index, ...rest] = issue.path;
      const inRecord = typeof list === 'string' && typeof index === 'number';
      issues.push({
        file: rel(file),
        record: inRecord ? `${list}[${index}]` : '(file)',
        field: (inRecord ? rest : issue.path).map(String).join('.') || '(record)',
        message: issue.message,
      });
    }
  };
  const addEdge = (edge: EdgeRecord, origin: Origin) => {
    const id = edgeId(edge.subject, edge.type, edge.object);
    const existing = edges.get(id);
    // The same relationship stated in several places: one relationship with every piece of evidence.
    if (existing) existing.edge.evidence.push(...edge.evidence);
    else edges.set(id, { edge: { ...edge, evidence: [...edge.evidence] }, origin });
  };
  const evidenceOf = (raw: Record<string, unknown>[]): Evidence[] => raw.map((ev) => ({ ...EVIDENCE_DEFAULTS, ...ev }) as Evidence);

  const entityFiles = listYaml(path.join(dir, 'entities'));
  for (const file of entityFiles) {
    for (const doc of documents(file)) {
      const parsed = entityFile.safeParse(doc);
      if (!parsed.success) {
        shapeIssues(file, parsed.error);
        continue;
      }
      parsed.data.entities.forEach((raw, i) => {
        // `textFile: article.txt`: the source's full text, kept in the graph as its `text`.
        const { textFile, ...fields } = raw;
        const node = { aliases: [], xrefs: [], ...fields, kind: parsed.data.kind, owner: SEED_OWNER } as Record<string, unknown>;
        if (typeof textFile === 'string') {
          const textPath = path.join(dir, textFile);
          if (path.dirname(path.resolve(textPath)) === path.resolve(dir) && fs.existsSync(textPath)) node.text = fs.readFileSync(textPath, 'utf8');
          else issues.push({ file: rel(file), record: `${parsed.data.kind} entities[${i}]`, field: 'textFile', message: `"${textFile}" is not a file of the seed folder` });
        }
        nodes.push(node as unknown as NodeRecord);
        nodeOrigins.push({ file: rel(file), record: `${parsed.data.kind} entities[${i}]${typeof raw.id === 'string' ? ` (${raw.id})` : ''}` });
      });
    }
  }

  const factsPath = path.join(dir, 'facts.yaml');
  if (fs.existsSync(factsPath)) {
    for (const doc of documents(factsPath)) {
      const parsed = factFile.safeParse(doc);
      if (!parsed.success) {
        shapeIssues(factsPath, parsed.error);
        continue;
      }
      parsed.data.facts.forEach((raw, i) => {
        const { about, evidence, ...rest } = raw;
        const origin = { file: rel(factsPath), record: `facts[${i}]${typeof raw.id === 'string' ? ` (${raw.id})` : ''}` };
        const factEvidence = Array.isArray(evidence) ? evidenceOf(evidence as Record<string, unknown>[]) : (evidence as Evidence[] | undefined);
        nodes.push({ aliases: [], xrefs: [], ...rest, evidence: factEvidence, kind: 'Fact', owner: SEED_OWNER } as unknown as NodeRecord);
        nodeOrigins.push(origin);
        const aboutIds = about === undefined ? [] : Array.isArray(about) ? about : [about];
        if (aboutIds.length === 0) issues.push({ ...origin, field: 'about', message: 'a Fact must be about at least one entity' });
        for (const target of aboutIds) {
          addEdge({ type: 'ABOUT', subject: String(raw.id), object: String(target), owner: SEED_OWNER, evidence: factEvidence ?? [] }, { ...origin, record: `${origin.record} about ${String(target)}` });
        }
      });
    }
  }

  for (const file of listYaml(path.join(dir, 'relationships'))) {
    for (const doc of documents(file)) {
      const parsed = relationshipFile.safeParse(doc);
      if (!parsed.success) {
        shapeIssues(file, parsed.error);
        continue;
      }
      parsed.data.relationships.forEach((raw, i) => {
        for (const subject of raw.subject) {
          for (const object of raw.object) {
            addEdge(
              { type: raw.type as RelType, subject, object, owner: SEED_OWNER, evidence: evidenceOf(raw.evidence) },
              { file: rel(file), record: `relationships[${i}] (${subject} ${raw.type} ${object})` },
            );
          }
        }
      });
    }
  }

  const list = [...edges.values()];
  return {
    // Quotes anchored in their source's text (exact text and offsets); what cannot be anchored is
    // left as written, for validation to report with the nearest passage.
    input: anchorGraph({ nodes, edges: list.map((entry) => entry.edge) }),
    origins: { nodes: nodeOrigins, edges: list.map((entry) => entry.origin) },
    articleText: fs.readFileSync(path.join(dir, 'article.txt'), 'utf8'),
    allowedXrefs: readXrefs(path.join(dir, 'xrefs.tsv')),
    issues,
  };
}

/** The CURIEs of the checked cross-reference table (second column; # lines are comments). */
export function readXrefs(file: string): Set<string> {
  const out = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const curie = line.split('\t')[1]?.trim();
    if (curie) out.add(curie);
  }
  return out;
}

/** Every problem in the seed files: reading, shapes, ids, references, kinds, quotes, xrefs. */
export function validateSeed(seed: SeedContents): ValidationIssue[] {
  return [
    ...seed.issues,
    ...validateGraph(seed.input, { allowedXrefs: seed.allowedXrefs, kebabIds: true, origins: seed.origins }),
  ];
}

/** The seed as validated records, or ValidationFailed listing every problem. */
export function validatedSeed(dir: string = defaultSeedDir()): GraphInput {
  const seed = readSeed(dir);
  const issues = validateSeed(seed);
  if (issues.length > 0) throw new ValidationFailed(issues);
  return seed.input;
}

function listYaml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}
