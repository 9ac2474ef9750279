/** Research dashboards: the data release (`meta`), the batch lookup and the facets. Thin: the domain answers. */
import { lookupEntities } from '../../../domain/entity/batch-lookup';
import { readMeta } from '../../../domain/releases';
import { FACET_ENTITIES_MAX, FACET_TOP_MAX, facets } from '../../../domain/stats/facets';
import type { QueryResolvers } from '../../resolvers-types.generated';
import { checkedFirst, planFor } from '../../selection';
import { checkedFilter } from '../entities/query';
import { guarded } from '../traversal/guard';

export const dashboardQuery: Pick<QueryResolvers, 'meta' | 'lookup' | 'facets'> = {
  meta: (_root, _args, { db }) => readMeta(db),
  lookup: (_root, { ids }, { db }, info) => guarded(() => lookupEntities(db, ids, planFor(info, ['results', 'entity']))),
  facets: (_root, args, { db }, info) =>
    facets(db, {
      kinds: args.kinds ?? null,
      filter: checkedFilter(args.where),
      top: checkedFirst(args.top, FACET_TOP_MAX, 20, 'top'),
      first: checkedFirst(args.first, FACET_ENTITIES_MAX, 20),
      node: planFor(info, ['entities', 'entity']),
    }),
};
