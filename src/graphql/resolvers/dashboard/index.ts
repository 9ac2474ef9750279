/** Research dashboards: the data release (`meta`) and the batch lookup. Thin: the domain answers. */
import { lookupEntities } from '../../../domain/entity/batch-lookup';
import { readMeta } from '../../../domain/releases';
import type { QueryResolvers } from '../../resolvers-types.generated';
import { planFor } from '../../selection';
import { guarded } from '../traversal/guard';

export const dashboardQuery: Pick<QueryResolvers, 'meta' | 'lookup'> = {
  meta: (_root, _args, { db }) => readMeta(db),
  lookup: (_root, { ids }, { db }, info) => guarded(() => lookupEntities(db, ids, planFor(info, ['results', 'entity']))),
};
