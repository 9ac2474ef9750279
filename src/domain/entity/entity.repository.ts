/**
 * Reads entities. Every method is ONE statement and one Bolt round trip (Database.read), with the
 * nested selection of the plan fetched in the same statement.
 */
import type { Database } from '../../db';
import type { Kind } from '../model';
import { orderOf, type NodePlan, type RelationPlan } from '../projection/plan';
import type { ConnectionEdgeRecord, ConnectionRecord, EntityRecord, Prefetched } from './entity.types';
import { findByIdQuery, findManyByIdQuery, listQuery, orderingId, relationForManyQuery, type ListQuery } from './entity.query';

export class EntityRepository {
  constructor(private readonly db: Database) {}

  /** The entity with this id (and this kind, when given), or null. */
  async findById(id: string, kind: Kind | null, plan: NodePlan): Promise<EntityRecord | null> {
    const { cypher, params } = findByIdQuery(id, kind, plan);
    const [row] = await this.db.read<{ node: EntityRecord }>(cypher, params);
    return row?.node ?? null;
  }

  /** Entities by id, with every property (ids not found are absent from the map). */
  async findManyById(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const { cypher, params } = findManyByIdQuery(ids);
    const rows = await this.db.read<{ id: string; node: EntityRecord }>(cypher, params);
    return new Map(rows.map((row) => [row.id, row.node]));
  }

  /** A page of a list: `limit + 1` items at most (the extra one tells whether a next page exists). */
  async list(query: ListQuery): Promise<ConnectionRecord> {
    const { cypher, params } = listQuery(query);
    const [row] = await this.db.read<{ totalCount: number | null; items: ConnectionEdgeRecord[] }>(cypher, params);
    return {
      __connection: true,
      items: row?.items ?? [],
      limit: query.limit,
      after: query.after !== null,
      totalCount: row?.totalCount ?? (query.totalCount ? 0 : null),
      order: orderingId(query.order),
    };
  }

  /** One relationship field (with its nested selection) for many parents at once. */
  async relationForMany(ids: readonly string[], relation: RelationPlan): Promise<Map<string, Prefetched>> {
    const { cypher, params } = relationForManyQuery(ids, relation);
    const rows = await this.db.read<{ id: string; value: Prefetched }>(cypher, params);
    return new Map(rows.map((row) => [row.id, row.value]));
  }
}

/** What a relationship field holds for a parent that is not in the graph (any more). */
export function emptyRelation(relation: RelationPlan): Prefetched {
  if (relation.shape === 'list') return [];
  if (relation.shape === 'single') return null;
  return { __connection: true, items: [], limit: relation.limit, after: relation.after !== null, totalCount: 0, order: orderOf(relation.source) };
}
