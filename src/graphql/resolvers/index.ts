import type { Resolvers } from '../resolvers-types.generated';
import { viewer } from './auth/viewer';
import { curationResolvers } from './curation';
import { entityResolvers } from './entities';
import { serverInfo } from './serverInfo';
import { traversalResolvers } from './traversal';

export const resolvers: Resolvers = {
  ...traversalResolvers,
  ...entityResolvers,
  Mutation: curationResolvers.Mutation,
  Query: { serverInfo, viewer, ...curationResolvers.Query, ...entityResolvers.Query, ...traversalResolvers.Query },
};
