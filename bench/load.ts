/**
 * Loads a generated graph into the bench Neo4j through the project's import path (ensureSchema +
 * loadGraph) and reports the load rate. Used by run.ts; also runnable alone:
 *   node dist/bench/load.js 100k [batchSize]
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db';
import type { GraphInput } from '../src/domain/model';
import { ensureSchema, loadGraph, type LoadResult } from '../src/ingest/load';
import { assertValid } from '../src/ingest/validate';
import { BENCH_OWNER, generateGraph, parseSize } from './generate';
import { loadAverage, openDatabase, startBenchNeo4j, wipe } from './lib/neo4j';

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

async function main(): Promise<void> {
  const size = parseSize(process.argv[2] ?? '10k');
  const batchSize = process.argv[3] ? Number(process.argv[3]) : undefined;
  const handle = await startBenchNeo4j((line) => process.stderr.write(`[neo4j] ${line}\n`));
  const db = openDatabase(handle);
  try {
    const input = generateGraph(size);
    assertValid(input, { kebabIds: true });
    console.log(describeLoad(`${process.argv[2] ?? '10k'} (batch ${batchSize ?? 'default'})`, await loadInto(db, input, batchSize)));
  } finally {
    await db.close();
    await handle.stop();
  }
}

if (require.main === module && /load\.js$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
