import type { Config } from '../config';
import type { Neo4jConnection } from '../db';
import type { Logger } from '../logger';
import { startLocalNeo4j, stopOnExit } from '../local-neo4j';

/** A Neo4j to talk to: the one configured, or the project's own local server started for this process. */
export interface Neo4jRuntime {
  connection: Neo4jConnection;
  database: string;
  /** True when this process runs the project's local Neo4j (and so must stop it). */
  local: boolean;
  stop(): Promise<void>;
}

export async function obtainNeo4j(config: Config, logger: Logger): Promise<Neo4jRuntime> {
  if (config.neo4j) {
    const { uri, user, password, database } = config.neo4j;
    logger.info({ uri, database }, 'using the Neo4j named by NEO4J_URI');
    return { connection: { uri, user, password }, database, local: false, stop: async () => {} };
  }
  const local = await startLocalNeo4j({
    instanceDir: config.localNeo4j.instanceDir,
    heap: config.localNeo4j.heap,
    pageCache: config.localNeo4j.pageCache,
    log: (line: string) => logger.info(`local neo4j: ${line}`),
  });
  // Signals are handled by the caller so it can stop HTTP and the driver first; this only makes sure an
  // unexpected exit still takes the Java process down with it.
  stopOnExit(local, { signals: [] });
  return {
    connection: { uri: local.uri, user: local.user, password: local.password },
    database: local.database,
    local: true,
    stop: () => local.stop(),
  };
}
