export { Database, WriteTransaction, type DatabaseOptions, type Neo4jConnection } from './database';
export { Neo4jHealth, type HealthState, type HealthStatus } from './health';
export { DatabaseError, mapNeo4jError, type DatabaseErrorKind } from './errors';
export { toPlain } from './values';
export { onlyRow } from './statement-rows';
export { EVERY_KEY, type TakeKeys } from './key-locks';
