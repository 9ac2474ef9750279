import { Neo4jError } from 'neo4j-driver';
import { toGraphQLError } from '../../../src/graphql/errors';
import { isResendable, mapNeo4jError } from '../../../src/db/errors';

const neo4jError = (code: string) => new Neo4jError(`failed with ${code}`, code, '50N42', 'error: general processing exception');

describe('mapNeo4jError', () => {
  it.each([
    // What neo4j-driver makes of Neo.TransientError.Transaction.Terminated and LockClientStopped (it re-labels them ClientError).
    'Neo.ClientError.Transaction.Terminated',
    'Neo.ClientError.Transaction.LockClientStopped',
    'Neo.TransientError.Transaction.DeadlockDetected',
    'Neo.TransientError.Transaction.BookmarkTimeout',
    'Neo.TransientError.General.TransactionMemoryLimit',
  ])('maps %s, a transaction the server stopped without committing it, to UNAVAILABLE: 503 with Retry-After', (code) => {
    const mapped = mapNeo4jError(neo4jError(code));
    expect(mapped).toMatchObject({ kind: 'UNAVAILABLE', neo4jCode: code });
    expect(toGraphQLError(mapped)?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', http: { status: 503 } });
  });

  it('keeps the specific kinds ahead of the transient catch-all: a lock wait past its timeout is still a TIMEOUT (504)', () => {
    expect(mapNeo4jError(neo4jError('Neo.TransientError.Transaction.LockAcquisitionTimeout')).kind).toBe('TIMEOUT');
    expect(mapNeo4jError(neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')).kind).toBe('TIMEOUT');
  });

  it('leaves other client errors alone: a constraint is CONSTRAINT, an unknown client error stays UNKNOWN (an internal error)', () => {
    expect(mapNeo4jError(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed')).kind).toBe('CONSTRAINT');
    expect(mapNeo4jError(neo4jError('Neo.ClientError.Transaction.ForbiddenDueToTransactionType')).kind).toBe('UNKNOWN');
  });

  it('does not make a read resend a statement the server terminated: only a broken connection is resent', () => {
    expect(isResendable(mapNeo4jError(neo4jError('Neo.ClientError.Transaction.Terminated')))).toBe(false);
    expect(isResendable(mapNeo4jError(neo4jError('SessionExpired')))).toBe(true);
  });
});
