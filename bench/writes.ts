/**
 * npm run bench:writes [-- --sizes seed,100k --duration 5 --connections 1,10 --prewarm 30 --burst-rate 0]
 *
 * Curation's write path (issue 12 part 9) on the bench Neo4j (.neo4j/bench or BENCH_NEO4J_DIR), the
 * API in its own process (bench/servers.ts `api`, no response cache), load from this process:
 *   - proposals/s: `createEntity` with a fresh id and idempotency key per request (autocannon);
 *   - accepted proposals/s: each connection proposes, then a second user (a reviewer) accepts it;
 *   - p50/p99 of each, Bolt flights, CPU ms per operation of the API's Node process and of Neo4j;
 *   - read latency (the bench's Entity operation, one client, sequential, measured with hrtime)
 *     alone, then during a burst of accepted proposals at the highest connection count (held to
 *     `--burst-rate` pairs/s when given).
 * Sizes as in bench/run.ts: `seed` is the article's graph (reseed), others are generated
 * (bench/generate.ts) and loaded through the bulk path. Prints the figures; writes nothing else.
 */
import { performance } from 'node:perf_hooks';
import autocannon, { type RequestSpec } from 'autocannon';
import pino from 'pino';
import { issueToken } from '../src/auth/token-cli';
import { developmentAuthConfig } from '../src/config';
import type { Database } from '../src/db';
import { readRelease } from '../src/domain/releases';
import { reseed } from '../src/ingest/seed';
import { assertValid } from '../src/ingest/validate';
import { generateGraph, parseSize } from './generate';
import { ask, startChild, type Child } from './lib/children';
import { benchStartOptions, cpuSeconds, loadAverage, openDatabase, startBenchNeo4j, wipe } from './lib/neo4j';
import { bulkLoadInto } from './load';
import { OPERATIONS } from './operations';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const SIZES = arg('sizes', 'seed,100k').split(',');
const DURATION = Number(arg('duration', '5'));
const CONNECTIONS = arg('connections', '1,10').split(',').map(Number);
/**
 * Seconds of accepted proposals at 10 connections before measuring. A freshly started Neo4j spends
 * its first ~20 s compiling (JIT) the write path: with 3 s of warm-up a proposal cost 19 ms of Neo4j
 * CPU, after 25 s 4.6 ms.
 */
const PREWARM = Number(arg('prewarm', '30'));
/**
 * Accepted pairs per second the burst beside the reads is held to (0: as fast as it goes). Reads slow
 * down as a faster burst takes more of the 2 cores, so comparing reads across changes that speed up the
 * writes needs the same write rate.
 */
const BURST_RATE = Number(arg('burst-rate', '0'));

const PROPOSE = 'mutation Propose($input: CreateEntityInput!) { createEntity(input: $input) { change { id status } replayed } }';
const REVIEW = 'mutation Review($id: ID!) { reviewChange(id: $id, decision: ACCEPT) { change { id status } replayed } }';

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const f = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');

interface Tokens {
  curator: string;
  reviewer: string;
}

/** Ids and keys never repeat within a run, nor across runs on the same database. */
let serial = 0;
const runTag = Date.now().toString(36);
function proposalBody(): string {
  serial += 1;
  const id = `bench-write-${runTag}-${serial}`;
  return JSON.stringify({ query: PROPOSE, variables: { input: { id, kind: 'Condition', name: `Bench write ${serial}`, reason: 'bench:writes' } } });
}

const jsonHeaders = (token: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra });

/** A proposal step: a fresh payload and idempotency key each time; remembers the change id on the connection's context. */
function proposeStep(tokens: Tokens, failures: { count: number; sample?: string }): RequestSpec {
  return {
    method: 'POST',
    path: '/graphql',
    setupRequest: (request) => {
      const body = proposalBody();
      return { ...request, body, headers: jsonHeaders(tokens.curator, { 'idempotency-key': `bench-${runTag}-${serial}` }) };
    },
    onResponse: (status, body, context) => {
      const id = /"change":\{"id":"([^"]+)"/.exec(body)?.[1];
      context.changeId = id;
      if (status !== 200 || !id) {
        failures.count += 1;
        failures.sample ??= `${status} ${body.slice(0, 300)}`;
      }
    },
  };
}

