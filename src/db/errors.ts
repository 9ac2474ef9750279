import { Neo4jError } from 'neo4j-driver';

/** What went wrong in the database, in terms the domain and GraphQL layers can act on. */
export type DatabaseErrorKind = 'UNAVAILABLE' | 'TIMEOUT' | 'CONSTRAINT' | 'INVALID_QUERY' | 'UNKNOWN';

/**
 * A database failure with the Neo4j code kept for the log only: the GraphQL layer turns it into
 * a generic message, never showing Cypher or Neo4j codes to a client.
 */
export class DatabaseError extends Error {
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    readonly neo4jCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

const KIND_BY_CODE: ReadonlyArray<[RegExp, DatabaseErrorKind]> = [
  [/^ServiceUnavailable$|^SessionExpired$|Neo\.TransientError\.General\.DatabaseUnavailable/, 'UNAVAILABLE'],
  [/TransactionTimedOut|Transaction\.TransactionTimedOutClientConfiguration|LockClient\.LockTimeout/, 'TIMEOUT'],
  [/Schema\.ConstraintValidationFailed/, 'CONSTRAINT'],
  [/Statement\.(SyntaxError|SemanticError|ParameterMissing|TypeError|ArgumentError)/, 'INVALID_QUERY'],
];

export function mapNeo4jError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const code = error instanceof Neo4jError ? error.code : undefined;
  const kind = KIND_BY_CODE.find(([pattern]) => code !== undefined && pattern.test(code))?.[1] ?? 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  return new DatabaseError(kind, message, code, { cause: error });
}
