import type { EntityRecord } from '../entity/entity.types';
import type { NodePlan } from '../projection/plan';
import { restoreEntity } from '../projection/projection';

/**
 * Keeps the nested fields a projection (src/domain/projection) fetched with an entity, so the
 * entity resolvers read them instead of asking their DataLoader.
 */
export function withPrefetched(record: EntityRecord, raw: unknown, plan: NodePlan | null | undefined): EntityRecord {
  if (!plan || raw === null || typeof raw !== 'object') return record;
  restoreEntity(plan, raw);
  const { __prefetched: prefetched } = raw as Pick<EntityRecord, '__prefetched'>;
  if (prefetched) record.__prefetched = prefetched;
  return record;
}
