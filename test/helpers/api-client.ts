/**
 * Starts the real server in-process (port 0) on a real Database and posts GraphQL to it over HTTP.
 * Shared by the API integration tests: `const api = await startApi(); ... await api.stop();`.
 */
import { DEFAULT_CACHING, type AuthConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db';
import type { Logger } from '../../src/logger';
import { createServer, type RunningServer } from '../../src/server';
import { openTestDatabase, silentLogger } from './seeded-graph';
import { TEST_AUTH } from './tokens';

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
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResult<TData>>;
  /** Stops the server, and closes the Database when startApi opened it. */
  stop(): Promise<void>;
}

export interface StartApiOptions {
  db?: Database;
  /** Defaults to the tests' own HS256 secret (test/helpers/tokens.ts), never the developer's. */
  auth?: AuthConfig;
  logger?: Logger;
  /** Server settings beside `http` and `auth` (defaults otherwise: src/config.ts). */
  config?: ApiConfig;
}

export type ApiConfig = Partial<Pick<Config, 'caching' | 'rateLimit' | 'metrics'>>;

export async function startApi(options: StartApiOptions = {}): Promise<Api> {
  const db = options.db ?? openTestDatabase();
  let server: RunningServer;
  try {
    server = await createServer({
      // The release is polled rarely unless a test asks: tests count each request's round trips (db.flights).
      config: {
        http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: false },
        auth: options.auth ?? TEST_AUTH,
        // No background count of the facets either, unless a test asks (test/integration/dashboard/facet-summary.test.ts).
        // No response cache unless a test asks (test/integration/dashboard/caching.test.ts): every read reaches Neo4j,
        // and repeats of a query are answered by the known-operations lane (src/http/known-operations.ts), as in `npm run bench`.
        caching: { ...DEFAULT_CACHING, responseCacheBytes: 0, releasePollMs: 3_600_000, facetSummary: false },
        ...options.config,
      },
      db,
      logger: options.logger ?? silentLogger,
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
    async query<TData>(
      query: string,
      variables?: Record<string, unknown>,
      { token, headers = {} }: { token?: string; headers?: Record<string, string> } = {},
    ): Promise<GraphQLResult<TData>> {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
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
