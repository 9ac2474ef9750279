/** `search` (schema/search.graphql): one full-text statement. */
import type { QueryResolvers } from '../resolvers-types.generated';

export const search: QueryResolvers['search'] = (_parent, args, { search: repository }) => repository.search(args);
