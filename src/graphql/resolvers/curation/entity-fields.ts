/** The curation fields every entity kind has: its version, its history, its proposed statements and, when retracted, why. */
import type { GraphQLResolveInfo } from 'graphql';
import type { ChangeRecord } from '../../../domain/curation/change.types';
import type { ConnectionEdgeRecord, ConnectionRecord, EntityRecord, EvidenceLists } from '../../../domain/entity/entity.types';
import { evidenceToProps } from '../../../ingest/records';
import { connectionField } from '../entities/fields';
import type { GraphQLContext } from '../../context';
import { badUserInput } from '../../errors';
import { LIST_LIMITS } from '../../limits';

/** Proposed statements shown per entity: reviewers see a backlog, not the whole queue (use `changes` for that). */
const MAX_PROPOSED = 100;

/**
 * `statements`: the accepted statements as stored (one statement, paged); with `includeProposed` the
 * first page is followed by the statements proposed about this entity and not yet reviewed, each with
 * `status: PROPOSED` and its change. A proposal whose other end is itself only proposed is left out
 * (there is no entity to show yet).
 */
export async function statementsField(parent: EntityRecord, args: { includeProposed?: boolean | null; after?: string | null }, context: GraphQLContext, info: GraphQLResolveInfo): Promise<ConnectionRecord> {
  const accepted = await connectionField(parent, args, context, info);
  if (!args.includeProposed || args.after) return accepted;
  const pending = await context.curation.pendingStatements(parent.id, MAX_PROPOSED);
  const proposed: ConnectionEdgeRecord[] = [];
  for (const { change, edge } of pending) {
    if (edge.subject !== parent.id && edge.object !== parent.id) continue; // the entity is only a cited source
    const out = edge.subject === parent.id;
    const node = await context.entities.byId.load(out ? edge.object : edge.subject);
    if (!node) continue;
    proposed.push({ node, __k: '', __type: edge.type, __out: out, __evidence: [evidenceToProps(edge.evidence) as EvidenceLists], __proposal: change });
  }
  return { ...accepted, __proposed: proposed };
}

export const curatedEntityFields = {
  version: (entity: EntityRecord): number => entity.version ?? 1,
  retirement: (entity: EntityRecord) =>
    entity.__retirement ? { ...entity.__retirement, status: entity.__retirement.as } : null,
  history: async (entity: EntityRecord, args: { first?: number | null }, context: GraphQLContext): Promise<ChangeRecord[]> => {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 0 || first > LIST_LIMITS.maxFirst) throw badUserInput(`history(first:) must be between 0 and ${LIST_LIMITS.maxFirst}`, 'first');
    return (await context.curation.list({ entityId: entity.id, first, skip: 0 })).nodes;
  },
};
