/**
 * Root fields of schema/traversal.graphql. Each costs one Cypher
 * statement (one Bolt round trip). sharedSymptoms fetches the client's whole selection below each
 * symptom in that statement (the projection compiler); the traversals project only the entity
 * properties and evidence lists their selection asks for (traversalPlanFor); their entities' nested
 * relationship fields are fetched by the entity resolvers, batched per nesting level.
 */
import type { QueryResolvers, Resolvers } from '../../resolvers-types.generated';
import { planFor, traversalPlanFor } from '../../selection';

type TraversalQueryFields = 'sharedSymptoms' | 'sharedSymptomsWithEvidence' | 'compareConditions' | 'rankConditions' | 'neighborhood' | 'shortestPath';

const Query: Required<Pick<QueryResolvers, TraversalQueryFields>> = {
  sharedSymptoms: async (_parent, args, { traversals }, info) =>
    // Symptoms only: nothing of the links behind them is fetched.
    (await traversals.sharedSymptoms({ ...args, symptomPlan: planFor(info), linksPlan: false })).map((shared) => shared.symptom),
  sharedSymptomsWithEvidence: (_parent, args, { traversals }, info) =>
    traversals.sharedSymptoms({ ...args, symptomPlan: planFor(info, ['symptom']), linksPlan: traversalPlanFor(info, ['links']) }),
  compareConditions: (_parent, args, { traversals }, info) => traversals.compareConditions({ ...args, plan: traversalPlanFor(info) }),
  rankConditions: (_parent, args, { traversals }, info) => traversals.rankConditions({ ...args, plan: traversalPlanFor(info) }),
  // Single ids: an HPO id joined to an article entity is resolved only when it was not found (IdResolver).
  neighborhood: (_parent, args, { traversals, ids }, info) =>
    ids.retryResolved([args.id], ([id]) => traversals.neighborhood({ ...args, id: id ?? args.id, plan: traversalPlanFor(info) })),
  shortestPath: (_parent, args, { traversals, ids }, info) =>
    ids.retryResolved([args.fromId, args.toId], ([fromId, toId]) =>
      traversals.shortestPath({ ...args, fromId: fromId ?? args.fromId, toId: toId ?? args.toId, plan: traversalPlanFor(info) }),
    ),
};

/** Merged into the root resolvers by src/graphql/resolvers/index.ts. */
export const traversalResolvers: Pick<Resolvers, 'Query'> = { Query };
