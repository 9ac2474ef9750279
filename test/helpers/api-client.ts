/**
 * Starts the real server in-process (port 0) on a real Database and posts GraphQL to it over HTTP.
 * Shared by the API integration tests: `const api = await startApi(); ... await api.stop();`.
 */
import type { Database } from '../../src/db';
import { createServer, type RunningServer } from '../../src/server';
import { openTestDatabase, silentLogger } from './seeded-graph';

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; argument?: string; [key: string]: unknown };
}

export interface GraphQLResult<TData> {
  status: number;
  data: TData | null | undefined;
  errors: GraphQLErrorBody[] | undefined;
  headers: Headers;
}

export interface Api {
  readonly url: string;
  readonly db: Database;
  /** POSTs one operation as JSON and parses the answer (whatever the status). */
  query<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<TData>>;
  /** Stops the server, and closes the Database when startApi opened it. */
  stop(): Promise<void>;
}

export async function startApi(options: { db?: Database } = {}): Promise<Api> {
  const db = options.db ?? openTestDatabase();
  let server: RunningServer;
  try {
    server = await createServer({
      config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: false } },
      db,
      logger: silentLogger,
    });
    // Ready as in production: Neo4j answered and the warm-up ran (its round trips are not the tests').
    await server.warmedUp;
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  return {
    url: server.url,
    db,
    async query<TData>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<TData>> {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      const body = (await response.json()) as { data?: TData | null; errors?: GraphQLErrorBody[] };
      return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
    },
    async stop() {
      await server.stop();
      if (!options.db) await db.close();
    },
  };
}
