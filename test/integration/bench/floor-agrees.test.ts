/**
 * The bench's floor (hand-written Cypher + JSON per operation) answers every benchmarked operation
 * with exactly the API's bytes on the seeded graph. The timed comparison is `npm run bench`.
 */
import { OPERATIONS } from '../../../bench/operations';
import { createServer, type RunningServer } from '../../../src/server';
import type { Database } from '../../../src/db';
import { ensureSeeded, openTestDatabase, silentLogger } from '../../helpers/seeded-graph';

describe('bench floor', () => {
  let db: Database;
  let server: RunningServer;
  beforeAll(async () => {
    db = openTestDatabase();
    await ensureSeeded(db);
    server = await createServer({ config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: false } }, db, logger: silentLogger });
    await server.warmedUp;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s: the floor answers byte for byte as the API', async (_name, op) => {
    const variables = op.variables.seed;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: op.name, query: op.query, variables }),
    });
    const api = await response.text();
    expect(api).not.toContain('"errors"');
    expect(`${JSON.stringify({ data: await op.floor(db, variables) })}\n`).toBe(api);
  });
});
