/**
 * A server on its own supervised local Neo4j (never the shared test or dev instance: the scenarios
 * kill and freeze it), a load generator over loopback HTTP, and the fault scenarios of issue 18.
 * Used by `npm run faults` (prints the figures) and test/integration/server/faults.test.ts (asserts the bounds).
 */
import { Database } from '../../src/db';
import { seedIfEmpty } from '../../src/ingest/seed';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../src/local-neo4j';
import type { Logger } from '../../src/logger';
import { DEFAULT_CACHING, type AuthConfig } from '../../src/config';
import { createServer, type RunningServer } from '../../src/server';

export interface RigOptions {
  instanceDir: string;
  queryTimeoutMs: number;
  logger: Logger;
  /** Progress lines of the local Neo4j and the supervisor. */
  log?: (line: string) => void;
  maxConnections?: number;
  /** How bearer tokens are checked (curator writes); default: the server's own (the local development secret). */
  auth?: AuthConfig;
  /** Restarts in a row the supervisor attempts before giving up (default 3). */
  maxRestarts?: number;
}

export interface Rig {
  readonly url: string;
  readonly db: Database;
  readonly neo4j: SupervisedNeo4j;
  readonly server: RunningServer;
  /** When the server last took a restarted Neo4j back into service, its statements planned again (ms since epoch). */
  readonly backAt: number | undefined;
  stop(): Promise<void>;
}

/** The same wiring as src/index.ts: supervised local Neo4j → Database (health held while restarting) → server. */
export async function startRig(options: RigOptions): Promise<Rig> {
  let db: Database | undefined;
  let backAt: number | undefined;
  let server: RunningServer | undefined;
  const neo4j = await superviseLocalNeo4j(
    { instanceDir: options.instanceDir, heap: '512m', pageCache: '128m', log: options.log ?? (() => {}) },
    {
      maxRestarts: options.maxRestarts ?? 3,
      backoffMs: () => 500,
      // As src/index.ts wires it.
      onState: (reason) => {
        if (reason !== undefined || !server) db?.health.hold(reason);
        else void server.afterNeo4jRestart().finally(() => (backAt = Date.now()));
      },
    },
  );
  try {
    // Seeding is bulk work: its own Database with a long timeout, not the short one under test.
    const seeder = new Database(neo4j.current, { database: neo4j.current.database, queryTimeoutMs: 120_000 });
    await seedIfEmpty(seeder, options.logger).finally(() => seeder.close());
    db = new Database(neo4j.current, { database: neo4j.current.database, queryTimeoutMs: options.queryTimeoutMs, maxConnections: options.maxConnections });
    // No response cache: the scenarios measure what reaches Neo4j (with the cache, repeated reads keep answering 200 from it while Neo4j is down).
    server = await createServer({
      config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 100_000, playground: false }, shutdownGraceMs: 10_000, caching: { ...DEFAULT_CACHING, responseCacheBytes: 0, facetSummary: false }, ...(options.auth ? { auth: options.auth } : {}) },
      db,
      logger: options.logger,
    });
    await server.warmedUp;
    const opened = db;
    const running = server;
    return {
      url: running.url,
      db: opened,
      neo4j,
      server: running,
      get backAt() {
        return backAt;
      },
      async stop() {
        await running.stop();
        await opened.close();
        await neo4j.stop();
      },
    };
  } catch (error) {
    await db?.close();
    await neo4j.stop();
    throw error;
  }
}

/** The read mix of the load: entity, sharedSymptoms, rankConditions, search. */
export const READS = [
  '{ entity(id: "als") { id name } }',
  '{ sharedSymptoms(conditionIds: ["als", "bfs"]) { id name } }',
  '{ rankConditions(symptomIds: ["fasciculations", "muscle-cramps"], first: 3) { score condition { id } } }',
  '{ search(text: "twitch", first: 5) { score entity { id } } }',
];

export interface Outcome {
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
  retryAfter?: string | null;
  /** A network error instead of an answer (ECONNRESET …). */
  error?: string;
  hasData?: boolean;
}

/** One GraphQL read over HTTP, bounded by a 60 s client timeout (a hung request shows as ms ≈ 60000). */
export async function send(url: string, query: string): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    return {
      startedAt,
      ms: Date.now() - startedAt,
      status: response.status,
      code: body.errors?.[0]?.extensions?.code,
      retryAfter: response.headers.get('retry-after'),
      hasData: body.data !== undefined && body.data !== null,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string }; name?: string }).cause?.code ?? (error as { name?: string }).name ?? 'error';
    return { startedAt, ms: Date.now() - startedAt, status: 0, error: cause };
  }
}

/** Steady load: `ratePerSecond` reads (cycling through READS) until `until()` says stop; every outcome kept. */
export async function steadyLoad(url: string, ratePerSecond: number, until: () => boolean, maxMs = 120_000): Promise<Outcome[]> {
  const outcomes: Promise<Outcome>[] = [];
  const started = Date.now();
  for (let i = 0; !until() && Date.now() - started < maxMs; i++) {
    outcomes.push(send(url, READS[i % READS.length]!));
    await sleep(1000 / ratePerSecond);
  }
  return Promise.all(outcomes);
}

