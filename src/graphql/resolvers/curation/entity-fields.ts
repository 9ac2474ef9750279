/** The curation fields every entity kind has: its version, its history and, when retracted, why. */
import type { ChangeRecord } from '../../../domain/curation/change.types';
import type { EntityRecord } from '../../../domain/entity/entity.types';
import type { GraphQLContext } from '../../context';
import { badUserInput } from '../../errors';
import { LIST_LIMITS } from '../../limits';

export const curatedEntityFields = {
  version: (entity: EntityRecord): number => entity.version ?? 1,
  retirement: (entity: EntityRecord) =>
    entity.__retirement ? { ...entity.__retirement, status: entity.__retirement.as } : null,
  history: async (entity: EntityRecord, args: { first?: number | null }, context: GraphQLContext): Promise<ChangeRecord[]> => {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 0 || first > LIST_LIMITS.maxFirst) throw badUserInput(`history(first:) must be between 0 and ${LIST_LIMITS.maxFirst}`, 'first');
    return (await context.curation.list({ entityId: entity.id, first, skip: 0 })).nodes;
  },
};
