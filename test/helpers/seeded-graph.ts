import pino from 'pino';
import { Database } from '../../src/db';
import type { Logger } from '../../src/logger';
import { seedIfEmpty } from '../../src/ingest/seed';
import { neo4jTestEnv } from './neo4j-env';

/** A logger that prints nothing (tests). */
export const silentLogger: Logger = pino({ level: 'silent' });

/** A Database on the Neo4j of the test run (close it in afterAll). */
export function openTestDatabase(queryTimeoutMs = 60_000): Database {
  const env = neo4jTestEnv();
  return new Database({ uri: env.uri, user: env.user, password: env.password }, { database: env.database, queryTimeoutMs });
}

/** Runs `work` on a Database of its own, closed afterwards (an afterAll that outlives useSeededApi's). */
export async function withTestDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = openTestDatabase();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Makes sure the article's seed is loaded (loads it when the database holds nothing of it). */
export async function ensureSeeded(db: Database): Promise<void> {
  await seedIfEmpty(db, silentLogger);
}

/** Removes everything: for integration test files that need an empty database at their start. */
export async function wipe(db: Database): Promise<void> {
  await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
}
