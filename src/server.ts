import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type ErrorRequestHandler } from 'express';
import { DEFAULT_CACHING, developmentAuthConfig, type Config } from './config';
import { authenticate } from './http/authenticate';
import type { Database } from './db';
import type { Logger } from './logger';
import { createContext, type GraphQLContext } from './graphql/context';
import { createErrorFormatter, databaseFailurePlugin } from './graphql/errors';
import { warmUp } from './graphql/warm-up';
import { cachePolicyPlugin } from './graphql/cache-policy-plugin';
import { costLimitPlugin, OperationCosts } from './graphql/cost';
import { resolvers } from './graphql/resolvers';
import { loadTypeDefs } from './graphql/schema';
import { CompiledExecution } from './graphql/compiled-execution';
import { SchemaCachePolicy } from './graphql/cache-policy';
import { KnownOperations } from './http/known-operations';
import { QUERY_LIMITS } from './graphql/limits';
import { DOWNLOADS_PATH, ReleaseWatcher } from './domain/releases';
import { FacetSummaryRefresher } from './domain/stats/facet-summary-refresher';
import { httpCachingPlugin, withConditionalGet } from './http/caching';
import { graphqlHandler, sendBodyError } from './http/graphql-handler';
import { Downloads } from './http/downloads';
import { Metrics } from './http/metrics';
import { withRateLimit } from './http/rate-limit';
import { tablesHandler } from './http/tables';
import { ReleaseScopedCache, releaseKeyedResponseCache } from './http/response-cache';
import { gracefulShutdown } from './http/shutdown';
import { readTrustedDocuments, trustedDocumentsPlugin } from './http/trusted-documents';
import { mountWeb } from './web/routes';

export interface ServerDependencies {
  /** `caching` defaults to DEFAULT_CACHING; `auth` to the local development secret with public reads. */
  config: Pick<Config, 'http'> & Partial<Pick<Config, 'caching' | 'rateLimit' | 'metrics' | 'auth' | 'shutdownGraceMs'>>;
  db: Database;
  logger: Logger;
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** What /readyz answers: Neo4j's last background check, the warm-up, and whether shutdown began. */
  readiness(): Readiness;
  /** Requests read and not yet answered. */
  requestsInFlight(): number;
  /** Resolves once the warm-up pass has run (it runs in the background after start). */
  warmedUp: Promise<void>;
  /** Resolves once the warm-up and any count of the release's facets have finished (benchmarks, tests). */
  backgroundSettled(): Promise<void>;
  /**
   * After the local Neo4j was restarted (empty plan cache, cold JVM): requests keep getting a fast
   * 503 while the warm-up runs again, for at most `RESTART_HOLD_MS`; then Neo4j's health check decides
   * again and the warm-up, if still running, finishes beside the requests. Resolves when the hold ends.
   */
  afterNeo4jRestart(): Promise<void>;
  /**
   * Graceful shutdown (src/http/shutdown.ts): /readyz turns 503 at once, every request that arrived is
   * answered, keep-alive sockets close between requests, within `shutdownGraceMs`. The Driver is closed by the caller.
   */
  stop(): Promise<void>;
}

