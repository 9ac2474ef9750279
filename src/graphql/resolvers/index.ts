import type { Resolvers } from '../resolvers-types.generated';
import { entityResolvers } from './entities';
import { serverInfo } from './serverInfo';

export const resolvers: Resolvers = {
  ...entityResolvers,
  Query: { serverInfo, ...entityResolvers.Query },
};
