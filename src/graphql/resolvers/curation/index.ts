import { hasRole, type Role } from '../../../auth/roles';
import type { Actor, ChangeResult } from '../../../domain/curation/change.types';
import {
  entityPayload,
  idempotencyKeySchema,
  mergePayload,
  relationshipPayload,
  retractEntityPayload,
  retractEvidencePayload,
  sourcePayload,
  updatePayload,
} from '../../../domain/curation/curation.input';
import type { ProposeRequest } from '../../../domain/curation/curation.repository';
import type { GraphQLContext } from '../../context';
import { badUserInput, forbidden, unauthenticated } from '../../errors';
import { LIST_LIMITS } from '../../limits';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../../resolvers-types.generated';
import { decodeCursor, encodeCursor } from '../../selection/cursor';

const CHANGES_ORDER = 'changes';

/** The signed-in subject, when it holds `role`; otherwise 401 (nobody signed in) or 403 (wrong role). */
function requireRole(context: GraphQLContext, role: Role, what: string): Actor {
  if (!context.viewer) throw unauthenticated(`${what} needs a bearer token with the ${role} role (Authorization: Bearer <token>).`);
  if (!hasRole(context.viewer, role)) throw forbidden(`${what} needs the ${role} role; your token has ${context.viewer.roles.join(', ') || 'no roles'}.`);
  return { subject: context.viewer.subject, requestId: context.requestId, admin: hasRole(context.viewer, 'admin') };
}

/** The argument's key, else the Idempotency-Key header's; validated like any input. */
function idempotencyKeyOf(context: GraphQLContext, argument: string | null | undefined): string | undefined {
  const key = argument ?? context.idempotencyKey;
  if (key === undefined || key === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(key);
  if (!parsed.success) throw badUserInput(`idempotencyKey: ${parsed.error.issues[0]?.message ?? 'is not valid'}`, 'idempotencyKey');
  return parsed.data;
}

function propose(
  context: GraphQLContext,
  what: string,
  key: string | null | undefined,
  build: (actor: string) => Pick<ProposeRequest, 'payload' | 'reason'>,
  role: Role = 'curator',
): Promise<ChangeResult> {
  const actor = requireRole(context, role, what);
  const idempotencyKey = idempotencyKeyOf(context, key);
  // Domain refusals leave through the one error boundary (src/graphql/resolvers/index.ts) with their HTTP status.
  return context.curation.propose({ ...build(actor.subject), actor, ...(idempotencyKey ? { idempotencyKey } : {}) });
}

const today = () => new Date().toISOString().slice(0, 10);

const Mutation: MutationResolvers = {
  createSource: (_parent, { input, idempotencyKey }, context) => propose(context, 'createSource', idempotencyKey, () => sourcePayload(input)),
  createEntity: (_parent, { input, idempotencyKey }, context) => propose(context, 'createEntity', idempotencyKey, () => entityPayload(input)),
  assertRelationship: (_parent, { input, idempotencyKey }, context) =>
    propose(context, 'assertRelationship', idempotencyKey, (actor) => relationshipPayload(input, actor, today())),
  updateEntity: (_parent, { input, idempotencyKey }, context) => propose(context, 'updateEntity', idempotencyKey, () => updatePayload(input)),
  retractEntity: (_parent, { id, reason, idempotencyKey }, context) =>
    propose(context, 'retractEntity', idempotencyKey, () => retractEntityPayload({ id, reason })),
  retractEvidence: (_parent, { input, idempotencyKey }, context) => propose(context, 'retractEvidence', idempotencyKey, () => retractEvidencePayload(input)),
  mergeEntities: (_parent, { keep, merge, reason, idempotencyKey }, context) =>
    propose(context, 'mergeEntities', idempotencyKey, () => mergePayload({ keep, merge, reason }), 'admin'),
  reviewChange: (_parent, { id, decision, reason }, context) => {
    const reviewer = requireRole(context, 'reviewer', 'reviewChange');
    return context.curation.review(id, decision, reason ?? null, reviewer);
  },
};

const Query: Pick<QueryResolvers, 'change' | 'changes'> = {
  change: (_parent, { id }, context) => context.curation.find(id),
  changes: async (_parent, { since, entityId, actor, status, first, after }, context) => {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 0 || size > LIST_LIMITS.maxFirst) {
      throw badUserInput(`first must be between 0 and ${LIST_LIMITS.maxFirst}`, 'first');
    }
    if (since !== null && since !== undefined && Number.isNaN(Date.parse(since))) {
      throw badUserInput('since must be an ISO 8601 date or time, such as 2026-12-01 or 2026-12-01T10:00:00Z', 'since');
    }
    const skip = after ? Number(decodeCursor(after, CHANGES_ORDER).key) : 0;
    if (!Number.isInteger(skip) || skip < 0) throw badUserInput('`after` is not a cursor of this list; pass `endCursor` from a previous page.', 'after');
    const page = await context.curation.list({ since, entityId, actor, status, first: size, skip });
    return { ...page, endCursor: page.hasMore ? encodeCursor(CHANGES_ORDER, skip + size, CHANGES_ORDER) : null };
  },
};

export const curationResolvers: Pick<Resolvers, 'Mutation'> & { Query: typeof Query } = { Mutation, Query };

