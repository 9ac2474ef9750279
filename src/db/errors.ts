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

/** First match wins: the specific codes, then every other transient error. */
const KIND_BY_CODE: ReadonlyArray<[RegExp, DatabaseErrorKind]> = [
  [/^ServiceUnavailable$|^SessionExpired$|Neo\.TransientError\.General\.DatabaseUnavailable|Neo\.ClientError\.Database\.DatabaseNotFound/, 'UNAVAILABLE'],
  [/TransactionTimedOut|Transaction\.TransactionTimedOutClientConfiguration|LockClient\.LockTimeout|Transaction\.LockAcquisitionTimeout/, 'TIMEOUT'],
  [/Schema\.ConstraintValidationFailed/, 'CONSTRAINT'],
  [/Statement\.(SyntaxError|SemanticError|ParameterMissing|TypeError|ArgumentError)/, 'INVALID_QUERY'],
  // The transaction was stopped by the server (its database stopping or restarting, the transaction
  // terminated, its lock client stopped): nothing was committed and the same request may be sent
  // again. Neo4j reports these as TransientError; neo4j-driver re-labels the two below as ClientError
  // (so that its own retries leave them alone), which would otherwise reach clients as internal errors.
  [/^Neo\.ClientError\.Transaction\.(Terminated|LockClientStopped)$/, 'UNAVAILABLE'],
  // Neo4j's own class for "safe to retry" (deadlocks, memory pressure, outdated state, …).
  [/^Neo\.TransientError\./, 'UNAVAILABLE'],
];

/**
 * Driver failures that carry no Neo4j code ('N/A') but mean the database cannot be reached or has no
 * connection to spare: every pooled connection busy (acquisition timeout), a connection that could
 * not be opened, a socket closed under a query.
 */
const UNAVAILABLE_MESSAGES = /^Connection acquisition timed out|^Failed to connect to server|^Connection was closed by server|ECONNREFUSED|ECONNRESET|^Pool is closed/;

/** Codes after which the same statement may simply be sent again (a stale pooled connection, a restarted server). */
const RESENDABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

export function mapNeo4jError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const code = error instanceof Neo4jError ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const kind =
    KIND_BY_CODE.find(([pattern]) => code !== undefined && pattern.test(code))?.[1] ?? (UNAVAILABLE_MESSAGES.test(message) ? 'UNAVAILABLE' : 'UNKNOWN');
  return new DatabaseError(kind, message, code, { cause: error });
}

/** Whether a failed read may be sent once more: the connection broke, not the statement. */
export function isResendable(error: DatabaseError): boolean {
  return error.kind === 'UNAVAILABLE' && error.neo4jCode !== undefined && RESENDABLE_CODES.has(error.neo4jCode);
}
