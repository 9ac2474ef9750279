import type { QueryResolvers } from '../resolvers-types.generated';

export const serverInfo: QueryResolvers['serverInfo'] = (_parent, _args, { stats }) => stats.serverInfo();
