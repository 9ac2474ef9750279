/**
 * The project's own Neo4j 5.26 Community server, used when NEO4J_URI is not set: resolved from
 * Maven Central into .neo4j/lib, run from an instance folder under .neo4j/ (dev, test, bench).
 */
export { startLocalNeo4j, findProjectRoot, type LocalNeo4jOptions } from './start';
export { superviseLocalNeo4j, type SupervisedNeo4j, type SuperviseOptions } from './supervise';
export { stopOnExit, type LocalNeo4jHandle, type StopOnExitOptions } from './handle';
export { LocalNeo4jError, lastLines, type LocalNeo4jErrorCode } from './errors';
export { runNeo4jAdmin, databaseFolders, deleteDatabaseFiles } from './admin';
export type { RunResult } from './run';
