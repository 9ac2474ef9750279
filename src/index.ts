import { performance } from 'node:perf_hooks';
import { loadConfig } from './config';
import { Database } from './db';
import { createLogger } from './logger';
import { createServer } from './server';
import { obtainNeo4j } from './app/neo4j-connection';
import { exitOnConfigError } from './app/exit-on-config-error';
import { describeStartupFailure } from './app/startup-failure';
import { ensureSchema } from './ingest/load';
import { seedIfEmpty } from './ingest/seed';

/** Process entry: config → Neo4j (local if none configured) → seed if empty → HTTP; stops in reverse on signals. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = exitOnConfigError(loadConfig);
  const logger = createLogger(config.logLevel);

  const neo4j = await obtainNeo4j(config, logger, { supervise: true });
  const db = new Database(neo4j.connection, {
    database: neo4j.database,
    queryTimeoutMs: config.queryTimeoutMs,
    acquisitionTimeoutMs: config.acquisitionTimeoutMs,
    health: { onChange: (state) => logger[state.status === 'up' ? 'info' : 'warn']({ neo4j: state.status, reason: state.reason }, `Neo4j is ${state.status}`) },
  });

  let stopping = false;
  const stopAll = async (server?: { stop(): Promise<void> }): Promise<void> => {
    await server?.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping the HTTP server failed'));
    await db.close().catch((error: unknown) => logger.error({ err: error }, 'closing the Neo4j driver failed'));
    await neo4j.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping the local Neo4j failed'));
  };

  let server: Awaited<ReturnType<typeof createServer>> | undefined;
  // While the supervisor restarts the local Neo4j, requests get 503 and /readyz says why; once it is
  // back, the server plans its statements again before serving.
  neo4j.watch((reason) => (reason !== undefined || !server ? db.health.hold(reason) : void server.afterNeo4jRestart()));
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void stopAll(server).then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (config.seedOnStart) await seedIfEmpty(db, logger);
    // The constraints and indexes the statements rely on (the name filter hints the names' text index), and
    // derived properties a database loaded by an older version lacks: made even when nothing is seeded.
    else await ensureSchema(db).catch((err: unknown) => logger.warn({ err }, 'could not check the schema (constraints, indexes); name filters fail until a seed or import has run'));
    server = await createServer({ config, db, logger });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const { url } = server;
  void server.warmedUp.then(() =>
    logger.info({ url: `${url}/graphql`, startupMs: Math.round(performance.now() - startedAt) }, `condition-graph ready at ${url}/graphql`),
  );
  logger.info(
    config.auth.key.kind === 'development'
      ? 'changes need a bearer token: npm run token -- --role curator --sub alice (signed with the development secret in .auth/)'
      : `changes need a bearer token checked against ${config.auth.key.kind === 'secret' ? 'AUTH_JWT_SECRET' : 'AUTH_JWKS_FILE'}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
});