function reviewStep(tokens: Tokens, failures: { count: number; sample?: string }): RequestSpec {
  return {
    method: 'POST',
    path: '/graphql',
    setupRequest: (request, context) => ({ ...request, body: JSON.stringify({ query: REVIEW, variables: { id: String(context.changeId ?? 'missing') } }), headers: jsonHeaders(tokens.reviewer) }),
    onResponse: (status, body) => {
      if (status !== 200 || !body.includes('"status":"ACCEPTED"')) {
        failures.count += 1;
        failures.sample ??= `${status} ${body.slice(0, 300)}`;
      }
    },
  };
}

interface WriteMeasure {
  /** Operations completed per second: proposals, or accepted proposals (propose + review pairs). */
  perSecond: number;
  /** Per HTTP request (a proposal, or either half of an accepted proposal). */
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  failures: number;
  sample?: string;
  flightsPerOp: number;
  /** Curation's writes per group-commit transaction (src/db/group-commit.ts). */
  writesPerCommit: number;
  nodeCpuMsPerOp: number;
  neo4jCpuMsPerOp: number;
}

async function writeLoad(api: Child, neo4jPid: number, tokens: Tokens, mode: 'propose' | 'accept', connections: number, seconds: number, pairsPerSecond = 0): Promise<WriteMeasure> {
  const failures = { count: 0 } as { count: number; sample?: string };
  const requests = mode === 'propose' ? [proposeStep(tokens, failures)] : [proposeStep(tokens, failures), reviewStep(tokens, failures)];
  const flights0 = await ask<number>(api, 'flights', 'flights');
  const grouped0 = await ask<GroupedWrites>(api, 'groupedWrites', 'groupedWrites');
  const cpu0 = cpuSeconds(api.pid);
  const neo0 = cpuSeconds(neo4jPid);
  // A pair is two requests; autocannon's overallRate counts requests.
  const rate = pairsPerSecond > 0 ? { overallRate: pairsPerSecond * (mode === 'propose' ? 1 : 2) } : {};
  const result = await autocannon({ url: `http://127.0.0.1:${api.port}`, requests, connections, duration: seconds, ...rate });
  const total = result.requests.total;
  const ops = mode === 'propose' ? total : Math.floor(total / 2);
  const per = (value: number) => (ops > 0 ? value / ops : NaN);
  const grouped = await ask<GroupedWrites>(api, 'groupedWrites', 'groupedWrites');
  return {
    perSecond: ops / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    requests: total,
    failures: failures.count + result.errors,
    sample: failures.sample,
    flightsPerOp: per((await ask<number>(api, 'flights', 'flights')) - flights0),
    writesPerCommit: (grouped.writes - grouped0.writes) / (grouped.transactions - grouped0.transactions),
    nodeCpuMsPerOp: per((cpuSeconds(api.pid) - cpu0) * 1000),
    neo4jCpuMsPerOp: per((cpuSeconds(neo4jPid) - neo0) * 1000),
  };
}

/** Curation's group-commit counters, as the API process reports them over IPC. */
type GroupedWrites = Database['groupedWrites'];

interface ReadMeasure {
  count: number;
  p50: number;
  p99: number;
  mean: number;
}

/** One client, one read at a time, for `seconds`: latencies in fractional ms (autocannon's are whole ms). */
async function readLatencies(api: Child, sizeName: string, seconds: number): Promise<ReadMeasure> {
  const op = OPERATIONS.find((candidate) => candidate.name === 'Entity')!;
  const body = JSON.stringify({ operationName: op.name, query: op.query, variables: op.variables[sizeName === 'seed' ? 'seed' : 'synthetic'] });
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${api.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) throw new Error(`read failed: ${response.status} ${text.slice(0, 200)}`);
    samples.push(performance.now() - t0);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { count: samples.length, p50: at(0.5), p99: at(0.99), mean: samples.reduce((s, x) => s + x, 0) / samples.length };
}

