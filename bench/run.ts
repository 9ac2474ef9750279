/**
 * npm run bench [-- --sizes seed,10k,100k[,1m] --duration 2 --rounds 2 --connections 1,10 --prewarm 20 --ops Entity,Page --no-peer]
 * For each size: load (synthetic sizes: through loadGraph up to 100k, timed, and then through the bulk
 * path, timed, which replaces it), start the servers, check that API, floor and ceiling answer byte-identically
 * and that @neo4j/graphql's answers (issue 19; left out with --no-peer), mapped to the API's shape, equal the
 * floor's — any difference prints a diff and fails the run —, pre-warm, then autocannon rounds interleaved
 * API -> floor -> ceiling -> neo4jgraphql, at each connection count.
 * Prints one line per measurement and a table at the end; writes bench/results/<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { reseed } from '../src/ingest/seed';
import { assertValid } from '../src/ingest/validate';
import { generateGraph, parseSize } from './generate';
import { bulkLoadInto, describeBulkLoad, describeLoad, loadInto, type BulkLoadReport, type LoadReport } from './load';
import { BENCH_NEO4J, BENCH_NEO4J_1M_PAGECACHE, benchStartOptions, cpuSeconds, loadAverage, openDatabase, rssMb, startBenchNeo4j, wipe } from './lib/neo4j';
import { ask, startChild, type Child, type ServerName } from './lib/children';
import { OPERATIONS, type Operation } from './operations';
import { PEER_CANNOT, PEER_OPERATIONS, firstDifference } from './peers/neo4j-graphql';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const SIZES = arg('sizes', 'seed,10k,100k').split(',');
const DURATION = Number(arg('duration', '2'));
const ROUNDS = Number(arg('rounds', '2'));
const CONNECTIONS = arg('connections', '1,10').split(',').map(Number);
const PREWARM = Number(arg('prewarm', '40'));
const ONLY = arg('ops', '');
/** Measure what is loaded already (the last size of a previous run) instead of wiping and loading. */
const NO_LOAD = process.argv.includes('--no-load');
/** Leave out the @neo4j/graphql peer (issue 19); it is measured by default. */
const PEER = !process.argv.includes('--no-peer');
const OPS = OPERATIONS.filter((op) => !ONLY || ONLY.split(',').includes(op.name));
/** The transactional loadGraph rate is measured up to this size (at 1M its one transaction does not fit in the heap). */
const TRANSACTIONAL_MAX = 100_000;
const PAGE_CACHE = SIZES.some((size) => size !== 'seed' && parseSize(size) >= 1_000_000) ? BENCH_NEO4J_1M_PAGECACHE : BENCH_NEO4J.pageCache;

const variablesAt = (op: Operation, sizeName: string) => op.variables[sizeName === 'seed' ? 'seed' : 'synthetic'];

function body(op: Operation, sizeName: string): string {
  return JSON.stringify({ operationName: op.name, query: op.query, variables: variablesAt(op, sizeName) });
}

/** The peer's request for an operation in its dialect; null when it is not asked this one. */
function peerBody(op: Operation, sizeName: string): string | null {
  const peer = PEER ? PEER_OPERATIONS[op.name] : undefined;
  return peer ? JSON.stringify({ operationName: op.name, query: peer.query, variables: peer.variables(variablesAt(op, sizeName)) }) : null;
}

/** The peer's answer mapped to the API's shape, as `{"data":…}` text; an error answer is kept as it is (and differs). */
function peerAsApi(op: Operation, text: string): string {
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (answer.errors || !answer.data) return text;
  return `${JSON.stringify({ data: PEER_OPERATIONS[op.name]!.toApi(answer.data) })}\n`;
}

async function post(port: number, payload: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
  return res.text();
}

interface Measure {
  rps: number;
  /** Mean latency in ms (autocannon's percentiles are whole milliseconds). */
  mean: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  flights: number;
  /** Bytes read from Neo4j per request (all Bolt traffic of the server process: records and summaries). */
  boltBytes: number;
  nodeCpuMs: number;
  neo4jCpuMs: number;
  rss: number;
}

