import type { Resolvers } from '../resolvers-types.generated';
import { serverInfo } from './serverInfo';

export const resolvers: Resolvers = {
  Query: { serverInfo },
};
