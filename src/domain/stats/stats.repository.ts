/** Graph statistics and the server's own description, for resolvers: one statement per call. */
import type { Database } from '../../db';
import { readServerInfo } from '../server/server-info';
import { graphStats } from './stats';

export class StatsRepository {
  constructor(private readonly db: Database) {}

  graphStats() {
    return graphStats(this.db);
  }

  serverInfo() {
    return readServerInfo(this.db);
  }
}
