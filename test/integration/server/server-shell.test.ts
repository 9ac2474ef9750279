import { Database } from '../../../src/db';
import { createLogger } from '../../../src/logger';
import { createServer, type RunningServer } from '../../../src/server';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

describe('the HTTP server shell', () => {
  let db: Database;
  let server: RunningServer;

  beforeAll(async () => {
    const env = neo4jTestEnv();
    db = new Database(env, { database: env.database, queryTimeoutMs: 10_000 });
    server = await createServer({
      config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 100_000, playground: false } },
      db,
      logger: createLogger('silent'),
    });
  });

  afterAll(async () => {
    await server.stop();
    await db.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers serverInfo with the Neo4j version read from Neo4j itself', async () => {
    const response = await post({ query: '{ serverInfo { version neo4jVersion neo4jEdition } }' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { serverInfo: Record<string, string> } };
    expect(body.data.serverInfo).toEqual({ version: '0.1.0', neo4jVersion: expect.stringMatching(/^5\.26\./), neo4jEdition: 'community' });
  });

  it('reports the process alive on /healthz and Neo4j reachable on /readyz once the warm-up has run', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.warmedUp;
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers a body over the limit with 413 and a JSON error', async () => {
    const response = await post({ query: `{ serverInfo { version } } # ${'x'.repeat(200_000)}` });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 and a JSON error, not an HTML page', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('rejects an operation with more tokens than allowed before validating it, with a 400', async () => {
    const response = await post({ query: `{ ${'serverInfo { version } '.repeat(2_000)} }` }, {});
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/more th\w+ 2000 tokens/);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('refuses batched requests', async () => {
    const response = await post([{ query: '{ serverInfo { version } }' }, { query: '{ serverInfo { version } }' }]);
    expect(response.status).toBe(400);
  });

  it('refuses a simple GET that could be a cross-site request (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ serverInfo { version } }')}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ serverInfo { version } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });

  it('echoes a given request id and makes one up otherwise', async () => {
    const given = await post({ query: '{ serverInfo { version } }' }, { 'x-request-id': 'abc-123' });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await post({ query: '{ serverInfo { version } }' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
