/**
 * Root fields of schema/traversal.graphql, search.graphql and stats.graphql. Each costs one Cypher
 * statement (one Bolt round trip). sharedSymptoms fetches the client's whole selection below each
 * symptom in that statement (the projection compiler); the traversals project only the entity
 * properties and evidence lists their selection asks for (traversalPlanFor); their entities' nested
 * relationship fields are fetched by the entity resolvers, batched per nesting level.
 */
import { sharedSymptoms } from '../../../domain/traversal/shared-symptoms';
import { compareConditions } from '../../../domain/traversal/compare';
import { rankConditions } from '../../../domain/traversal/rank';
import { neighborhood } from '../../../domain/traversal/neighborhood';
import { shortestPath } from '../../../domain/traversal/shortest-path';
import { search } from '../../../domain/search/search';
import { graphStats } from '../../../domain/stats/stats';
import type { QueryResolvers, Resolvers } from '../../resolvers-types.generated';
import { EMPTY_NODE_PLAN, type TraversalPlan } from '../../../domain/projection';
import { planFor, traversalPlanFor } from '../../selection';
import { guarded } from './guard';

/** `sharedSymptoms` returns symptoms only: nothing of the links behind them is projected. */
const NOTHING: TraversalPlan = { node: EMPTY_NODE_PLAN, evidence: null };

type TraversalQueryFields =
  | 'sharedSymptoms'
  | 'sharedSymptomsWithEvidence'
  | 'compareConditions'
  | 'rankConditions'
  | 'neighborhood'
  | 'shortestPath'
  | 'search'
  | 'graphStats';

const Query: Required<Pick<QueryResolvers, TraversalQueryFields>> = {
  sharedSymptoms: (_parent, args, { db }, info) =>
    guarded(async () => (await sharedSymptoms(db, { ...args, symptomPlan: planFor(info), linksPlan: NOTHING })).map((shared) => shared.symptom)),
  sharedSymptomsWithEvidence: (_parent, args, { db }, info) =>
    guarded(() => sharedSymptoms(db, { ...args, symptomPlan: planFor(info, ['symptom']), linksPlan: traversalPlanFor(info, ['links']) })),
  compareConditions: (_parent, args, { db }, info) => guarded(() => compareConditions(db, { ...args, plan: traversalPlanFor(info) })),
  rankConditions: (_parent, args, { db }, info) => guarded(() => rankConditions(db, { ...args, plan: traversalPlanFor(info) })),
  // Single ids: an HPO id joined to an article entity is resolved only when it was not found (IdResolver).
  neighborhood: (_parent, args, { db, ids }, info) =>
    guarded(() => ids.retryResolved([args.id], ([id]) => neighborhood(db, { ...args, id: id ?? args.id, plan: traversalPlanFor(info) }))),
  shortestPath: (_parent, args, { db, ids }, info) =>
    guarded(() =>
      ids.retryResolved([args.fromId, args.toId], ([fromId, toId]) =>
        shortestPath(db, { ...args, fromId: fromId ?? args.fromId, toId: toId ?? args.toId, plan: traversalPlanFor(info) }),
      ),
    ),
  search: (_parent, args, { db }) => guarded(() => search(db, args)),
  graphStats: (_parent, _args, { db }) => guarded(() => graphStats(db)),
};

/** Merged into the root resolvers by src/graphql/resolvers/index.ts. */
export const traversalResolvers: Pick<Resolvers, 'Query'> = { Query };
