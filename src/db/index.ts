export { Database, WriteTransaction, createDriver, type DatabaseOptions, type Neo4jConnection } from './database';
export { DatabaseError, mapNeo4jError, type DatabaseErrorKind } from './errors';
export { toPlain } from './values';
