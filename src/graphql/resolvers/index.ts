import { atBoundary } from '../errors';
import type { QueryResolvers, Resolvers } from '../resolvers-types.generated';
import { viewer } from './auth/viewer';
import { entityResolvers } from './entities';
import { search } from './search';
import { serverInfo } from './serverInfo';
import { graphStats } from './stats';
import { traversalResolvers } from './traversal';

const Query: QueryResolvers = { serverInfo, viewer, search, graphStats, ...entityResolvers.Query, ...traversalResolvers.Query };

/** Every root field passes the one error boundary: a bad argument anywhere below is a BAD_USER_INPUT (400). */
const guardedQuery = Object.fromEntries(
  Object.entries(Query).map(([field, resolver]) => [field, atBoundary(resolver as (...args: unknown[]) => unknown)]),
) as QueryResolvers;

export const resolvers: Resolvers = {
  ...traversalResolvers,
  ...entityResolvers,
  Query: guardedQuery,
};
