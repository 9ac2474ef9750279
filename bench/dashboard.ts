/**
 * Dashboard figures (issue 17), against whatever graph the Neo4j at NEO4J_URI holds (e.g. the seed, or
 * the HPO graph after `npm run import:hpo`), or the bench Neo4j (.neo4j/bench) when NEO4J_URI is unset:
 *   node dist/bench/dashboard.js [--duration 5]
 * Two in-process servers on the same Database: one with the response cache, one without. Prints:
 * - the same GraphQL GET uncached vs answered from the response cache (req/s at 10 connections, mean
 *   latency at 1 connection), and If-None-Match revalidation (304) req/s at 10 connections;
 * - `lookup(ids:)` with 1,000 CURIEs/ids taken from the graph (p50 of 20, cache off);
 * - `facets` over every entity, response cache off: from the release's summary (p50 of 20; the server
 *   counts it in the background first, timed), and the same facets counted live (p50 of 3);
 * - the KGX TSV download (nodes.tsv + edges.tsv): bytes, seconds, and the server process's RSS growth
 *   while it streams (client and server share this process; the client discards each chunk).
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pino from 'pino';
import { DEFAULT_CACHING } from '../src/config';
import { Database } from '../src/db';
import { createServer, type RunningServer } from '../src/server';
import { EMPTY_NODE_PLAN } from '../src/domain/projection/plan';
import { liveFacets } from '../src/domain/stats/facets';
import { FACET_SUMMARY_LABEL } from '../src/domain/stats/facet-summary';
import { openDatabase, startBenchNeo4j } from './lib/neo4j';

const args = process.argv.slice(2);
const duration = Number(args[args.indexOf('--duration') + 1] ?? 5) || 5;
const logger = pino({ level: 'silent' });
// One Accept for every request: the ETag depends on it, so a revalidation must send the one the 200 had.
const PREFLIGHT = { 'apollo-require-preflight': 'true', accept: 'application/graphql-response+json' };

async function database(): Promise<{ db: Database; stop: () => Promise<void> }> {
  const { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password } = process.env;
  if (uri && user && password) {
    const db = new Database({ uri, user, password }, { database: process.env.NEO4J_DATABASE ?? 'neo4j', queryTimeoutMs: 120_000 });
    return { db, stop: () => db.close() };
  }
  const handle = await startBenchNeo4j((line) => process.stderr.write(`[bench neo4j] ${line}\n`));
  const db = openDatabase(handle, 120_000);
  return { db, stop: async () => { await db.close(); await handle.stop(); } };
}

function server(db: Database, responseCacheBytes: number, facetSummary: boolean): Promise<RunningServer> {
  return createServer({
    config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 5_000_000, playground: false }, caching: { ...DEFAULT_CACHING, responseCacheBytes, facetSummary }, metrics: true },
    db,
    logger,
  });
}

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<{ ms: number; data: Record<string, unknown> }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return { ms: performance.now() - started, data: body.data ?? {} };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fixed = (value: number, digits = 1) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function run(url: string, connections: number, expected: 200 | 304, headers: Record<string, string> = {}) {
  // The load generator runs in a worker thread: on the servers' event loop it would halve what they can answer.
  const result = await autocannon({ url, connections, duration, workers: 1, headers: { ...PREFLIGHT, ...headers } });
  // autocannon counts a 304 as non-2xx: every answer must have the status the row is about.
  const wrong = expected === 200 ? result.non2xx : result.requests.total - result.non2xx;
  if (wrong > 0) throw new Error(`${url}: ${wrong} of ${result.requests.total} answers were not ${expected}`);
  return { rps: result.requests.average, mean: result.latency.average, errors: result.errors };
}

async function main(): Promise<void> {
  const { db, stop } = await database();
  // Derived data only: removed so that the run measures counting the release's facets (the server counts them again).
  await db.write((tx) => tx.run(`MATCH (s:${FACET_SUMMARY_LABEL}) DELETE s`));
  const cached = await server(db, 64 * 1024 * 1024, false);
  // This one keeps the release's facet summary (it is stored in the graph, so both servers read it).
  const uncached = await server(db, 0, true);
  try {
    await uncached.warmedUp;
    const summaryStarted = performance.now();
    await uncached.backgroundSettled();
    const summaryMs = performance.now() - summaryStarted;
    const [size] = await db.read<{ nodes: number; relationships: number }>('CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships');
    process.stdout.write(`graph: ${size?.nodes} entities, ${size?.relationships} relationships; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`);

    const query = '{ graphStats { nodeCount kinds { kind count } relationshipTypes { type count } } }';
    const path = `/graphql?query=${encodeURIComponent(query)}`;
    const first = await fetch(`${cached.url}${path}`, { headers: PREFLIGHT });
    const etag = first.headers.get('etag') ?? '';
    const rows: string[][] = [];
    for (const [name, url, status, headers] of [
      ['GET graphStats, uncached', `${uncached.url}${path}`, 200, {}],
      ['GET graphStats, response cache hit', `${cached.url}${path}`, 200, {}],
      ['GET graphStats, If-None-Match -> 304', `${cached.url}${path}`, 304, { 'if-none-match': etag }],
    ] as const) {
      const one = await run(url, 1, status, headers);
      const ten = await run(url, 10, status, headers);
      rows.push([name, fixed(ten.rps, 0), fixed(one.rps, 0), fixed(one.mean, 2), String(one.errors + ten.errors)]);
    }
    process.stdout.write('| request | req/s c=10 | req/s c=1 | mean ms c=1 | errors |\n|---|---:|---:|---:|---:|\n');
    for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);

    const ids = (await db.read<{ id: string }>('MATCH (n:Entity) WITH n ORDER BY n.id LIMIT 2000 RETURN coalesce(n.hpoId, CASE WHEN size(n.xrefs) > 0 THEN n.xrefs[0] ELSE n.id END) AS id')).map((r) => r.id);
    const thousand = Array.from({ length: 1000 }, (_, i) => ids[(i * 7) % ids.length] ?? 'none');
    const lookupQuery = 'query ($ids: [ID!]!) { lookup(ids: $ids) { results { input matchedBy entity { id name } } unresolved } }';
    const lookupMs: number[] = [];
    let unresolved = 0;
    for (let i = 0; i < 20; i += 1) {
      const { ms, data } = await post(uncached.url, lookupQuery, { ids: thousand });
      lookupMs.push(ms);
      unresolved = (data.lookup as { unresolved: string[] }).unresolved.length;
    }
    const facetsQuery = '{ facets { total statements evidence kinds { value count } relationshipTypes { value count } sources { value count } knowledgeLevels { value count } agentTypes { value count } evidenceCodes { value count } frequencyClasses { value count } degrees { min max count } entities { entity { id } evidence } } }';
    const facetsMs: number[] = [];
    for (let i = 0; i < 20; i += 1) facetsMs.push((await post(uncached.url, facetsQuery)).ms);
    const liveMs: number[] = [];
    const everything = { kinds: null, filter: {}, top: 20, first: 20, node: EMPTY_NODE_PLAN };
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await liveFacets(db, everything);
      liveMs.push(performance.now() - started);
    }
    process.stdout.write(`\nlookup(ids:) 1,000 ids/CURIEs (${unresolved} unresolved): p50 ${fixed(median(lookupMs))} ms, min ${fixed(Math.min(...lookupMs))} ms (20 runs, uncached)\n`);
    process.stdout.write(`facet summary of the release: counted and stored in the background, ${fixed(summaryMs / 1000, 2)} s after the warm-up\n`);
    process.stdout.write(`facets over every entity, from the release's summary (GraphQL POST, response cache off): p50 ${fixed(median(facetsMs))} ms, min ${fixed(Math.min(...facetsMs))} ms (20 runs)\n`);
    process.stdout.write(`the same facets counted live (liveFacets, the statement alone): p50 ${fixed(median(liveMs))} ms, min ${fixed(Math.min(...liveMs))} ms (3 runs)\n`);

    const listing = (await (await fetch(`${uncached.url}/releases`)).json()) as { current: number };
    for (const file of ['nodes.tsv', 'edges.tsv']) {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const response = await fetch(`${uncached.url}/releases/${listing.current}/${file}`);
      let bytes = 0;
      const reader = response.body!.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
      clearInterval(sampler);
      process.stdout.write(`download ${file}: ${fixed(bytes / 1e6)} MB in ${fixed((performance.now() - started) / 1000, 2)} s, RSS growth while streaming ${fixed((peak - before) / 1e6)} MB (status ${response.status})\n`);
    }
  } finally {
    await cached.stop();
    await uncached.stop();
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
