import { readServerInfo } from '../../domain/server/server-info';
import type { QueryResolvers } from '../resolvers-types.generated';

export const serverInfo: QueryResolvers['serverInfo'] = (_parent, _args, { db }) => readServerInfo(db);
