/**
 * Graceful shutdown: requests in flight are answered, requests whose bytes arrived but were not yet
 * read are answered (or refused with 503 and `Connection: close`), nobody sees a reset connection,
 * and /readyz turns 503 at once.
 */
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import { Database } from '../../../src/db';
import { createServer, type RunningServer } from '../../../src/server';
import { neo4jTestEnv } from '../../helpers/neo4j-env';
import { ensureSeeded, silentLogger } from '../../helpers/seeded-graph';

/** A separate process opens `n` connections and writes one POST each; it prints what each connection got. */
const CLIENT = `
const net = require('node:net');
const [port, n] = process.argv.slice(1).map(Number);
const body = JSON.stringify({ query: '{ sharedSymptoms(conditionIds: ["als", "bfs"]) { id name } }' });
const request = 'POST /graphql HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body;
const results = [];
let done = 0;
const finish = () => process.stdout.write(JSON.stringify(results));
setTimeout(finish, 20000).unref();
for (let i = 0; i < n; i++) {
  let data = '';
  const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
  socket.on('data', (chunk) => (data += chunk));
  socket.on('error', (error) => (results[i] = { error: error.code }));
  socket.on('close', () => {
    const status = Number((/^HTTP\\/1\\.1 (\\d{3})/.exec(data) || [])[1] || 0);
    results[i] ??= { status, connectionClose: /\\r\\nconnection: close\\r\\n/i.test(data), retryAfter: /\\r\\nretry-after: \\d+\\r\\n/i.test(data) };
    if (++done === n) finish();
  });
}
`;

interface ClientResult {
  status?: number;
  connectionClose?: boolean;
  retryAfter?: boolean;
  error?: string;
}

describe('graceful shutdown', () => {
  let db: Database;
  let server: RunningServer;

  beforeAll(async () => {
    // One pooled connection, which the test holds in an open transaction: requests stay in flight until it lets go.
    const env = neo4jTestEnv();
    db = new Database(env, { database: env.database, queryTimeoutMs: 20_000, maxConnections: 1, acquisitionTimeoutMs: 15_000 });
    await ensureSeeded(db);
    server = await createServer({
      config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 100_000, playground: false }, shutdownGraceMs: 10_000 },
      db,
      logger: silentLogger,
    });
    await server.warmedUp;
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  it('answers every request in flight or arrived-but-unread, resets none, and closes idle keep-alive sockets', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // An idle keep-alive connection, used once.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idleSocketClosed = new Promise<string>((resolve) => {
      const req = http.request(`${server.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          req.socket?.once('close', (hadError) => resolve(hadError ? 'error' : 'closed'));
          req.socket?.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
      });
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    // 20 requests in flight in this process, waiting for the connection the test holds…
    const holder = db.driver.session();
    const held = await holder.beginTransaction();
    await held.run('RETURN 1');
    const inFlight = Array.from({ length: 20 }, () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ sharedSymptoms(conditionIds: ["als", "bfs"]) { id name } }' }),
      }).then(
        async (response) => ({ status: response.status, connectionClose: response.headers.get('connection') === 'close', ...(response.status === 200 ? {} : { body: await response.text() }) }) as ClientResult,
        (error: { cause?: { code?: string } }) => ({ error: error.cause?.code ?? 'fetch failed' }) as ClientResult,
      ),
    );
    for (let i = 0; i < 100 && server.requestsInFlight() < 20; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requestsInFlight()).toBe(20);

    // …and 20 from another process whose bytes arrive while this (the server's) event loop is blocked,
    // so they sit unread in socket buffers and the listen backlog when shutdown begins.
    const client = spawn(process.execPath, ['-e', CLIENT, String(server.port), '20'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let clientOutput = '';
    client.stdout.on('data', (chunk: Buffer) => (clientOutput += chunk.toString()));
    const clientDone = new Promise<void>((resolve) => client.once('exit', () => resolve()));
    execFileSync('sleep', ['1.5']); // blocks this process: the client connects and writes meanwhile
    const stopped = server.stop(); // SIGTERM does exactly this (src/index.ts)
    setTimeout(() => void held.rollback().then(() => holder.close()), 300);

    const readyDuringShutdown = await fetch(`${server.url}/readyz`).then(
      async (response) => ({ status: response.status, body: (await response.json()) as unknown }),
      () => undefined,
    );
    const flight = await Promise.all(inFlight);
    await clientDone;
    const unread = JSON.parse(clientOutput) as ClientResult[];
    await stopped;

    expect(flight.filter((r) => r.error)).toEqual([]);
    expect(flight).toEqual(Array.from({ length: 20 }, () => ({ status: 200, connectionClose: true })));
    expect(unread).toHaveLength(20);
    expect(unread.filter((r) => r.error || !r.status)).toEqual([]);
    for (const answer of unread) {
      expect([200, 503]).toContain(answer.status);
      expect(answer.connectionClose).toBe(true);
      if (answer.status === 503) expect(answer.retryAfter).toBe(true);
    }
    // /readyz, if it got in before the listener closed, said 503 at once.
    if (readyDuringShutdown) expect(readyDuringShutdown).toEqual({ status: 503, body: { status: 'unavailable', reason: 'the server is shutting down' } });
    expect(await idleSocketClosed).toBe('closed');
    expect(server.readiness()).toEqual({ ready: false, reason: 'the server is shutting down' });
    agent.destroy();
  }, 60_000);
});