export async function probe(url: string, path: string): Promise<{ startedAt: number; ms: number; status: number; body: unknown }> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(30_000) });
    return { startedAt, ms: Date.now() - startedAt, status: response.status, body: await response.json() };
  } catch {
    return { startedAt, ms: Date.now() - startedAt, status: 0, body: undefined };
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
  return Date.now();
}

/** Signals the Neo4j Java process (its process group, as the supervisor's stop does). */
function signalNeo4j(rig: Rig, signal: NodeJS.Signals): number {
  const { pid } = rig.neo4j.current;
  process.kill(pid, signal);
  return pid;
}

export interface KillAndReturn {
  killedAt: number;
  pidBefore: number;
  /** When the supervisor had Neo4j running again. */
  restartedAt: number;
  /** When the server took it back (statements planned again) and served again. */
  backAt: number;
}

/**
 * SIGKILLs Neo4j and waits, at most `timeoutMs` for each step, until the supervisor has restarted it
 * and the server has taken it back (for scenarios that run their own load, e.g. curator writes).
 */
export async function killAndAwaitReturn(rig: Rig, timeoutMs = 120_000): Promise<KillAndReturn> {
  const restartsBefore = rig.neo4j.restarts;
  const killedAt = Date.now();
  const pidBefore = signalNeo4j(rig, 'SIGKILL');
  const restartedAt = await waitUntil('the supervisor to restart Neo4j', () => rig.neo4j.restarts > restartsBefore, timeoutMs);
  const backAt = await waitUntil('the server to take Neo4j back', () => (rig.backAt ?? 0) >= killedAt, timeoutMs);
  return { killedAt, pidBefore, restartedAt, backAt };
}

export interface KillFigures {
  outcomes: Outcome[];
  killedAt: number;
  /** First 503 answer after the kill, counted from the kill. */
  msToFirst503: number | undefined;
  /** Slowest 503 answer of requests sent while Neo4j was gone. */
  max503Ms: number;
  /** Answers that were neither 200 with data nor 503 + Retry-After + SERVICE_UNAVAILABLE. */
  dishonest: Outcome[];
  /** From the kill until the supervisor had Neo4j running again. */
  msToRestarted: number;
  /** From Neo4j running again until the server took it back (the warm-up again, at most 3 s; fast 503s meanwhile). */
  msRewarm: number | undefined;
  /** From Neo4j running again until the first read that answered 200 was sent. */
  msRestartedToFirstRead: number | undefined;
  /** From the server taking Neo4j back (restarted, statements planned again) until the first read that answered 200 was sent. */
  msBackToFirstRead: number | undefined;
  /** How long that first successful read took (a restarted Neo4j is cold: empty plan cache, cold JIT). */
  firstReadMs: number | undefined;
  restarts: number;
  pidBefore: number;
  pidAfter: number;
}

/** Neo4j SIGKILLed under steady load; the supervisor restarts it; load continues until reads succeed again. */
export async function killScenario(rig: Rig, ratePerSecond = 20): Promise<KillFigures> {
  const restartsBefore = rig.neo4j.restarts;
  let stopAt = Number.POSITIVE_INFINITY;
  const load = steadyLoad(rig.url, ratePerSecond, () => Date.now() > stopAt);
  await sleep(1000);
  const killedAt = Date.now();
  const pidBefore = signalNeo4j(rig, 'SIGKILL');
  const restartedAt = await waitUntil('the supervisor to restart Neo4j', () => rig.neo4j.restarts > restartsBefore, 180_000);
  // Reads after Neo4j is back: keep the load going until one succeeds, then one more second.
  // backAt is set when the server's warm-up after the restart ends, which may be before the poll above saw the restart.
  await waitUntil('the server to take Neo4j back', () => (rig.backAt ?? 0) >= killedAt, 180_000);
  await waitUntil('a read to succeed again', async () => (await send(rig.url, READS[0]!)).status === 200, 60_000);
  stopAt = Date.now() + 1000;
  const outcomes = await load;
  const duringOutage = outcomes.filter((o) => o.startedAt >= killedAt && o.startedAt < restartedAt);
  const first503 = outcomes.filter((o) => o.status === 503).sort((a, b) => a.startedAt + a.ms - (b.startedAt + b.ms))[0];
  const firstReadBack = outcomes.filter((o) => o.startedAt >= (rig.backAt ?? restartedAt) && o.status === 200).sort((a, b) => a.startedAt - b.startedAt)[0];
  const firstReadAfterRestart = outcomes.filter((o) => o.startedAt >= restartedAt && o.status === 200).sort((a, b) => a.startedAt - b.startedAt)[0];
  return {
    outcomes,
    killedAt,
    msToFirst503: first503 ? first503.startedAt + first503.ms - killedAt : undefined,
    max503Ms: Math.max(0, ...duringOutage.filter((o) => o.status === 503).map((o) => o.ms)),
    dishonest: outcomes.filter((o) => !honest(o)),
    msToRestarted: restartedAt - killedAt,
    msRewarm: rig.backAt === undefined ? undefined : rig.backAt - restartedAt,
    msRestartedToFirstRead: firstReadAfterRestart ? firstReadAfterRestart.startedAt - restartedAt : undefined,
    msBackToFirstRead: firstReadBack ? firstReadBack.startedAt - (rig.backAt ?? restartedAt) : undefined,
    firstReadMs: firstReadBack?.ms,
    restarts: rig.neo4j.restarts - restartsBefore,
    pidBefore,
    pidAfter: rig.neo4j.current.pid,
  };
}

