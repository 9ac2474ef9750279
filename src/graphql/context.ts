import type { Database } from '../db';
import type { Logger } from '../logger';

/** Long-lived dependencies shared by every request. */
export interface AppDependencies {
  db: Database;
  logger: Logger;
}

/** What every resolver receives; made fresh per request so per-request caches never leak. */
export interface GraphQLContext {
  db: Database;
  logger: Logger;
  requestId: string;
}

export function createContext(deps: AppDependencies, requestId: string): GraphQLContext {
  return { db: deps.db, logger: deps.logger.child({ requestId }), requestId };
}
