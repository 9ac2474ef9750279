/**
 * The graph as KGX, written piece by piece instead of built in memory: the same records
 * (nodeFromProps / edgeFromProps, as readGraph) and the same mapping (toKgx, as exportKgx), applied to
 * batches of rows streamed from ONE read transaction, so any change to the export mapping applies to
 * the downloads as well. Formats: KGX JSON (`graph.kgx.json`, exportKgx's layout) and KGX TSV
 * (`nodes.tsv`, `edges.tsv`: a header of columns, list values joined with `|`, as the kgx tool reads
 * them). Nodes come ordered by id and edges by relationship id (toKgx orders within each batch).
 */
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db';
import { ENTITY_LABEL, EVIDENCE_FIELDS, KIND_NAMES, KIND_PROPERTIES, type GraphInput, type NodeRecord, type EdgeRecord } from '../domain/model';
import { kgxIds, toKgx, type KgxEdge, type KgxNode } from './kgx';
import { edgeFromProps, nodeFromProps } from './records';

export type DownloadFile = 'graph.kgx.json' | 'nodes.tsv' | 'edges.tsv';
export const DOWNLOAD_FILES: readonly DownloadFile[] = ['graph.kgx.json', 'nodes.tsv', 'edges.tsv'];

const BATCH = 500;
/** A download may take much longer than one API query. */
export const DOWNLOAD_TIMEOUT_MS = 600_000;

const NODES = `MATCH (n:${ENTITY_LABEL}) WHERE n.id IS NOT NULL RETURN properties(n) AS p ORDER BY n.id`;
// What kgxIds needs of every node to choose export ids (registered CURIEs): a few short strings each, not the graph.
const NODE_IDS = `MATCH (n:${ENTITY_LABEL}) WHERE n.id IS NOT NULL RETURN n.id AS id, n.kind AS kind, n.xrefs AS xrefs`;
const EDGES = `MATCH (s:${ENTITY_LABEL})-[r]->(o:${ENTITY_LABEL}) RETURN type(r) AS type, s.id AS s, o.id AS o, properties(r) AS p ORDER BY r.id`;

/**
 * Columns of the TSV files: every key toKgx can write, found by mapping one node and one edge that
 * carry every property and evidence field of the model (so a new field there becomes a column).
 */
export function tsvColumns(): { nodes: string[]; edges: string[] } {
  const probeEvidence = (level: string, agent: string, value: string) =>
    Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f.key, f.key === 'knowledgeLevel' ? level : f.key === 'agentType' ? agent : value])) as unknown as EdgeRecord['evidence'][number];
  // Two pieces of evidence that differ: single-valued Biolink properties then also write their per-evidence list.
  const evidence = [probeEvidence('knowledge_assertion', 'manual_agent', 'x'), probeEvidence('observation', 'automated_agent', 'y')];
  // A Source's text is stored beside KIND_PROPERTIES (read only through Source.text), and exported too.
  const extras = Object.fromEntries([...Object.values(KIND_PROPERTIES).flat(), 'text'].map((p) => [p, p === 'year' || p === 'refNumber' ? 1 : p === 'negated' ? true : p === 'authors' ? ['x'] : 'x']));
  const node = { id: 'probe', kind: KIND_NAMES[0], name: 'x', aliases: ['x'], description: 'x', xrefs: ['x:1'], owner: 'x', ...extras, evidence } as NodeRecord;
  const edge = { type: 'HAS_SYMPTOM', subject: 'probe', object: 'probe', owner: 'x', evidence } as EdgeRecord;
  const negated = { ...edge, type: 'NOT_HAS_SYMPTOM' } as EdgeRecord;
  const kgx = toKgx({ nodes: [node], edges: [edge, negated] });
  const keys = (records: ReadonlyArray<Record<string, unknown>>) => [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { nodes: keys(kgx.nodes), edges: keys(kgx.edges) };
}

function tsvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => String(v)).join('|');
  return String(value);
}

function tsvRows(records: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string {
  if (records.length === 0) return '';
  for (const record of records) {
    const unknown = Object.keys(record).find((key) => !columns.includes(key));
    if (unknown) throw new Error(`KGX TSV: ${unknown} is not one of the columns; tsvColumns() must know every key toKgx writes`);
  }
  return stringify(records.map((r) => columns.map((c) => tsvCell(r[c]))), { delimiter: '\t', record_delimiter: 'unix' });
}

/** JSON of one record as exportKgx lays it out (two-space JSON, inside a list at depth two). */
function jsonRecord(record: KgxNode | KgxEdge): string {
  return JSON.stringify(record, null, 2).replace(/^/gm, '    ');
}

/**
 * Streams one download file of the graph to `write` (which may return a promise to apply
 * back-pressure). `check` runs inside the same read transaction after the last row: it throws when the
 * release changed meanwhile, so a download never mixes two releases without failing.
 */
export async function streamKgx(db: Database, file: DownloadFile, write: (chunk: string) => unknown, check: () => Promise<void>): Promise<void> {
  const columns = file === 'graph.kgx.json' ? undefined : tsvColumns();
  await db.readStream(async (run) => {
    const emit = async (chunk: string) => {
      if (chunk) await write(chunk);
    };
    async function each<T>(rows: AsyncIterable<Record<string, unknown>>, toRecord: (row: Record<string, unknown>) => T, flush: (batch: T[]) => Promise<void>) {
      let batch: T[] = [];
      for await (const row of rows) {
        batch.push(toRecord(row));
        if (batch.length >= BATCH) {
          await flush(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await flush(batch);
    }
    const node = (row: Record<string, unknown>) => nodeFromProps(row.p as Record<string, unknown>);
    const edge = (row: Record<string, unknown>) => edgeFromProps(row.type as string, row.s as string, row.o as string, row.p as Record<string, unknown>);
    // Export ids depend on the whole graph (a registered CURIE is taken once), so they are chosen first.
    const idRecords: NodeRecord[] = [];
    for await (const row of run(NODE_IDS)) idRecords.push({ id: row.id, kind: row.kind, xrefs: row.xrefs ?? [] } as NodeRecord);
    const ids = kgxIds(idRecords);
    const kgxOf = (graph: Partial<GraphInput>) => toKgx({ nodes: graph.nodes ?? [], edges: graph.edges ?? [] }, ids);

    if (file === 'graph.kgx.json') {
      let first = true;
      const list = async (records: ReadonlyArray<KgxNode | KgxEdge>) => {
        for (const record of records) {
          await emit(`${first ? '' : ',\n'}${jsonRecord(record)}`);
          first = false;
        }
      };
      await emit('{\n  "nodes": [\n');
      await each(run(NODES), node, (nodes) => list(kgxOf({ nodes }).nodes));
      await emit(`${first ? '' : '\n'}  ],\n  "edges": [\n`);
      first = true;
      await each(run(EDGES), edge, (edges) => list(kgxOf({ edges }).edges));
      await emit(`${first ? '' : '\n'}  ]\n}\n`);
    } else if (file === 'nodes.tsv') {
      await emit(tsvRows([Object.fromEntries(columns!.nodes.map((c) => [c, c]))], columns!.nodes));
      await each(run(NODES), node, (nodes) => emit(tsvRows(kgxOf({ nodes }).nodes, columns!.nodes)));
    } else {
      await emit(tsvRows([Object.fromEntries(columns!.edges.map((c) => [c, c]))], columns!.edges));
      await each(run(EDGES), edge, (edges) => emit(tsvRows(kgxOf({ edges }).edges, columns!.edges)));
    }
    await check();
  }, DOWNLOAD_TIMEOUT_MS);
}
