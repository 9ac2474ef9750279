/**
 * One benchmarked server per process (forked by run.ts, which talks to it over IPC):
 *   api      the real server (createServer) on the bench Neo4j
 *   floor    node:http + neo4j-driver, one hand-written statement per operation (operations.ts)
 *   ceiling  the same Apollo server answering from memory: a Database stand-in that replays the
 *            rows recorded from the real database (GraphQL layer alone)
 *   neo4jgraphql  @neo4j/graphql 7.6 on Apollo Server 5 (bench/peers, issue 19), its own driver, same Neo4j;
 *            its Bolt flights are not counted (it answers 'flights' with null)
 * IPC: -> {type:'ready', port, pid}; <- 'flights' -> {type:'flights', value}; <- 'boltBytes' -> {type:'boltBytes', value}
 * (bytes read from Neo4j so far); <- 'groupedWrites' -> {type:'groupedWrites', value} (curation's group-commit
 * counters: transactions, writes); <- 'record' | 'replay'.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { DEFAULT_CACHING } from '../src/config';
import { Database } from '../src/db';
import { createServer } from '../src/server';
import { OPERATIONS, type Vars } from './operations';
import { countBoltBytes } from './lib/bolt-bytes';
import { startNeo4jGraphqlPeer } from './peers/server';

type Mode = 'api' | 'floor' | 'ceiling' | 'neo4jgraphql';
type Row = Record<string, unknown>;

/** Replays recorded rows: same statements, same parameters, same rows, no Neo4j. */
class ReplayDatabase extends Database {
  private readonly recorded = new Map<string, Row[]>();
  private replaying = false;
  private reads = 0;

  constructor(private readonly real: Database) {
    super(real, { database: 'neo4j', queryTimeoutMs: 60_000 });
  }

  override get flights(): number {
    return this.reads;
  }

  setMode(mode: 'record' | 'replay'): void {
    this.replaying = mode === 'replay';
    if (!this.replaying) this.recorded.clear();
  }

  override async read<T extends Row = Row>(cypher: string, params: Row = {}): Promise<T[]> {
    this.reads += 1;
    const key = `${cypher}\u0000${JSON.stringify(params)}`;
    if (this.replaying) {
      const rows = this.recorded.get(key);
      if (!rows) throw new Error('ceiling: a statement that was not recorded');
      // The domain code may sort or edit what it is given: hand out a fresh copy, as the driver does.
      return structuredClone(rows) as T[];
    }
    const rows = await this.real.read<T>(cypher, params);
    this.recorded.set(key, structuredClone(rows));
    return rows;
  }
}

async function startFloor(db: Database, port: number): Promise<http.Server> {
  const byName = new Map(OPERATIONS.map((op) => [op.name, op]));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Vars };
          const op = byName.get(String(body.operationName));
          if (!op) throw new Error(`floor: no operation ${String(body.operationName)}`);
          const data = await op.floor(db, body.variables ?? {});
          const text = `${JSON.stringify({ data })}\n`;
          res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
          res.end(text);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
        }
      })();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode;
  const [uri, user, password] = [process.env.BENCH_NEO4J_URI, process.env.BENCH_NEO4J_USER, process.env.BENCH_NEO4J_PASSWORD];
  if (!uri || !user || !password) throw new Error('BENCH_NEO4J_URI, BENCH_NEO4J_USER and BENCH_NEO4J_PASSWORD must be set');
  const boltBytes = countBoltBytes(Number(new URL(uri).port));
  process.on('message', (message: string) => {
    if (message === 'boltBytes') process.send?.({ type: 'boltBytes', value: boltBytes.read() });
  });
  if (mode === 'neo4jgraphql') {
    const peer = await startNeo4jGraphqlPeer({ uri, user, password });
    process.on('message', (message: string) => {
      if (message === 'flights') process.send?.({ type: 'flights', value: null });
    });
    process.on('disconnect', () => process.exit(0));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
    process.send?.({ type: 'ready', port: peer.port, pid: process.pid });
    return;
  }
  const real = new Database({ uri, user, password }, { database: 'neo4j', queryTimeoutMs: 60_000 });
  const db = mode === 'ceiling' ? new ReplayDatabase(real) : real;
  let port: number;
  if (mode === 'floor') {
    port = ((await startFloor(db, 0)).address() as AddressInfo).port;
  } else {
    const logger = pino({ level: 'silent' });
    // Without the response cache (issue 17): every request is answered by the server's own work, as the
    // floor's is; the cache's hit rate is measured by npm run bench:dashboard.
    // BENCH_FACET_SUMMARY=off (bench:writes): no background count of the facets after each burst of releases,
    // which would land in the next measured phase.
    const caching = { ...DEFAULT_CACHING, responseCacheBytes: 0, facetSummary: process.env.BENCH_FACET_SUMMARY !== 'off' };
    const server = await createServer({ config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: false }, caching }, db, logger });
    // The warm-up's statements and the release's facet count (background work after start) are not the benchmark's.
    await server.backgroundSettled();
    port = server.port;
  }
  process.on('message', (message: string) => {
    if (message === 'flights') process.send?.({ type: 'flights', value: db.flights });
    else if (message === 'groupedWrites') process.send?.({ type: 'groupedWrites', value: real.groupedWrites });
    else if ((message === 'record' || message === 'replay') && db instanceof ReplayDatabase) {
      db.setMode(message);
      process.send?.({ type: 'mode', value: message });
    }
  });
  process.on('disconnect', () => process.exit(0));
  // Exit normally on signals, so that `node --cpu-prof dist/bench/servers.js api` writes its profile.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
  process.send?.({ type: 'ready', port, pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
