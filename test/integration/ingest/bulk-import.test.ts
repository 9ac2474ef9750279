import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../../../src/db';
import type { GraphInput } from '../../../src/domain/model';
import { DATA_VERSION_LABEL, readRelease } from '../../../src/domain/releases';
import { BulkImportError, bulkImport } from '../../../src/ingest/bulk/import';
import { ensureSchema, loadGraph } from '../../../src/ingest/load';
import { validatedSeed } from '../../../src/ingest/seed-files';
import { startLocalNeo4j, type LocalNeo4jHandle, type LocalNeo4jOptions } from '../../../src/local-neo4j';

// Two real local Neo4j instances of their own (.neo4j/test-bulk-{a,b}-<pid>, removed at the end):
// one loaded through loadGraph, one through neo4j-admin database import.
jest.setTimeout(600_000);

const ROOT = path.resolve(__dirname, '../../..');
const folders: string[] = [];
const handles: LocalNeo4jHandle[] = [];

function options(name: string): LocalNeo4jOptions {
  const instanceDir = path.join(ROOT, '.neo4j', `test-bulk-${name}-${process.pid}`);
  fs.rmSync(instanceDir, { recursive: true, force: true });
  folders.push(instanceDir);
  return { instanceDir, heap: '512m', pageCache: '128m', log: () => {} };
}

async function start(o: LocalNeo4jOptions): Promise<LocalNeo4jHandle> {
  return track(await startLocalNeo4j(o));
}

function track(handle: LocalNeo4jHandle): LocalNeo4jHandle {
  handles.push(handle);
  return handle;
}

