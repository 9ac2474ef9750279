/**
 * Reads entities. Every method is ONE statement and one Bolt round trip (Database.read), with the
 * nested selection of the plan fetched in the same statement.
 */
import type { Database } from '../../db';
import { ENTITY_LABEL, SOURCE_TEXT_PROPERTY, type Kind } from '../model';
import { orderOf, type NodePlan, type RelationPlan } from '../projection/plan';
import { entityOfValues, restoreRelation } from '../projection/projection';
import type { ConnectionEdgeRecord, ConnectionRecord, EntityRecord, Prefetched, SourceTextRecord } from './entity.types';
import { findByIdQuery, findManyByIdQuery, listQuery, orderingId, relationForManyQuery, type ListQuery } from './entity.query';

export class EntityRepository {
  constructor(private readonly db: Database) {}

  /** The entity with this id (and this kind, when given), or null. */
  async findById(id: string, kind: Kind | null, plan: NodePlan): Promise<EntityRecord | null> {
    const { cypher, params } = findByIdQuery(id, kind, plan);
    const [row] = await this.db.read<{ node: unknown }>(cypher, params);
    return entityOfValues(plan, row?.node) as unknown as EntityRecord | null;
  }

  /** Entities by id, with every property (ids not found are absent from the map). */
  async findManyById(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const { cypher, params } = findManyByIdQuery(ids);
    const rows = await this.db.read<{ id: string; node: EntityRecord }>(cypher, params);
    return new Map(rows.map((row) => [row.id, row.node]));
  }

  /** A page of a list: `limit + 1` items at most (the extra one tells whether a next page exists). */
  async list(query: ListQuery): Promise<ConnectionRecord> {
    const { cypher, params, itemKeys } = listQuery(query);
    const [row] = await this.db.read<{ totalCount: number | null; items: unknown[] }>(cypher, params);
    const items = (row?.items ?? []).map((values) =>
      itemKeys === null ? { node: values } : Object.fromEntries(itemKeys.map((key, i) => [key, (values as unknown[])[i]])),
    ) as unknown as ConnectionEdgeRecord[];
    for (const item of items) item.node = entityOfValues(query.node, item.node) as unknown as EntityRecord;
    if (query.order.field === 'RELATED_COUNT') for (const item of items) item.__count = item.__k as number;
    return {
      __connection: true,
      items,
      limit: query.limit,
      after: query.after !== null,
      totalCount: row?.totalCount ?? (query.totalCount ? 0 : null),
      order: orderingId(query.order),
    };
  }

  /**
   * The stored texts of Sources: each one's own text, and the text its quotes are spans of (its own,
   * or that of the Source it is cited in) with that Source's id. Ids without a Source are absent.
   */
  async sourceTexts(ids: readonly string[]): Promise<Map<string, SourceTextRecord>> {
    const rows = await this.db.read<{ id: string; text: string | null; citedIn: string | null; holder: string | null; quotedText: string | null }>(
      `UNWIND $ids AS id
       MATCH (s:${ENTITY_LABEL} {id: id}) WHERE s:Source
       OPTIONAL MATCH (holder:${ENTITY_LABEL} {id: s.citedIn}) WHERE s.${SOURCE_TEXT_PROPERTY} IS NULL
       RETURN s.id AS id, s.${SOURCE_TEXT_PROPERTY} AS text, s.citedIn AS citedIn,
              CASE WHEN s.${SOURCE_TEXT_PROPERTY} IS NOT NULL THEN s.id WHEN holder.${SOURCE_TEXT_PROPERTY} IS NOT NULL THEN holder.id END AS holder,
              coalesce(s.${SOURCE_TEXT_PROPERTY}, holder.${SOURCE_TEXT_PROPERTY}) AS quotedText`,
      { ids },
    );
    return new Map(rows.map(({ id, ...record }) => [id, record]));
  }

  /** One relationship field (with its nested selection) for many parents at once. */
  async relationForMany(ids: readonly string[], relation: RelationPlan): Promise<Map<string, Prefetched>> {
    const { cypher, params } = relationForManyQuery(ids, relation);
    const rows = await this.db.read<{ id: string; value: unknown }>(cypher, params);
    return new Map(rows.map((row) => [row.id, restoreRelation(relation, row.value) as Prefetched]));
  }
}

/** What a relationship field holds for a parent that is not in the graph (any more). */
export function emptyRelation(relation: RelationPlan): Prefetched {
  if (relation.shape === 'list') return [];
  if (relation.shape === 'single') return null;
  return { __connection: true, items: [], limit: relation.limit, after: relation.after !== null, totalCount: 0, order: orderOf(relation.source) };
}
