/** `graphStats` (schema/stats.graphql): one statement of counts. */
import type { QueryResolvers } from '../resolvers-types.generated';

export const graphStats: QueryResolvers['graphStats'] = (_parent, _args, { stats }) => stats.graphStats();
