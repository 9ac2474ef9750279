/**
 * Root fields of schema/traversal.graphql, search.graphql and stats.graphql. Each costs one Cypher
 * statement (one Bolt round trip). sharedSymptoms fetches the client's whole selection below each
 * symptom in that statement (the projection compiler); the other fields return plain EntityRecords,
 * whose nested relationship fields the entity resolvers fetch batched per nesting level.
 */
import { sharedSymptoms } from '../../../domain/traversal/shared-symptoms';
import { compareConditions } from '../../../domain/traversal/compare';
import { rankConditions } from '../../../domain/traversal/rank';
import { neighborhood } from '../../../domain/traversal/neighborhood';
import { shortestPath } from '../../../domain/traversal/shortest-path';
import { search } from '../../../domain/search/search';
import { graphStats } from '../../../domain/stats/stats';
import type { QueryResolvers, Resolvers } from '../../resolvers-types.generated';
import { planFor } from '../../selection';
import { guarded } from './guard';

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
    guarded(async () => (await sharedSymptoms(db, { ...args, symptomPlan: planFor(info) })).map((shared) => shared.symptom)),
  sharedSymptomsWithEvidence: (_parent, args, { db }, info) =>
    guarded(() => sharedSymptoms(db, { ...args, symptomPlan: planFor(info, ['symptom']) })),
  compareConditions: (_parent, args, { db }) => guarded(() => compareConditions(db, args)),
  rankConditions: (_parent, args, { db }) => guarded(() => rankConditions(db, args)),
  neighborhood: (_parent, args, { db }) => guarded(() => neighborhood(db, args)),
  shortestPath: (_parent, args, { db }) => guarded(() => shortestPath(db, args)),
  search: (_parent, args, { db }) => guarded(() => search(db, args)),
  graphStats: (_parent, _args, { db }) => guarded(() => graphStats(db)),
};

/** Merged into the root resolvers by src/graphql/resolvers/index.ts. */
export const traversalResolvers: Pick<Resolvers, 'Query'> = { Query };
