import type { Config } from '../config';
import type { Neo4jConnection } from '../db';
import type { Logger } from '../logger';
import { startLocalNeo4j, stopOnExit, superviseLocalNeo4j } from '../local-neo4j';

/** A Neo4j to talk to: the one configured, or the project's own local server started for this process. */
export interface Neo4jRuntime {
  connection: Neo4jConnection;
  database: string;
  /** True when this process runs the project's local Neo4j (and so must stop it). */
  local: boolean;
  /**
   * Calls `listener` with a reason whenever the supervised local Neo4j goes away and with `undefined`
   * once it is back (only with `supervise`; a NEO4J_URI server is its operator's to run).
   */
  watch(listener: (downReason: string | undefined) => void): void;
  stop(): Promise<void>;
}

/**
 * `supervise` (the server): the local Neo4j is restarted when it exits unexpectedly
 * (src/local-neo4j/supervise.ts). Command-line tools run without it.
 */
export async function obtainNeo4j(config: Config, logger: Logger, options: { supervise?: boolean } = {}): Promise<Neo4jRuntime> {
  if (config.neo4j) {
    const { uri, user, password, database } = config.neo4j;
    logger.info({ uri, database }, 'using the Neo4j named by NEO4J_URI');
    return { connection: { uri, user, password }, database, local: false, watch: () => {}, stop: async () => {} };
  }
  const startOptions = {
    instanceDir: config.localNeo4j.instanceDir,
    heap: config.localNeo4j.heap,
    pageCache: config.localNeo4j.pageCache,
    log: (line: string) => logger.info(`local neo4j: ${line}`),
  };
  if (options.supervise) {
    let listener: ((downReason: string | undefined) => void) | undefined;
    const supervised = await superviseLocalNeo4j(startOptions, {
      maxRestarts: config.localNeo4j.maxRestarts,
      onState: (reason) => listener?.(reason),
    });
    const { uri, user, password, database } = supervised.current;
    return {
      connection: { uri, user, password },
      database,
      local: true,
      watch: (next) => (listener = next),
      stop: () => supervised.stop(),
    };
  }
  const local = await startLocalNeo4j(startOptions);
  // Signals are handled by the caller so it can stop HTTP and the driver first; this only makes sure an
  // unexpected exit still takes the Java process down with it.
  stopOnExit(local, { signals: [] });
  return {
    connection: { uri: local.uri, user: local.user, password: local.password },
    database: local.database,
    local: true,
    watch: () => {},
    stop: () => local.stop(),
  };
}
