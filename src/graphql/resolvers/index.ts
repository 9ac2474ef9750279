import type { Resolvers } from '../resolvers-types.generated';
import { dashboardQuery } from './dashboard';
import { entityResolvers } from './entities';
import { serverInfo } from './serverInfo';
import { traversalResolvers } from './traversal';

export const resolvers: Resolvers = {
  ...traversalResolvers,
  ...entityResolvers,
  Query: { serverInfo, ...entityResolvers.Query, ...traversalResolvers.Query, ...dashboardQuery },
};
