/**
 * Root lookups and lists of entities: arguments are checked here, then ONE repository call answers
 * the field and everything selected below it (one statement, one round trip).
 */
import type { GraphQLResolveInfo } from 'graphql';
import { orderingId, type EntityFilter, type EntityOrdering, type ListQuery } from '../../../domain/entity/entity.query';
import type { ConnectionRecord, EntityRecord } from '../../../domain/entity/entity.types';
import { MAX_FILTER_TEXT_LENGTH, type Kind } from '../../../domain/model';
import { checkId, checkText } from '../../../domain/traversal/arguments';
import { BadArgumentError } from '../../../domain/errors';
import type { GraphQLContext } from '../../context';
import { badUserInput } from '../../errors';
import { LIST_LIMITS } from '../../limits';
import type { EntityOrder, EntityWhere, InputMaybe } from '../../resolvers-types.generated';
import { checkedFirst, decodeCursor, planConnection, planFor } from '../../selection';

type Root = Record<PropertyKey, never>;

/** `entity(id)` (kind null) or `condition(id)` etc.: the entity, or null for an unknown id. */
export function lookup(kind: Kind | null) {
  return async (_root: Root, args: { id: string; includeRetracted?: boolean | null }, context: GraphQLContext, info: GraphQLResolveInfo): Promise<EntityRecord | null> => {
    const found = await context.ids.retryResolved([checkId('id', args.id)], ([id]) => context.entities.repository.findById(id ?? args.id, kind, planFor(info)), (entity) => entity !== null);
    // A retracted entity answers only when asked for (curation keeps it under its id).
    return found ?? (args.includeRetracted ? context.curation.findRetracted(args.id) : null);
  };
}

export interface ListArgs {
  kinds?: InputMaybe<Kind[]>;
  where?: InputMaybe<EntityWhere>;
  orderBy?: InputMaybe<EntityOrder>;
  first?: InputMaybe<number>;
  after?: InputMaybe<string>;
}

export function checkedFilter(where: InputMaybe<EntityWhere>): EntityFilter {
  if (!where) return {};
  if (where.ids && where.ids.length > LIST_LIMITS.maxIds) {
    throw badUserInput(`\`where.ids\` may hold at most ${LIST_LIMITS.maxIds} ids; got ${where.ids.length}.`, 'where');
  }
  // Bounded before any work: an unbounded string went whole to Neo4j (1 MB compared with every name).
  try {
    if (where.nameContains) checkText('where.nameContains', where.nameContains, MAX_FILTER_TEXT_LENGTH);
    if (where.hasXref) checkText('where.hasXref', where.hasXref, MAX_FILTER_TEXT_LENGTH);
    if (where.relatedTo) checkId('where.relatedTo', where.relatedTo);
    for (const id of where.ids ?? []) checkId('where.ids', id);
  } catch (error) {
    if (error instanceof BadArgumentError) throw badUserInput(error.message, 'where');
    throw error;
  }
  return { nameContains: where.nameContains, hasXref: where.hasXref, relatedTo: where.relatedTo, ids: where.ids };
}

export function ordering(orderBy: InputMaybe<EntityOrder>): EntityOrdering {
  return {
    field: orderBy?.field ?? 'NAME',
    direction: orderBy?.direction ?? 'ASC',
    relatedKind: orderBy?.field === 'RELATED_COUNT' ? (orderBy.relatedKind ?? null) : null,
  };
}

/** A root list (`conditions`, ..., `entities`) as one page with its total count. */
export function list(kind: Kind | null) {
  return (_root: Root, args: ListArgs, context: GraphQLContext, info: GraphQLResolveInfo): Promise<ConnectionRecord> => {
    const order = ordering(args.orderBy);
    const plan = planConnection(info);
    const query: ListQuery = {
      kinds: kind ? [kind] : (args.kinds ?? null),
      filter: checkedFilter(args.where),
      order,
      limit: checkedFirst(args.first, LIST_LIMITS.maxFirst, LIST_LIMITS.defaultFirst),
      after: typeof args.after === 'string' ? decodeCursor(args.after, orderingId(order)) : null,
      totalCount: plan.totalCount,
      page: plan.page,
      cursors: plan.cursors,
      node: plan.node,
      evidence: plan.evidence,
    };
    return resolveFilterIds(query.filter, context).then((filter) => context.entities.repository.list({ ...query, filter }));
  };
}

/** The filter's ids as entity ids (an HPO id joined to an article entity: see IdResolver). */
async function resolveFilterIds(filter: EntityFilter, context: GraphQLContext): Promise<EntityFilter> {
  const out: { -readonly [K in keyof EntityFilter]: EntityFilter[K] } = { ...filter };
  if (filter.relatedTo) out.relatedTo = await context.ids.resolveOne(filter.relatedTo);
  if (filter.ids) out.ids = await context.ids.resolve(filter.ids);
  return out;
}
