/**
 * The Cypher of entity lookups and lists, built only from whitelisted fragments (labels and types
 * from domain/model, properties from the plan's whitelist) with every value as a parameter.
 */
import { ENTITY_LABEL, POSITIVE_REL_TYPES, kindLabel, nameSearchContains, nameSearchHint, namesContain, neighbourCountArms, startsFromNameIndex, type Kind } from '../model';
import { neighbourCount } from '../projection/counts';
import { CypherParams } from '../projection/params';
import { afterCondition, entityProjection, evidenceEntries, labelExpression, relationExpression } from '../projection/projection';
import { ENTITY_PROPERTIES, type EvidencePlan, type NodePlan, type Position, type RelationPlan } from '../projection/plan';

export interface CompiledQuery {
  readonly cypher: string;
  readonly params: Record<string, unknown>;
}

export interface EntityFilter {
  /** Name or alias contains this text, case-insensitively. */
  readonly nameContains?: string | null;
  /** An xref equal to this CURIE, or (ending in ':') any xref with this prefix. */
  readonly hasXref?: string | null;
  /** Linked to this entity by a positive relationship, either direction. The query starts from it. */
  readonly relatedTo?: string | null;
  readonly ids?: readonly string[] | null;
}

export type OrderField = 'NAME' | 'ID' | 'RELATED_COUNT';
export interface EntityOrdering {
  readonly field: OrderField;
  readonly direction: 'ASC' | 'DESC';
  /** RELATED_COUNT: count only neighbours of this kind. */
  readonly relatedKind: Kind | null;
}

/** The identity of an ordering, carried by cursors so a cursor is only used with its own order. */
export function orderingId(order: EntityOrdering): string {
  return [order.field, order.field === 'RELATED_COUNT' ? (order.relatedKind ?? '*') : '', order.direction].join(':');
}

export interface ListQuery {
  /** Kinds to list; null or empty for every kind. */
  readonly kinds: readonly Kind[] | null;
  readonly filter: EntityFilter;
  readonly order: EntityOrdering;
  readonly limit: number;
  readonly after: Position | null;
  readonly totalCount: boolean;
  /** Whether a page (edges or pageInfo) is selected; `totalCount` alone fetches none. */
  readonly page: boolean;
  /** Whether a cursor is selected: only then does each item carry its sort key (absent: as if selected). */
  readonly cursors?: boolean;
  readonly node: NodePlan;
  /** The evidence of the links to `filter.relatedTo`, when selected. */
  readonly evidence: EvidencePlan | null;
}

/**
 * `USING INDEX v:Entity(id)`: pins an id match to the unique index. After big load cycles the planner
 * sometimes compiled `MATCH (n:Entity {id: $id}) WHERE n:Condition` as a label scan + filter (12–25 ms
 * instead of 1–3 ms at 100k; bench/README.md).
 */
export function idSeek(variable: string): string {
  return `USING INDEX ${variable}:${ENTITY_LABEL}(id)`;
}

/** Every positive relationship type, for "related to" (never NOT_ statements). */
const POSITIVE_TYPES = POSITIVE_REL_TYPES.join('|');

/** `RETURN [n.id, ...] AS node` for one id (optionally of one kind), in the projection's values form. */
export function findByIdQuery(id: string, kind: Kind | null, plan: NodePlan): CompiledQuery {
  const params = new CypherParams();
  const idParam = params.add(id);
  const kindTest = kind ? ` WHERE n:${kindLabel(kind)}` : '';
  const cypher = `MATCH (n:${ENTITY_LABEL} {id: ${idParam}}) ${idSeek('n')}${kindTest} RETURN ${entityProjection('n', plan, params, 'values')} AS node`;
  return { cypher, params: params.values };
}

/** Every property of entities by id (the loader behind Evidence.source and plain lookups). */
export const FULL_PLAN: NodePlan = { properties: ENTITY_PROPERTIES, relations: [], evidence: { source: null } };

export function findManyByIdQuery(ids: readonly string[], plan: NodePlan = FULL_PLAN): CompiledQuery {
  const params = new CypherParams();
  const idsParam = params.add(ids);
  const cypher = `UNWIND ${idsParam} AS id MATCH (n:${ENTITY_LABEL} {id: id}) ${idSeek('n')} RETURN id, ${entityProjection('n', plan, params)} AS node`;
  return { cypher, params: params.values };
}

/** One relationship field for many parents: `RETURN id, <value>` per parent found. */
export function relationForManyQuery(ids: readonly string[], relation: RelationPlan): CompiledQuery {
  const params = new CypherParams();
  const idsParam = params.add(ids);
  const cypher =
    `UNWIND ${idsParam} AS id MATCH (n:${ENTITY_LABEL} {id: id}) ${idSeek('n')} ` +
    `RETURN id, ${relationExpression('n', { ...relation, onKinds: null }, params)} AS value`;
  return { cypher, params: params.values };
}

/**
 * `MATCH ... WHERE ...` binding `n` to the entities of these kinds that pass the filter (and `rel` to
 * the links to `relatedTo`, when given): the lists' `where`, shared by the lists and the facets.
 */