async function cannon(child: Child, payload: string, connections: number, seconds: number, neo4jPid: number): Promise<Measure> {
  // The peer does not count its flights (null): NaN, printed as '-'.
  const flights0 = (await ask<number | null>(child, 'flights', 'flights')) ?? NaN;
  const bytes0 = await ask<number>(child, 'boltBytes', 'boltBytes');
  const cpu0 = cpuSeconds(child.pid);
  const neo0 = cpuSeconds(neo4jPid);
  let rss = rssMb(child.pid);
  const sampler = setInterval(() => (rss = Math.max(rss, rssMb(child.pid))), 250);
  const result = await autocannon({
    url: `http://127.0.0.1:${child.port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
    connections,
    duration: seconds,
  });
  clearInterval(sampler);
  const requests = result.requests.total || 1;
  return {
    rps: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    flights: (((await ask<number | null>(child, 'flights', 'flights')) ?? NaN) - flights0) / requests,
    boltBytes: ((await ask<number>(child, 'boltBytes', 'boltBytes')) - bytes0) / requests,
    nodeCpuMs: ((cpuSeconds(child.pid) - cpu0) * 1000) / requests,
    neo4jCpuMs: ((cpuSeconds(neo4jPid) - neo0) * 1000) / requests,
    rss,
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const start = benchStartOptions((line) => log(`[neo4j] ${line}`), PAGE_CACHE);
  let handle = await startBenchNeo4j(start.log as (line: string) => void, PAGE_CACHE);
  let db = openDatabase(handle);
  let children: Child[] = [];
  const results: Record<string, unknown>[] = [];
  const loads: Record<string, LoadReport> = {};
  const bulkLoads: Record<string, BulkLoadReport> = {};
  const stopChildren = () => {
    for (const child of children) child.proc.kill('SIGTERM');
    children = [];
  };
  try {
    for (const sizeName of SIZES) {
      log(`\n== ${sizeName} ==`);
      if (NO_LOAD) {
        log('--no-load: measuring the graph loaded by the previous run');
      } else if (sizeName === 'seed') {
        await wipe(db);
        const t0 = Date.now();
        const r = await reseed(db, pino({ level: 'silent' }));
        log(`seed: ${r.nodes} nodes + ${r.edges} relationships in ${((Date.now() - t0) / 1000).toFixed(1)} s (article graph; rate not meaningful at this size)`);
      } else {
        const size = parseSize(sizeName);
        let t0 = Date.now();
        const input = generateGraph(size);
        const generated = Date.now();
        assertValid(input, { kebabIds: true });
        log(`${sizeName}: generated in ${((generated - t0) / 1000).toFixed(1)} s, validated in ${((Date.now() - generated) / 1000).toFixed(1)} s (neither counted in the load rates)`);
        if (size <= TRANSACTIONAL_MAX) {
          const report = await loadInto(db, input);
          loads[sizeName] = report;
          log(describeLoad(`${sizeName} transactional (loadGraph, one transaction; timed: loadGraph only)`, report));
        }
        // The bulk path replaces the whole database (the bench instance's data may be replaced).
        await db.close();
        t0 = Date.now();
        const loaded = await bulkLoadInto(handle, start, input);
        handle = loaded.handle;
        db = openDatabase(handle);
        bulkLoads[sizeName] = loaded.report;
        log(describeBulkLoad(`${sizeName} bulk (neo4j-admin database import)`, loaded.report));
        log(`${sizeName}: bulk call ${((Date.now() - t0) / 1000).toFixed(1)} s wall clock`);
      }
      const env = { BENCH_NEO4J_URI: handle.uri, BENCH_NEO4J_USER: handle.user, BENCH_NEO4J_PASSWORD: handle.password };
      stopChildren();
      for (const name of ['api', 'floor', 'ceiling'] as const) children.push(await startChild(name, env));
      const [api, floor, ceiling] = children as [Child, Child, Child];
      const peer = PEER ? await startChild('neo4jgraphql', env) : null;
      if (peer) children.push(peer);
      // Wait (at most 2 min) until Neo4j idles below 10 % of a core for 3 s, so that work left by a
      // load does not count as CPU per request. (Idle was 1 % before the 100k measurements, yet Entity
      // cost 16 ms of Neo4j per request there: a plan choice, see bench/README.md "growth".)
      for (let waited = 0; ; waited += 3) {
        const idle0 = cpuSeconds(handle.pid);
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const share = (cpuSeconds(handle.pid) - idle0) / 3;
        if (share < 0.1 || waited >= 120) {
          log(`Neo4j CPU while idle: ${(share * 100).toFixed(0)} % of a core (after ${waited + 3} s)`);
          break;
        }
      }
      // Same answers, byte for byte (and the ceiling records the rows it will replay).
      await ask(ceiling, 'record', 'mode');
      const ok = new Map<string, boolean>();
      const mismatches: string[] = [];
      for (const op of OPS) {
        const payload = body(op, sizeName);
        const [a, f, c] = [await post(api.port, payload), await post(floor.port, payload), await post(ceiling.port, payload)];
        const same = a === f && a === c && !a.includes('"errors"');
        ok.set(op.name, same);
        if (!same) {
          mismatches.push(`${op.name} (api/floor/ceiling)`);
          log(`MISMATCH ${op.name} at ${sizeName}:\n  api:     ${a.slice(0, 400)}\n  floor:   ${f.slice(0, 400)}\n  ceiling: ${c.slice(0, 400)}`);
        } else log(`identical: ${op.name} (${a.length} bytes)`);
        const peerPayload = peerBody(op, sizeName);
        if (peer && peerPayload) {
          const raw = await post(peer.port, peerPayload);
          const diff = firstDifference(f, peerAsApi(op, raw));
          if (diff) {
            mismatches.push(`${op.name} (neo4jgraphql)`);
            log(`MISMATCH ${op.name} at ${sizeName}: @neo4j/graphql's answer, mapped, is not the floor's, ${diff}\n  raw: ${raw.slice(0, 400)}`);
          } else log(`  @neo4j/graphql agrees after mapping: ${op.name} (${raw.length} bytes as it answers)`);
        } else if (peer) log(`  @neo4j/graphql is not asked ${op.name}: ${PEER_CANNOT[op.name] ?? 'no document'}`);
      }
      // Fail loudly: figures for a wrong answer mean nothing.
      if (mismatches.length > 0) throw new Error(`answers differ at ${sizeName}: ${mismatches.join(', ')} (see MISMATCH above)`);
      await ask(ceiling, 'replay', 'mode');
      // Pre-warm Neo4j's JIT and both Node processes.
      const warmEach = Math.max(1, Math.round(PREWARM / Math.max(1, OPS.length * 2)));
      for (const op of OPS) for (const child of [api, floor]) await cannon(child, body(op, sizeName), 10, warmEach, handle.pid);
      for (const connections of CONNECTIONS) {
        for (const op of OPS) {
          const payload = body(op, sizeName);
          const peerPayload = peerBody(op, sizeName);
          const probeBefore = await cannon(floor, payload, connections, 1, handle.pid);
          const runs: Record<ServerName, Measure[]> = { api: [], floor: [], ceiling: [], neo4jgraphql: [] };
          for (let round = 0; round < ROUNDS; round++) {
            for (const child of [api, floor, ceiling]) runs[child.name].push(await cannon(child, payload, connections, DURATION, handle.pid));
            if (peer && peerPayload) runs.neo4jgraphql.push(await cannon(peer, peerPayload, connections, DURATION, handle.pid));
          }
          const probeAfter = await cannon(floor, payload, connections, 1, handle.pid);
          const drift = Math.abs(probeAfter.rps - probeBefore.rps) / Math.max(1, probeBefore.rps);
          const summary = (name: ServerName) => {
            const m = runs[name];
            return {
              rps: median(m.map((x) => x.rps)),
              mean: median(m.map((x) => x.mean)),
              p50: median(m.map((x) => x.p50)),
              p99: median(m.map((x) => x.p99)),
              errors: m.reduce((s, x) => s + x.errors, 0),
              flights: median(m.map((x) => x.flights)),
              boltBytes: median(m.map((x) => x.boltBytes)),
              nodeCpuMs: median(m.map((x) => x.nodeCpuMs)),
              neo4jCpuMs: median(m.map((x) => x.neo4jCpuMs)),
              rss: Math.max(...m.map((x) => x.rss)),
            };
          };
          const row = {
            size: sizeName,
            op: op.name,
            weight: op.weight,
            connections,
            identical: ok.get(op.name),
            api: summary('api'),
            floor: summary('floor'),
            ceiling: summary('ceiling'),
            neo4jgraphql: summary('neo4jgraphql'),
            probe: { before: probeBefore.rps, after: probeAfter.rps, flat: drift <= 0.15 },
            loadAverage: loadAverage(),
          };
          results.push(row);
          const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');
          log(
            `${sizeName.padEnd(5)} c=${String(connections).padEnd(2)} ${op.name.padEnd(15)} ` +
              `api ${f(row.api.rps).padStart(5)} r/s p50 ${f(row.api.p50)} mean ${f(row.api.mean, 2)} p99 ${f(row.api.p99)} ms | ` +
              `floor ${f(row.floor.rps).padStart(5)} p50 ${f(row.floor.p50)} mean ${f(row.floor.mean, 2)} | ceiling ${f(row.ceiling.rps).padStart(5)} | ` +
              `ratio ${f(row.api.rps / row.floor.rps, 2)} mean-lat x${f(row.api.mean / row.floor.mean, 2)} | flights ${f(row.api.flights, 1)}/${f(row.floor.flights, 1)} | ` +
              `bolt bytes/req ${f(row.api.boltBytes)}/${f(row.floor.boltBytes)}/${f(row.neo4jgraphql.boltBytes)} | ` +
              `cpu/req node ${f(row.api.nodeCpuMs, 2)}/${f(row.floor.nodeCpuMs, 2)}/${f(row.ceiling.nodeCpuMs, 2)} ms neo4j ${f(row.api.neo4jCpuMs, 2)}/${f(row.floor.neo4jCpuMs, 2)} ms | ` +
              `rss ${f(row.api.rss)} MB | ${row.identical ? 'identical' : 'MISMATCH'} ${row.probe.flat ? 'flat' : `drift ${f(drift * 100)}%`} | load ${row.loadAverage}` +
              (peerPayload ? ` | @neo4j/graphql ${f(row.neo4jgraphql.rps).padStart(5)} r/s mean ${f(row.neo4jgraphql.mean, 2)} p99 ${f(row.neo4jgraphql.p99)} ms, api/peer ${f(row.api.rps / row.neo4jgraphql.rps, 2)}` : ''),
          );
        }
      }
    }
  } finally {
    stopChildren();
    await db.close();
    await handle.stop();
  }
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    neo4j: { version: handle.neo4jVersion, ...BENCH_NEO4J, pageCache: PAGE_CACHE },
    settings: { sizes: SIZES, duration: DURATION, rounds: ROUNDS, connections: CONNECTIONS, prewarm: PREWARM },
    minutes: (Date.now() - started) / 60_000,
    loads,
    bulkLoads,
    results,
  };
  fs.mkdirSync(path.join(__dirname, '..', '..', 'bench', 'results'), { recursive: true });
  const file = path.join(__dirname, '..', '..', 'bench', 'results', `${out.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  log(`\n${sideBySide(results as unknown as Parameters<typeof sideBySide>[0])}`);
  log(`\nwrote ${file} (${out.minutes.toFixed(1)} min)`);
}

interface Summary {
  rps: number;
  mean: number;
  p99: number;
  boltBytes: number;
}
/** The side-by-side table (issue 19): every operation's req/s and latency on each server, ratios to the floor and to @neo4j/graphql. */
function sideBySide(rows: ReadonlyArray<{ size: string; op: string; connections: number; api: Summary; floor: Summary; ceiling: Summary; neo4jgraphql: Summary; loadAverage: string }>): string {
  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');
  const lines = [
    '| size | op | conns | API req/s | floor req/s | ceiling req/s | @neo4j/graphql req/s | API/floor | API/@neo4j/graphql | @neo4j/graphql/floor | mean ms API / floor / @neo4j/graphql | p99 ms API / floor / @neo4j/graphql | bytes from Neo4j per request API / floor / @neo4j/graphql | API/floor bytes | load (1 min) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|',
  ];
  for (const r of rows) {
    const p = r.neo4jgraphql;
    lines.push(
      `| ${r.size} | ${r.op} | ${r.connections} | ${f(r.api.rps)} | ${f(r.floor.rps)} | ${f(r.ceiling.rps)} | ${f(p.rps)} | ${f(r.api.rps / r.floor.rps, 2)} | ${f(r.api.rps / p.rps, 2)} | ${f(p.rps / r.floor.rps, 2)} | ` +
        `${f(r.api.mean, 2)} / ${f(r.floor.mean, 2)} / ${f(p.mean, 2)} | ${f(r.api.p99)} / ${f(r.floor.p99)} / ${f(p.p99)} | ` +
        `${f(r.api.boltBytes)} / ${f(r.floor.boltBytes)} / ${f(p.boltBytes)} | ${f(r.api.boltBytes / r.floor.boltBytes, 2)} | ${r.loadAverage.split(' ')[0] ?? ''} |`,
    );
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