async function withDb<T>(handle: LocalNeo4jHandle, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = new Database(handle, { database: handle.database, queryTimeoutMs: 60_000 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

type Typed = Array<[string, unknown, string]>;

/**
 * Every node (labels, properties with their Neo4j value types) and relationship (type, ends, properties),
 * sorted; the data release node (its epoch and time differ by nature) is checked on its own.
 */
async function canonicalDump(handle: LocalNeo4jHandle): Promise<{ nodes: unknown[]; relationships: unknown[]; schema: unknown[] }> {
  return withDb(handle, async (db) => {
    const sortProps = (props: Typed) => [...props].sort((a, b) => a[0].localeCompare(b[0]));
    const nodes = await db.read<{ labels: string[]; props: Typed }>(`MATCH (n) WHERE NOT n:${DATA_VERSION_LABEL} RETURN labels(n) AS labels, [k IN keys(n) | [k, n[k], valueType(n[k])]] AS props`);
    const rels = await db.read<{ type: string; s: string; o: string; props: Typed }>(
      'MATCH (s)-[r]->(o) RETURN type(r) AS type, s.id AS s, o.id AS o, [k IN keys(r) | [k, r[k], valueType(r[k])]] AS props',
    );
    const schema = await db.read('SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state RETURN * ORDER BY name');
    const key = (value: unknown) => JSON.stringify(value);
    return {
      nodes: nodes.map((row) => ({ labels: [...row.labels].sort(), props: sortProps(row.props) })).sort((a, b) => key(a).localeCompare(key(b))),
      relationships: rels.map((row) => ({ type: row.type, s: row.s, o: row.o, props: sortProps(row.props) })).sort((a, b) => key(a).localeCompare(key(b))),
      schema,
    };
  });
}

/**
 * The seed plus records whose values are hard for CSV: commas, quotes, line breaks, semicolons and
 * bars (so neither ';' nor '|' can be the array delimiter), backslashes, [] and [''] lists, '' strings,
 * a partly filled optional evidence list, a Fact with negated false.
 */
function seedAndAwkwardRecords(): GraphInput {
  const seed = validatedSeed();
  const evidence = { source: 'article', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'seed' } as const;
  return {
    nodes: [
      ...seed.nodes,
      { id: 'awkward-source', kind: 'Source', name: 'A "quoted", name;\nwith a line break | and a \\ backslash', aliases: [], xrefs: [], owner: 'kgx', authors: [''], year: 2024, refNumber: 7.5, title: '', url: 'https://example.org/a,b;c' },
      { id: 'awkward-symptom', kind: 'Symptom', name: 'semi;colon', aliases: ['a;b', 'c|d', '"e"', 'f,\ng', ''], xrefs: ['HP:1234567'], owner: 'kgx', description: '  spaced  ' },
      { id: 'awkward-fact', kind: 'Fact', name: 'fact', aliases: [], xrefs: [], owner: 'kgx', statement: 'It "is", so.', negated: false, evidence: [{ ...evidence, quote: '' }] },
    ],
    edges: [
      ...seed.edges,
      { type: 'OCCURS_IN', subject: 'awkward-symptom', object: 'calves', owner: 'kgx', evidence: [{ ...evidence, quote: '', frequency: 'HP:0040283' }, { ...evidence, source: 'awkward-source', quote: 'x;y|z' }] },
      { type: 'ABOUT', subject: 'awkward-fact', object: 'awkward-symptom', owner: 'kgx', evidence: [{ ...evidence, quote: '' }] },
      { type: 'NOT_HAS_SYMPTOM', subject: 'bfs', object: 'awkward-symptom', owner: 'kgx', evidence: [{ ...evidence, quote: 'no, "never"' }] },
    ],
  };
}

afterAll(async () => {
  for (const handle of handles) await handle.stop();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('bulk import through neo4j-admin (empty local database)', () => {
  const input = seedAndAwkwardRecords();
  const a = options('a');
  const b = options('b');
  let viaLoadGraph: LocalNeo4jHandle;
  let viaBulk: LocalNeo4jHandle;

  it('stores the same nodes, labels, relationships, properties, value types and indexes as loadGraph', async () => {
    expect(input.nodes.find((n) => n.id === 'calves')).toBeDefined(); // the awkward edges attach to seed nodes
    viaLoadGraph = await start(a);
    await withDb(viaLoadGraph, async (db) => {
      await ensureSchema(db);
      await loadGraph(db, input);
    });
    const result = await bulkImport(input, { handle: await start(b), start: b });
    viaBulk = track(result.handle);
    expect(result).toMatchObject({ nodes: input.nodes.length, relationships: input.edges.length });
    expect([';', '|']).not.toContain(result.arrayDelimiter);
    expect(result.phases.nodeImportMs).toEqual(expect.any(Number));
    expect(result.phases.relationshipImportMs).toEqual(expect.any(Number));

    const expected = await canonicalDump(viaLoadGraph);
    const actual = await canonicalDump(viaBulk);
    expect(actual.nodes).toHaveLength(input.nodes.length);
    expect(actual.relationships).toHaveLength(input.edges.length);
    expect(actual.nodes).toEqual(expected.nodes);
    expect(actual.relationships).toEqual(expected.relationships);
    expect(actual.schema).toEqual(expected.schema);
    // Each path made one data release, named after it.
    await expect(withDb(viaLoadGraph, readRelease)).resolves.toMatchObject({ number: 1, source: 'load' });
    await expect(withDb(viaBulk, readRelease)).resolves.toMatchObject({ number: 1, source: 'bulk' });
  });

  it('refuses a database that is not empty, saying what to do instead, and leaves it unchanged', async () => {
    const before = await canonicalDump(viaLoadGraph);
    const tiny: GraphInput = { nodes: [{ id: 'x', kind: 'Symptom', name: 'X', aliases: [], xrefs: [], owner: 'kgx' }], edges: [] };
    const error = await bulkImport(tiny, { handle: viaLoadGraph, start: a }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BulkImportError);
    expect((error as BulkImportError).code).toBe('NOT_EMPTY');
    expect((error as Error).message).toMatch(/only loads an empty database.*npm run import without --bulk/s);
    expect(await canonicalDump(viaLoadGraph)).toEqual(before); // the same server still answers, same data
  });

  it('leaves the database empty and the server running when the importer fails, with the importer\'s reason', async () => {
    const broken: GraphInput = {
      nodes: [{ id: 'only-node', kind: 'Symptom', name: 'Only', aliases: [], xrefs: [], owner: 'kgx' }],
      edges: [{ type: 'OCCURS_IN', subject: 'only-node', object: 'not-there', owner: 'kgx', evidence: [{ source: 'article', quote: 'q', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'kgx' }] }],
    };
    const error = await bulkImport(broken, { handle: viaBulk, start: b, replaceExisting: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BulkImportError);
    const failure = error as BulkImportError;
    expect(failure.code).toBe('IMPORT_FAILED');
    expect(failure.message).toMatch(/not-there/);
    expect(failure.handle).toBeDefined();
    viaBulk = track(failure.handle as LocalNeo4jHandle);
    const counts = await withDb(viaBulk, (db) => db.read<{ n: number }>('MATCH (n) RETURN count(n) AS n'));
    expect(counts).toEqual([{ n: 0 }]);
  });
});
