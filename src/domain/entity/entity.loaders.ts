/**
 * Per-request DataLoaders for entities that arrive without a prefetched field (e.g. returned by a
 * traversal): each relationship field is fetched for all such parents in one statement, together
 * with everything selected below it. Round trips then depend on the depth of the operation, never
 * on list sizes. Made fresh per request (see src/graphql/context.ts), so nothing is cached across
 * requests.
 */
import DataLoader from 'dataloader';
import type { RelationPlan } from '../projection/plan';
import { EntityRepository, emptyRelation } from './entity.repository';
import type { EntityRecord, Prefetched, SourceTextRecord } from './entity.types';

export class EntityLoaders {
  /** Entities by id with every property (Evidence.source, Fact evidence, ...). */
  readonly byId: DataLoader<string, EntityRecord | null>;
  /** The stored texts of Sources by id (Source.text, the context of Evidence.spans). */
  readonly sourceText: DataLoader<string, SourceTextRecord | null>;
  private readonly relations = new Map<string, DataLoader<string, Prefetched>>();

  constructor(readonly repository: EntityRepository) {
    this.byId = new DataLoader(async (ids) => {
      const found = await repository.findManyById(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    this.sourceText = new DataLoader(async (ids) => {
      const found = await repository.sourceTexts(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** The loader of one relationship field with one nested selection (one per distinct plan). */
  relation(plan: RelationPlan): DataLoader<string, Prefetched> {
    const key = JSON.stringify(plan);
    let loader = this.relations.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await this.repository.relationForMany(ids, plan);
        return ids.map((id) => (found.has(id) ? (found.get(id) as Prefetched) : emptyRelation(plan)));
      });
      this.relations.set(key, loader);
    }
    return loader;
  }
}
