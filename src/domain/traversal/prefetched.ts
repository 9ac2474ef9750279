import type { EntityRecord, Prefetched } from '../entity/entity.types';

/**
 * Keeps the nested fields a projection (src/domain/projection) fetched with an entity, so the
 * entity resolvers read them instead of asking their DataLoader.
 */
export function withPrefetched(record: EntityRecord, raw: unknown): EntityRecord {
  const prefetched = (raw as { __prefetched?: Record<string, Prefetched> } | null)?.__prefetched;
  if (prefetched && typeof prefetched === 'object') record.__prefetched = prefetched;
  return record;
}
