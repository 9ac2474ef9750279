import fs from 'node:fs';
import { Database } from '../../src/db';
import { startLocalNeo4j, type LocalNeo4jHandle, type LocalNeo4jOptions } from '../../src/local-neo4j';

/**
 * The bench-only instance folder (never .neo4j/dev or .neo4j/test). BENCH_NEO4J_DIR points a
 * `--no-load` run at another prepared graph, e.g. the one the HPO full check imported.
 */
export const BENCH_INSTANCE = process.env.BENCH_NEO4J_DIR ?? '.neo4j/bench';
export const BENCH_NEO4J = { heap: '6g', pageCache: '2g' } as const;
/** The page cache when a 1M graph is measured (its store is a few GB; the machine has 24 GiB). */
export const BENCH_NEO4J_1M_PAGECACHE = '4g';

/** How the bench Neo4j is started; the bulk import reuses these to run neo4j-admin and to restart it. */
export function benchStartOptions(log: (line: string) => void, pageCache: string = BENCH_NEO4J.pageCache): LocalNeo4jOptions {
  return { instanceDir: BENCH_INSTANCE, heap: BENCH_NEO4J.heap, pageCache, log, startTimeoutMs: 240_000 };
}

export async function startBenchNeo4j(log: (line: string) => void, pageCache?: string): Promise<LocalNeo4jHandle> {
  return startLocalNeo4j(benchStartOptions(log, pageCache));
}

export function openDatabase(handle: Pick<LocalNeo4jHandle, 'uri' | 'user' | 'password' | 'database'>, queryTimeoutMs = 60_000): Database {
  return new Database(handle, { database: handle.database, queryTimeoutMs });
}

/** Deletes everything in batches (auto-commit CALL ... IN TRANSACTIONS); a 1M graph takes minutes. */
export async function wipe(db: Database): Promise<void> {
  await db.writeInBatches('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS', {}, 3_600_000);
}

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size in MB, from /proc/PID/status. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
