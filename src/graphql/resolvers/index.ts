import { atBoundary } from '../errors';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../resolvers-types.generated';
import { dashboardQuery } from './dashboard';
import { viewer } from './auth/viewer';
import { curationResolvers } from './curation';
import { entityResolvers } from './entities';
import { search } from './search';
import { serverInfo } from './serverInfo';
import { graphStats } from './stats';
import { traversalResolvers } from './traversal';

const Query: QueryResolvers = { serverInfo, viewer, search, graphStats, ...curationResolvers.Query, ...entityResolvers.Query, ...traversalResolvers.Query, ...dashboardQuery };

/**
 * Every root field passes the one error boundary: a bad argument anywhere below is a BAD_USER_INPUT
 * (400), a curation refusal its 400/403/409, an unavailable database a 503.
 */
function guarded<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).map(([field, resolver]) => [field, atBoundary(resolver as (...args: unknown[]) => unknown)])) as T;
}

export const resolvers: Resolvers = {
  ...traversalResolvers,
  ...entityResolvers,
  Mutation: guarded<MutationResolvers>(curationResolvers.Mutation ?? {}),
  Query: guarded(Query),
};
