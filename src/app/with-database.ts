import { loadConfig } from '../config';
import { Database } from '../db';
import { createLogger, type Logger } from '../logger';
import { obtainNeo4j } from './neo4j-connection';
import { exitOnConfigError } from './exit-on-config-error';

/**
 * For command-line tools (seed, import, export): a configured Database for the duration of `fn`,
 * with the local Neo4j started and stopped around it when no NEO4J_URI is set.
 */
export async function withDatabase<T>(fn: (db: Database, logger: Logger) => Promise<T>): Promise<T> {
  const config = exitOnConfigError(loadConfig);
  const logger = createLogger(config.logLevel);
  const neo4j = await obtainNeo4j(config, logger);
  const db = new Database(neo4j.connection, { database: neo4j.database, queryTimeoutMs: config.queryTimeoutMs });
  try {
    return await fn(db, logger);
  } finally {
    await db.close();
    await neo4j.stop();
  }
}
