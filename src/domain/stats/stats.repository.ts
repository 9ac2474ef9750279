/** Graph statistics, dashboard aggregates, the data release and the server's own description, for resolvers: one statement per call. */
import type { Database } from '../../db';
import { lookupEntities } from '../entity/batch-lookup';
import type { NodePlan } from '../projection/plan';
import { readMeta } from '../releases';
import { readServerInfo } from '../server/server-info';
import { liveFacets, type FacetsQuery } from './facets';
import { answeredBySummary, unfilteredFacets } from './facet-summary';
import { graphStats } from './stats';

export class StatsRepository {
  constructor(private readonly db: Database) {}

  graphStats() {
    return graphStats(this.db);
  }

  serverInfo() {
    return readServerInfo(this.db);
  }

  meta() {
    return readMeta(this.db);
  }

  /** Unfiltered: from the summary of the release in service when it is stored (./facet-summary.ts); otherwise counted now. */
  facets(query: FacetsQuery) {
    return answeredBySummary(query) ? unfilteredFacets(this.db, query) : liveFacets(this.db, query);
  }

  /** Up to 1,000 ids, CURIEs, alt ids or xrefs in one statement (src/domain/entity/batch-lookup.ts). */
  lookup(ids: readonly string[], plan: NodePlan) {
    return lookupEntities(this.db, ids, plan);
  }
}