async function main(): Promise<void> {
  const started = Date.now();
  const start = benchStartOptions((line) => log(`[neo4j] ${line}`));
  let handle = await startBenchNeo4j(start.log as (line: string) => void);
  let db = openDatabase(handle);
  const auth = developmentAuthConfig();
  const tokens: Tokens = {
    curator: await issueToken(auth, ['--role', 'curator', '--sub', 'bench-curator', '--expires', '8h']),
    reviewer: await issueToken(auth, ['--role', 'reviewer', '--sub', 'bench-reviewer', '--expires', '8h']),
  };
  const table: string[] = [];
  const readTable: string[] = [];
  let api: Child | undefined;
  try {
    for (const sizeName of SIZES) {
      log(`\n== ${sizeName} ==`);
      if (sizeName === 'seed') {
        await wipe(db);
        await reseed(db, pino({ level: 'silent' }));
      } else {
        const input = generateGraph(parseSize(sizeName));
        assertValid(input, { kebabIds: true });
        await db.close();
        const loaded = await bulkLoadInto(handle, start, input);
        handle = loaded.handle;
        db = openDatabase(handle);
      }
      const counts = await db.read<{ nodes: number; relationships: number }>('MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships');
      log(`${sizeName}: ${counts[0]?.nodes} nodes, ${counts[0]?.relationships} relationships`);
      api?.proc.kill('SIGTERM');
      api = await startChild('api', { BENCH_NEO4J_URI: handle.uri, BENCH_NEO4J_USER: handle.user, BENCH_NEO4J_PASSWORD: handle.password, BENCH_FACET_SUMMARY: 'off' });
      // Warm both paths (plans, JIT) before measuring.
      await writeLoad(api, handle.pid, tokens, 'accept', 10, PREWARM);
      for (const connections of CONNECTIONS) {
        for (const mode of ['propose', 'accept'] as const) {
          const releaseBefore = (await readRelease(db)).number;
          const m = await writeLoad(api, handle.pid, tokens, mode, connections, DURATION);
          const bumps = (await readRelease(db)).number - releaseBefore;
          const what = mode === 'propose' ? 'proposals' : 'accepted proposals';
          const line =
            `| ${sizeName} | ${what} | ${connections} | ${f(m.perSecond)} | ${f(m.p50)} / ${f(m.p99)} | ${f(m.mean, 2)} | ${f(m.flightsPerOp, 1)} | ${f(m.writesPerCommit, 1)} | ` +
            `${f(m.nodeCpuMsPerOp, 2)} | ${f(m.neo4jCpuMsPerOp, 2)} | ${m.failures} | ${loadAverage().split(' ')[0]} |`;
          table.push(line);
          log(`${line}${mode === 'accept' ? ` releases +${bumps}` : ''}${m.sample ? ` first failure: ${m.sample}` : ''}`);
        }
      }
      // Reads alone, then during a burst of accepted proposals at the highest connection count.
      const burstConnections = Math.max(...CONNECTIONS);
      const alone = await readLatencies(api, sizeName, DURATION);
      const burst = writeLoad(api, handle.pid, tokens, 'accept', burstConnections, DURATION + 1, BURST_RATE);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const during = await readLatencies(api, sizeName, DURATION);
      const burstFigures = await burst;
      const row =
        `| ${sizeName} | ${f(alone.p50, 2)} / ${f(alone.p99, 2)} (${alone.count}) | ${f(during.p50, 2)} / ${f(during.p99, 2)} (${during.count}) | ` +
        `${f(during.p50 / alone.p50, 2)}× | ${f(burstFigures.perSecond)} accepted/s at c=${burstConnections} | ${loadAverage().split(' ')[0]} |`;
      readTable.push(row);
      log(row);
    }
  } finally {
    api?.proc.kill('SIGTERM');
    await db.close();
    await handle.stop();
  }
  process.stdout.write(`\nWrites (issue 12 part 9) — createEntity proposals; accepted = propose + accept by a second user; ${PREWARM} s warm-up per size, ${DURATION} s per row; load average (1 min) at the end of each row\n\n`);
  process.stdout.write('| size | operation | conns | per s | p50 / p99 ms (per request) | mean ms | Bolt flights/op | writes per commit | API Node CPU ms/op | Neo4j CPU ms/op | failures | load |\n|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n');
  for (const line of table) process.stdout.write(`${line}\n`);
  process.stdout.write('\nReads (Entity, one client, sequential; ms p50 / p99, count) alone and during a burst of accepted proposals\n\n');
  process.stdout.write('| size | alone p50 / p99 | during writes p50 / p99 | p50 during / alone | the burst | load |\n|---|---|---|---:|---|---:|\n');
  for (const line of readTable) process.stdout.write(`${line}\n`);
  process.stdout.write(`\n${((Date.now() - started) / 60_000).toFixed(1)} min\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
