/**
 * Client mistakes get client codes (never INTERNAL_SERVER_ERROR, never an error-level log): the fuzz
 * reproducers of issue 18, and the cost limit counting a defaulted `first` like a written one.
 */
import pino from 'pino';
import { Database } from '../../../src/db';
import { createServer, type RunningServer } from '../../../src/server';
import { ensureSeeded, openTestDatabase } from '../../helpers/seeded-graph';

interface Body {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; cost?: number; maxCost?: number } }>;
}

describe('errors raised for a client’s mistake', () => {
  let db: Database;
  let server: RunningServer;
  const logged: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    db = openTestDatabase();
    await ensureSeeded(db);
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) });
    server = await createServer({ config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: false } }, db, logger });
    await server.warmedUp;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  beforeEach(() => {
    logged.length = 0;
  });

  const post = async (body: unknown): Promise<{ status: number; body: Body }> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };
  const errorLogs = () => logged.filter((line) => line.level >= 50);

  it('answers 51+ invalid values in a variables list (graphql-js aborts coercion) with BAD_USER_INPUT and a 400', async () => {
    const { status, body } = await post({
      query: 'query Shared($ids: [ID!]!) { sharedSymptoms(conditionIds: $ids) { id } }',
      variables: { ids: Array.from({ length: 60 }, () => null) },
    });
    expect(status).toBe(400);
    const codes = new Set(body.errors?.map((error) => error.extensions?.code));
    expect(codes).toEqual(new Set(['BAD_USER_INPUT']));
    expect(body.errors?.some((error) => /Too many errors processing variables/.test(error.message))).toBe(true);
    expect(errorLogs()).toEqual([]);
  });

  it('answers an automatic persisted query whose hash does not match its query with BAD_REQUEST and a 400', async () => {
    const { status, body } = await post({
      query: '{ serverInfo { version } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
    expect(errorLogs()).toEqual([]);
  });

  it('answers other request errors without an Apollo code (an unknown operation name) with a client code', async () => {
    const { status, body } = await post({ query: 'query A { serverInfo { version } } query B { serverInfo { version } }', operationName: 'C' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(errorLogs()).toEqual([]);
  });

  it('counts a defaulted first like the same first written out', async () => {
    const written = await post({ query: '{ symptoms(first: 20) { edges { node { conditions(first: 100) { symptoms(first: 100) { conditions(first: 100) { name } } } } } } }' });
    const defaulted = await post({ query: '{ symptoms { edges { node { conditions { symptoms { conditions { name } } } } } } }' });
    const variable = await post({
      query: 'query Q($n: Int) { symptoms(first: $n) { edges { node { conditions { symptoms { conditions { name } } } } } } }',
      variables: { n: 20 },
    });
    for (const answer of [written, defaulted, variable]) {
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
    const cost = written.body.errors?.[0]?.extensions?.cost;
    expect(cost).toBeGreaterThan(written.body.errors?.[0]?.extensions?.maxCost ?? Infinity);
    expect(defaulted.body.errors?.[0]?.extensions?.cost).toBe(cost);
    expect(variable.body.errors?.[0]?.extensions?.cost).toBe(cost);
    // The message says the cost, the limit and how to lower it.
    expect(written.body.errors?.[0]?.message).toMatch(new RegExp(`cost ${cost} exceeds the limit of \\d+\\. Lower it by asking for fewer items \\(a smaller \`first\``));

    // One level less passes, written or defaulted alike.
    const smaller = await post({ query: '{ symptoms { edges { node { conditions { symptoms { name } } } } } }' });
    expect(smaller.status).toBe(200);
    expect(smaller.body.errors).toBeUndefined();
  });
});