/** Builds and starts the HTTP server. Nothing happens on import, so tests can run it in-process. */
export async function createServer({ config, db, logger }: ServerDependencies): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // Made first for the drain plugin; its request listener is attached once Apollo has started (below).
  const httpServer = http.createServer();

  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Cost is counted by src/graphql/cost.ts once variables are known: Armor counts only literal `first`s.
    costLimit: { enabled: false },
    // Token counting happens in graphql-js's parser (parseOptions.maxTokens below), which answers 400;
    // the armor plugin for it answers 500 under Apollo.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  // The data release in service: the response cache and ETags are keyed on it (src/domain/releases).
  const caching = config.caching ?? DEFAULT_CACHING;
  const releases = new ReleaseWatcher(db, { pollMs: caching.releasePollMs, onError: (err) => logger.warn({ err }, 'could not read the data release') });
  await releases.start();
  // The whole graph's facets, counted once per release in the background (src/domain/stats/facet-summary.ts).
  const facetSummaries = caching.facetSummary
    ? new FacetSummaryRefresher(db, {
        timeoutMs: FACET_SUMMARY_TIMEOUT_MS,
        settleMs: 500,
        retryMs: 30_000,
        onStored: (ms) => logger.info({ ms }, 'facets of the data release counted'),
        onError: (err) => logger.warn({ err }, 'could not count the facets of the data release; unfiltered facets are counted per request until it succeeds'),
      })
    : undefined;
  const responseCache = caching.responseCacheBytes > 0 ? new ReleaseScopedCache(caching.responseCacheBytes) : undefined;
  const metrics = (config.metrics ?? true) ? new Metrics(db, releases, () => responseCache?.size ?? 0) : undefined;

  const execution = new CompiledExecution(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
  const costs = new OperationCosts(QUERY_LIMITS.maxCost);
  const cachePolicy = new SchemaCachePolicy(execution.schema, caching.defaultMaxAgeS);
  const auth = config.auth ?? developmentAuthConfig();
  // Repeats of clean answers skip Apollo's pipeline (src/http/known-operations.ts): not with the response
  // cache, whose hits are Apollo's, nor when every request must sign in (the lane takes only anonymous ones).
  const knownOperations = responseCache || auth.readsRequireAuth ? undefined : new KnownOperations({ execution, costs, cachePolicy, releases, metrics });

  const apollo = new ApolloServer<GraphQLContext>({
    // The schema is Apollo's as before; each operation runs compiled (src/graphql/compiled-execution.ts).
    gateway: execution.gateway(),
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    formatError: createErrorFormatter(logger),
    plugins: [
      databaseFailurePlugin(),
      costLimitPlugin(costs),
      ...armor.plugins,
      ApolloServerPluginLandingPageDisabled(),
      ...(caching.trustedDocuments ? [trustedDocumentsPlugin<GraphQLContext>(readTrustedDocuments(caching.trustedDocuments))] : []),
      // Cache-Control from the schema's hints (schema/cache.graphql), then the release-keyed cache and ETags.
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin<GraphQLContext>(cachePolicy),
      ...(responseCache ? [releaseKeyedResponseCache<GraphQLContext>(releases, responseCache)] : []),
      httpCachingPlugin<GraphQLContext>(releases),
      ...(metrics ? [metrics.plugin<GraphQLContext>()] : []),
      ...(knownOperations ? [knownOperations.plugin<GraphQLContext>()] : []),
    ],
  });
  await apollo.start();
  const shutdown = gracefulShutdown(httpServer);
  // The background check of Neo4j: /readyz answers from its last result, requests fail fast while it is down.
  await db.health.start();
  let warm = false;
  const readiness = (): Readiness => {
    if (shutdown.stopping) return { ready: false, reason: 'the server is shutting down' };
    const health = db.health.state;
    if (health.status !== 'up') return { ready: false, reason: health.reason ?? 'Neo4j has not been checked yet' };
    if (!warm) return { ready: false, reason: 'warming up: planning the read statements' };
    return { ready: true };
  };

  // Liveness only: a database outage must not get the API restarted.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const state = readiness();
    if (state.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: state.reason });
  });

  const contextFor = authenticate(auth, (requestId, viewer, headers) =>
    createContext({ db, logger }, { requestId, viewer, idempotencyKey: singleHeader(headers['idempotency-key']) }),
  );
  const api = graphqlHandler({ apollo, maxBodyBytes: config.http.maxBodyBytes, context: contextFor, logger, knownOperations });
  // With READS_REQUIRE_AUTH every request must show a valid token, so no 304 is given before sign-in is checked.
  const graphql = auth.readsRequireAuth ? api : withConditionalGet(api, releases, () => metrics?.notModified());
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  const downloads = new Downloads(db, releases);
  app.get(DOWNLOADS_PATH, downloads.listing);
  app.get(`${DOWNLOADS_PATH}/:release/:file`, downloads.file);
  app.get('/tables', tablesHandler(apollo, (req) => contextFor(randomUUID(), req.headers), releases));
  mountWeb(app, { playground: config.http.playground });
  app.use('/graphql', (req, res) => graphql(req, res));
  app.use(jsonErrors(logger));
  // POST /graphql (every API call) skips Express: see src/http/graphql-handler.ts.
  const route = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // A revalidation (GET with If-None-Match and a query string) skips Express too: its 304 needs nothing else.
    if (isGraphQLPath(req.url) && (req.method === 'POST' || (req.method === 'GET' && req.headers['if-none-match'] && req.url?.includes('?')))) graphql(req, res);
    else app(req, res);
  };
  // Per-client limits (off by default) for everything but the probes and /metrics.
  const limited = config.rateLimit ? withRateLimit(route, config.rateLimit, () => metrics?.rateLimited()) : route;
  httpServer.on(
    'request',
    shutdown.listener((req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics') app(req, res);
      else limited(req, res);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'server listening');

  const warmedUp = (async () => {
    // Plans are worth making only once Neo4j answers; a server started while it is down warms up when it returns.
    while (db.health.state.status !== 'up' && !shutdown.stopping) await new Promise((resolve) => setTimeout(resolve, 200));
    if (shutdown.stopping) return;
    await warmUpOnce();
    // After the warm-up, so that the first requests are not queued behind a count of the whole graph.
    if (!shutdown.stopping) facetSummaries?.start(releases);
  })();

  /** The warm-up after a Neo4j restart (never rejects), which may still run beside requests when the server stops. */
  let rewarming: Promise<void> | undefined;

  async function warmUpOnce(): Promise<void> {
    const maintenance = db.forMaintenance(WARM_UP_TIMEOUT_MS);
    const result = await warmUp(apollo, () => createContext({ db: maintenance, logger }, { requestId: 'warm-up' }), logger, () => shutdown.stopping);
    warm = true;
    logger.info(result, 'warm-up done: every read statement has been planned once');
  }

  return {
    url,
    port,
    readiness,
    requestsInFlight: () => shutdown.inFlight,
    afterNeo4jRestart: async () => {
      const reason = 'Neo4j restarted; planning the read statements again';
      db.health.hold(reason);
      // Until the warm-up ends, a request that runs out of time is told to retry (503), not that it was too slow.
      db.health.warming = reason;
      rewarming = warmUpOnce()
        .catch((error: unknown) => logger.warn({ err: error }, 'warm-up after the Neo4j restart failed'))
        .finally(() => (db.health.warming = undefined));
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([rewarming, new Promise((resolve) => (timer = setTimeout(resolve, RESTART_HOLD_MS)))]);
      } finally {
        clearTimeout(timer);
        db.health.hold(undefined);
      }
    },
    warmedUp,
    backgroundSettled: async () => {
      await warmedUp;
      await facetSummaries?.settled();
    },
    stop: async () => {
      await shutdown.shutdown(config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      await warmedUp;
      await rewarming;
      facetSummaries?.stop();
      releases.stop();
      await apollo.stop();
    },
  };
}

/** How long one count of the whole graph's facets may take (seconds on the HPO graph; requests are not waiting on it). */
const FACET_SUMMARY_TIMEOUT_MS = 300_000;

/** How long one warm-up statement may take (a cold Neo4j plans slowly; requests are not waiting on it). */
const WARM_UP_TIMEOUT_MS = 60_000;

/**
 * Longest a restarted Neo4j is held back from requests while the warm-up plans the statements again:
 * on an idle machine the warm-up takes about as long, on a loaded one far longer (32.6 s measured at
 * load 8), and clients must be served within seconds of Neo4j's return (issues 12 and 18).
 */
const RESTART_HOLD_MS = 3_000;

/** Time given to requests in flight when no `shutdownGraceMs` is configured. */
const DEFAULT_SHUTDOWN_GRACE_MS = 15_000;

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isGraphQLPath(url: string | undefined): boolean {
  return url === '/graphql' || (url !== undefined && (url.startsWith('/graphql?') || url === '/graphql/'));
}

/** Body-parser failures (too large, malformed JSON) answer in GraphQL's JSON error shape, never HTML. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => sendBodyError(res, error, logger);
}
