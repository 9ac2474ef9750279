/** Research dashboards: the data release (`meta`), the batch lookup and the facets. Thin: the domain answers. */
import { FACET_ENTITIES_MAX, FACET_TOP_MAX } from '../../../domain/stats/facets';
import type { QueryResolvers } from '../../resolvers-types.generated';
import { checkedFirst, planFor } from '../../selection';
import { checkedFilter } from '../entities/query';

export const dashboardQuery: Pick<QueryResolvers, 'meta' | 'lookup' | 'facets'> = {
  meta: (_root, _args, { stats }) => stats.meta(),
  lookup: (_root, { ids }, { stats }, info) => stats.lookup(ids, planFor(info, ['results', 'entity'])),
  facets: (_root, args, { stats }, info) =>
    stats.facets({
      kinds: args.kinds ?? null,
      filter: checkedFilter(args.where),
      top: checkedFirst(args.top, FACET_TOP_MAX, 20, 'top'),
      first: checkedFirst(args.first, FACET_ENTITIES_MAX, 20),
      node: planFor(info, ['entities', 'entity']),
    }),
};