export function filteredMatch(kinds: readonly Kind[] | null, filter: EntityFilter, params: CypherParams): string {
  const label = kinds && kinds.length > 0 ? labelExpression(kinds) : ENTITY_LABEL;
  const related = filter.relatedTo ?? null;
  const nameText = filter.nameContains ? filter.nameContains.toLowerCase() : null;
  const fromNameIndex = nameText !== null && related === null && !filter.ids && startsFromNameIndex(nameText, label === ENTITY_LABEL);

  let match: string;
  if (related !== null) {
    match = `MATCH (:${ENTITY_LABEL} {id: ${params.add(related)}})-[rel:${POSITIVE_TYPES}]-(n:${label})`;
  } else if (filter.ids) {
    match = `UNWIND ${params.add([...new Set(filter.ids)])} AS id MATCH (n:${ENTITY_LABEL} {id: id}) ${idSeek('n')} WHERE n:${label}`;
  } else if (fromNameIndex) {
    // From the names' text index, not a scan of the kind lower-casing every name (src/domain/model/name-search.ts).
    match = `MATCH (n:${ENTITY_LABEL}) ${nameSearchHint('n')}${label === ENTITY_LABEL ? '' : ` WHERE n:${label}`}`;
  } else {
    match = `MATCH (n:${label})`;
  }
  const conditions: string[] = [];
  if (related !== null && filter.ids) conditions.push(`n.id IN ${params.add([...filter.ids])}`);
  if (nameText !== null) {
    const text = params.add(nameText);
    conditions.push(fromNameIndex ? nameSearchContains('n', text) : namesContain('n', text));
  }
  if (filter.hasXref) {
    const xref = params.add(filter.hasXref);
    conditions.push(filter.hasXref.endsWith(':') ? `any(x IN n.xrefs WHERE x STARTS WITH ${xref})` : `${xref} IN n.xrefs`);
  }
  const where = conditions.length === 0 ? '' : `${match.includes(' WHERE ') ? ' AND' : ' WHERE'} ${conditions.join(' AND ')}`;
  return `${match}${where}`;
}

/**
 * A page of a filtered, ordered list, with the total count when asked, in one statement:
 *   CALL () { MATCH ... WHERE ... RETURN count(...) AS totalCount }
 *   CALL () { MATCH ... WHERE ... WITH n, <key> AS k WHERE <after> ORDER BY k, n.id LIMIT $l+1 RETURN collect(...) AS items }
 * With `relatedTo` the MATCH starts from that entity (index seek) instead of scanning the kind.
 */
/**
 * A page of a list. Each item travels as a list of its values in `itemKeys`' order (the repository puts
 * the keys back), so the keys are not sent once per item; an item that is only its node travels as the node.
 * The node itself travels in the projection's values form.
 */
export function listQuery(query: ListQuery): CompiledQuery & { itemKeys: readonly string[] | null } {
  const params = new CypherParams();
  const { filter } = query;
  const related = filter.relatedTo ?? null;
  const matched = filteredMatch(query.kinds, filter, params);
  // With relatedTo, several relationships may link one node: group them (their evidence is the edge's).
  const rows = related !== null ? 'n, collect(rel) AS rels' : 'n';
  const carried = related !== null ? 'n, rels' : 'n';

  const { order } = query;
  const keyExpression =
    order.field === 'NAME'
      ? 'toLower(n.name)'
      : order.field === 'ID'
        ? 'n.id'
        : // Distinct neighbours over every positive type, from degrees where the catalogue allows it.
          neighbourCount('n', neighbourCountArms(query.kinds ?? [], order.relatedKind ? [order.relatedKind] : null), params);
  const after = query.after ? ` WHERE ${afterCondition('k', 'n.id', query.after, order.direction, params)}` : '';
  const limit = params.int(query.limit + 1);

  // Each item's values by key; an item that is only its node travels as the node (the repository wraps it).
  const item: Array<readonly [string, string]> = [['node', entityProjection('n', query.node, params, 'values')]];
  // The sort key makes cursors; ordered by a count it is also the count (relatedCount), sent once.
  if (query.cursors !== false || order.field === 'RELATED_COUNT') item.push(['__k', 'k']);
  if (query.evidence) {
    item.push(...(related !== null ? evidenceEntries('rels', query.evidence, params) : [['__evidence', '[]'] as const]));
  }
  const total = query.totalCount
    ? `CALL () { ${matched} RETURN count(DISTINCT n) AS totalCount } `
    : '';
  const itemKeys = item.length === 1 ? null : item.map(([key]) => key);
  const collected = itemKeys === null ? item[0]![1] : `[${item.map(([, expression]) => expression).join(', ')}]`;
  const page = !query.page
    ? 'CALL () { RETURN [] AS items }'
    : `CALL () { ${matched} WITH ${rows} WITH ${carried}, ${keyExpression} AS k${after} ` +
    `WITH ${carried}, k ORDER BY k ${order.direction}, n.id ASC LIMIT ${limit} ` +
    `RETURN collect(${collected}) AS items }`;
  const cypher = `${total}${page} RETURN ${query.totalCount ? 'totalCount' : 'null AS totalCount'}, items`;
  return { cypher, params: params.values, itemKeys };
}
