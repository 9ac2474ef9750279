/**
 * Loads a generated graph into the bench Neo4j and reports the load rate, through either import path:
 * the transactional one (ensureSchema + loadGraph, one transaction) or the bulk one for an empty
 * database (src/ingest/bulk: CSV + neo4j-admin database import + restart + indexes). Used by run.ts;
 * also runnable alone:
 *   node dist/bench/load.js 100k [batchSize]            loadGraph
 *   node --max-old-space-size=8192 dist/bench/load.js 1m --bulk
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db';
import type { GraphInput } from '../src/domain/model';
import { bulkImport, type BulkImportResult } from '../src/ingest/bulk/import';
import type { LocalNeo4jHandle, LocalNeo4jOptions } from '../src/local-neo4j';
import { ensureSchema, loadGraph, type LoadResult } from '../src/ingest/load';
import { assertValid } from '../src/ingest/validate';
import { BENCH_OWNER, generateGraph, parseSize } from './generate';
import { BENCH_NEO4J_1M_PAGECACHE, benchStartOptions, loadAverage, openDatabase, startBenchNeo4j, wipe } from './lib/neo4j';

export interface LoadReport {
  nodes: number;
  relationships: number;
  seconds: number;
  nodesPerSecond: number;
  relationshipsPerSecond: number;
  loadAverage: string;
  result: LoadResult;
}

/** Wipes the bench database, then loads `input` in one loadGraph call; only loadGraph is timed. */
export async function loadInto(db: Database, input: GraphInput, batchSize?: number): Promise<LoadReport> {
  await wipe(db);
  await ensureSchema(db);
  const started = performance.now();
  const result = await loadGraph(db, input, { replaceOwner: BENCH_OWNER, batchSize });
  const seconds = (performance.now() - started) / 1000;
  return {
    nodes: input.nodes.length,
    relationships: input.edges.length,
    seconds,
    nodesPerSecond: input.nodes.length / seconds,
    relationshipsPerSecond: input.edges.length / seconds,
    loadAverage: loadAverage(),
    result,
  };
}

export function describeLoad(label: string, r: LoadReport): string {
  return `${label}: ${r.nodes} nodes + ${r.relationships} relationships in ${r.seconds.toFixed(1)} s = ${Math.round(r.nodesPerSecond)} nodes/s, ${Math.round(r.relationshipsPerSecond)} relationships/s (load avg ${r.loadAverage})`;
}

export interface BulkLoadReport {
  nodes: number;
  relationships: number;
  /** End to end: emptiness check, CSV writing, stop, neo4j-admin, restart, list restore, indexes, count check. */
  seconds: number;
  nodesPerSecond: number;
  relationshipsPerSecond: number;
  /** The importer's own phases: nodes / "Node import"; relationships / ("Relationship import" + "Relationship linking"). */
  importerNodesPerSecond?: number;
  importerRelationshipsPerSecond?: number;
  /** The neo4j-admin process, wall clock (JVM start included). */
  importerSeconds: number;
  result: Omit<BulkImportResult, 'handle'>;
  loadAverage: string;
}

/**
 * Replaces the bench database with `input` through the bulk path (the bench instance's data may be
 * replaced). Stops and restarts the server: returns the new handle.
 */
export async function bulkLoadInto(handle: LocalNeo4jHandle, start: LocalNeo4jOptions, input: GraphInput): Promise<{ handle: LocalNeo4jHandle; report: BulkLoadReport }> {
  const { handle: restarted, ...result } = await bulkImport(input, { handle, start, replaceExisting: true, log: start.log });
  const seconds = result.timings.totalMs / 1000;
  const { nodeImportMs, relationshipImportMs, relationshipLinkingMs } = result.phases;
  const relMs = relationshipImportMs !== undefined && relationshipLinkingMs !== undefined ? relationshipImportMs + relationshipLinkingMs : undefined;
  return {
    handle: restarted,
    report: {
      nodes: result.nodes,
      relationships: result.relationships,
      seconds,
      nodesPerSecond: result.nodes / seconds,
      relationshipsPerSecond: result.relationships / seconds,
      importerNodesPerSecond: nodeImportMs ? (result.nodes * 1000) / nodeImportMs : undefined,
      importerRelationshipsPerSecond: relMs ? (result.relationships * 1000) / relMs : undefined,
      importerSeconds: result.timings.importMs / 1000,
      result,
      loadAverage: loadAverage(),
    },
  };
}

export function describeBulkLoad(label: string, r: BulkLoadReport): string {
  const t = r.result.timings;
  const p = r.result.phases;
  const s = (ms: number | undefined) => (ms === undefined ? '?' : (ms / 1000).toFixed(1));
  const rate = (x: number | undefined) => (x === undefined ? '?' : String(Math.round(x)));
  return [
    `${label}: ${r.nodes} nodes + ${r.relationships} relationships (load avg ${r.loadAverage})`,
    `  end to end ${r.seconds.toFixed(1)} s = ${Math.round(r.nodesPerSecond)} nodes/s, ${Math.round(r.relationshipsPerSecond)} relationships/s ` +
      `(CSV ${s(t.csvMs)} s, ${(r.result.csvBytes / 2 ** 20).toFixed(0)} MiB; stop ${s(t.stopMs)} s; neo4j-admin ${s(t.importMs)} s; restart ${s(t.startMs)} s; [] / [''] lists ${s(t.restoreListsMs)} s; indexes ${s(t.schemaMs)} s)`,
    `  importer phases: nodes ${s(p.nodeImportMs)} s = ${rate(r.importerNodesPerSecond)} nodes/s; relationships ${s(p.relationshipImportMs)} s + linking ${s(p.relationshipLinkingMs)} s = ${rate(r.importerRelationshipsPerSecond)} relationships/s; post-processing ${s(p.postProcessingMs)} s; IMPORT DONE ${s(p.totalMs)} s`,
  ].join('\n');
}

async function main(): Promise<void> {
  const size = parseSize(process.argv[2] ?? '10k');
  const bulk = process.argv.includes('--bulk');
  const batchArg = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : undefined;
  const batchSize = batchArg ? Number(batchArg) : undefined;
  const start = benchStartOptions((line) => process.stderr.write(`[neo4j] ${line}\n`), size >= 1_000_000 ? BENCH_NEO4J_1M_PAGECACHE : undefined);
  let handle = await startBenchNeo4j(start.log as (line: string) => void, start.pageCache);
  try {
    const input = generateGraph(size);
    assertValid(input, { kebabIds: true });
    if (bulk) {
      const loaded = await bulkLoadInto(handle, start, input);
      handle = loaded.handle;
      console.log(describeBulkLoad(`${process.argv[2] ?? '10k'} bulk`, loaded.report));
    } else {
      const db = openDatabase(handle);
      try {
        console.log(describeLoad(`${process.argv[2] ?? '10k'} (batch ${batchSize ?? 'default'})`, await loadInto(db, input, batchSize)));
      } finally {
        await db.close();
      }
    }
  } finally {
    await handle.stop();
  }
}

if (require.main === module && /load\.js$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
