/** Research dashboards: the data release (`meta`). Thin: the domain answers. */
import { readMeta } from '../../../domain/releases';
import type { QueryResolvers } from '../../resolvers-types.generated';

export const dashboardQuery: Pick<QueryResolvers, 'meta'> = {
  meta: (_root, _args, { db }) => readMeta(db),
};
