import type { Resolvers } from '../resolvers-types.generated';
import { viewer } from './auth/viewer';
import { entityResolvers } from './entities';
import { serverInfo } from './serverInfo';
import { traversalResolvers } from './traversal';

export const resolvers: Resolvers = {
  ...traversalResolvers,
  ...entityResolvers,
  Query: { serverInfo, viewer, ...entityResolvers.Query, ...traversalResolvers.Query },
};