export interface FreezeFigures {
  outcomes: Outcome[];
  /** Concurrent burst sent as the freeze began. */
  burst: Outcome[];
  probes: Array<{ ms: number; status: number; body: unknown }>;
  maxWaitMs: number;
  dishonest: Outcome[];
  statuses: Record<string, number>;
  maxProbeMs: number;
  /** From SIGCONT until the first read answered 200. */
  msToRecovery: number;
}

/** Neo4j SIGSTOPped for `freezeMs` under steady load, with a burst of `burst` concurrent reads as it freezes. */
export async function freezeScenario(rig: Rig, freezeMs: number, options: { ratePerSecond?: number; burst?: number } = {}): Promise<FreezeFigures> {
  let frozen = true;
  signalNeo4j(rig, 'SIGSTOP');
  const frozenAt = Date.now();
  try {
    const burst = Promise.all(Array.from({ length: options.burst ?? 200 }, (_, i) => send(rig.url, READS[i % READS.length]!)));
    const load = steadyLoad(rig.url, options.ratePerSecond ?? 20, () => !frozen);
    const probes: Array<{ ms: number; status: number; body: unknown }> = [];
    while (Date.now() - frozenAt < freezeMs) {
      probes.push(await probe(rig.url, '/readyz'));
      await sleep(250);
    }
    frozen = false;
    signalNeo4j(rig, 'SIGCONT');
    const resumedAt = Date.now();
    const recoveredAt = await waitUntil('a read to succeed after the freeze', async () => (await send(rig.url, READS[0]!)).status === 200, 30_000);
    const outcomes = await load;
    const burstOutcomes = await burst;
    const all = [...burstOutcomes, ...outcomes];
    const statuses: Record<string, number> = {};
    for (const o of all) {
      const key = o.error ?? `${o.status} ${o.code ?? ''}`.trim();
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    return {
      outcomes,
      burst: burstOutcomes,
      probes,
      maxWaitMs: Math.max(...all.map((o) => o.ms)),
      dishonest: all.filter((o) => !honest(o)),
      statuses,
      maxProbeMs: Math.max(...probes.map((p) => p.ms)),
      msToRecovery: recoveredAt - resumedAt,
    };
  } finally {
    if (frozen) signalNeo4j(rig, 'SIGCONT');
  }
}

export interface ExhaustionFigures {
  outcomes: Outcome[];
  maxWaitMs: number;
  dishonest: Outcome[];
  refused: number;
}

/**
 * Every pooled connection held by an open transaction (a healthy Neo4j, a full pool): reads are
 * refused with 503 after the acquisition timeout, not an internal error; once let go, they succeed.
 */
export async function exhaustionScenario(rig: Rig, connections: number, requests = 20): Promise<ExhaustionFigures & { afterwards: Outcome }> {
  const holders = await Promise.all(
    Array.from({ length: connections }, async () => {
      const session = rig.db.driver.session();
      const tx = await session.beginTransaction();
      await tx.run('RETURN 1');
      return { session, tx };
    }),
  );
  let outcomes: Outcome[];
  try {
    outcomes = await Promise.all(Array.from({ length: requests }, (_, i) => send(rig.url, READS[i % READS.length]!)));
  } finally {
    for (const { session, tx } of holders) await tx.rollback().then(() => session.close());
  }
  const afterwards = await send(rig.url, READS[1]!);
  return {
    outcomes,
    maxWaitMs: Math.max(...outcomes.map((o) => o.ms)),
    dishonest: outcomes.filter((o) => !honest(o)),
    refused: outcomes.filter((o) => o.status === 503).length,
    afterwards,
  };
}

/** 200 with data, or 503 with Retry-After and SERVICE_UNAVAILABLE and no data. */
export function honest(o: Outcome): boolean {
  if (o.status === 200) return o.hasData === true && o.code === undefined;
  return o.status === 503 && o.code === 'SERVICE_UNAVAILABLE' && o.retryAfter !== null && o.retryAfter !== undefined && o.hasData === false;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
