import type { QueryResolvers, Role } from '../../resolvers-types.generated';

export const viewer: QueryResolvers['viewer'] = (_parent, _args, context) =>
  context.viewer ? { subject: context.viewer.subject, roles: context.viewer.roles.map((role) => role.toUpperCase() as Role) } : null;
