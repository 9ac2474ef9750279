/**
 * Compiles a SelectionPlan into a Cypher map projection with nested subqueries, so that a root field
 * and everything selected below it are fetched by ONE statement:
 *
 *   n { .id, .kind, .name, __p: [ COLLECT { MATCH (n)-[r:HAS_SYMPTOM]->(m:Symptom)
 *       WITH m, r, toLower(m.name) AS k ORDER BY k, m.id LIMIT $p__1 RETURN m { .id, .kind, .name } } ] }
 *
 * The nested fields travel as a list in the plan's order (`__p`), not as a map keyed by response key:
 * a key is sent with every item, and for a page of entities with a count each the keys were a third
 * of the bytes (bench/README.md). `restoreEntity` puts them back under their keys (`__prefetched`).
 * For the same reason each item of a nested list (and a single related entity) travels as the list of
 * its values, `[m.id, m.name, [ <nested fields> ]]`, in `projectionKeys`' order: the driver then decodes
 * no key strings and builds no map per item, which was the largest cost of the API's Node CPU beyond the
 * floor's on a condition with its symptoms (bench/README.md, issue 19). `restoreRelation` names them.
 *
 * Safety: labels and relationship types come only from domain/model (checked again here), property names
 * only from ENTITY_PROPERTIES / EVIDENCE_PROPERTIES, no response key enters the statement, and every
 * value (limits, cursor positions) is a parameter.
 */
import { ENTITY_LABEL, EVIDENCE_FIELDS, kindLabel, relationshipType, type EvidenceProperty, type Kind, type Route } from '../model';
import type { CypherParams } from './params';
import { isEntityProperty, orderOf, type EvidencePlan, type NodePlan, type Position, type RelationPlan } from './plan';

/** A label expression for a set of kinds, e.g. `Condition|Symptom` (whitelisted). */
export function labelExpression(kinds: readonly Kind[]): string {
  if (kinds.length === 0) return ENTITY_LABEL;
  return [...new Set(kinds)].map((kind) => kindLabel(kind)).join('|');
}

/** The key of a projected entity's nested fields, as a list in the order of `relationGroups`. */
const NESTED_LIST_KEY = '__p';

/** One entry of an entity's projection: its key and the Cypher expression of its value. */
export type ProjectionEntry = readonly [key: string, expression: string];

/** How an entity travels: a map keyed by property (`n { .id, ... }`), or the list of its values in `projectionKeys`' order. */
export type ProjectionForm = 'map' | 'values';

interface CompiledProjection {
  text: string;
  values: Array<[string, unknown]>;
  end: number;
}

/** Projections of frozen plans (the planner's cached ones, src/graphql/selection/plan-cache.ts), per variable, position and form. */
const compiledProjections = new WeakMap<NodePlan, Map<string, CompiledProjection>>();

/**
 * `variable { .id, .kind, <selected properties>, <evidence>, __p: [ <nested fields> ] }`, or in the
 * 'values' form `[variable.id, variable.kind, ..., [ <nested fields> ]]`. A frozen plan cannot change,
 * so its projection is compiled once per variable name, parameter position and form and then replayed
 * (the same text, the same parameter names and values).
 */
export function entityProjection(variable: string, plan: NodePlan, params: CypherParams, form: ProjectionForm = 'map'): string {
  if (!Object.isFrozen(plan)) return compileProjection(variable, plan, params, form);
  let compiled = compiledProjections.get(plan);
  if (!compiled) compiledProjections.set(plan, (compiled = new Map()));
  const key = `${variable}@${params.position}${form === 'map' ? '' : '#'}`;
  const known = compiled.get(key);
  if (known) {
    params.replay(known.values, known.end);
    return known.text;
  }
  const start = params.position;
  const text = compileProjection(variable, plan, params, form);
  compiled.set(key, { text, values: params.addedSince(start), end: params.position });
  return text;
}

function compileProjection(variable: string, plan: NodePlan, params: CypherParams, form: ProjectionForm): string {
  const entries: ProjectionEntry[] = projectedProperties(plan).map((property) => [property, `${variable}.${property}`]);
  if (plan.evidence) entries.push(...evidenceEntries(`[${variable}]`, plan.evidence, params));
  if (plan.relations.length > 0) entries.push([NESTED_LIST_KEY, `[ ${nestedValues(variable, plan.relations, params).join(', ')} ]`]);
  if (form === 'values') {
    const keys = projectionKeys(plan);
    if (entries.length !== keys.length || entries.some(([key], i) => keys[i] !== key)) throw new Error('projectionKeys disagrees with the compiled projection');
    return `[${entries.map(([, expression]) => expression).join(', ')}]`;
  }
  const shorthand = `${variable}.`;
  const parts = entries.map(([key, expression]) => (expression === `${shorthand}${key}` ? `.${key}` : `${key}: ${expression}`));
  return `${variable} { ${parts.join(', ')} }`;
}

/** The keys of frozen plans (see entityProjection). */
const keysOf = new WeakMap<NodePlan, readonly string[]>();

/** The keys of an entity's projection, in the order its 'values' form sends them (see compileProjection). */
export function projectionKeys(plan: NodePlan): readonly string[] {
  let keys = keysOf.get(plan);
  if (!keys) {
    const evidence = plan.evidence ? ['__evidence', ...(plan.evidence.source ? ['__evidenceSources'] : [])] : [];
    keys = [...projectedProperties(plan), ...evidence, ...(plan.relations.length > 0 ? [NESTED_LIST_KEY] : [])];
    if (Object.isFrozen(plan)) keysOf.set(plan, keys); // a plan that is not frozen may be edited later
  }
  return keys;
}

/** Groups per plan: restoreEntity runs for every item read, the plan is made once per selection. */
const groupsOf = new WeakMap<readonly RelationPlan[], Array<[string, RelationPlan[]]>>();

/** The plan's relationship fields grouped by response key (several when fragments ask one per kind), in a fixed order. */
function relationGroups(relations: readonly RelationPlan[]): Array<[string, RelationPlan[]]> {
  let groups = groupsOf.get(relations);
  if (!groups) {
    const byKey = new Map<string, RelationPlan[]>();
    for (const relation of relations) byKey.set(relation.key, [...(byKey.get(relation.key) ?? []), relation]);
    groupsOf.set(relations, (groups = [...byKey]));
  }
  return groups;
}

/** The cited Source entities fetched with an entity's or an edge's evidence (`__evidenceSources`). */
function restoreEvidenceSources(evidence: EvidencePlan | null, holder: { __evidenceSources?: unknown }): void {
  if (!evidence?.source || !Array.isArray(holder.__evidenceSources)) return;
  for (const source of holder.__evidenceSources) restoreEntity(evidence.source, source);
}

/**
 * The inverse of `entityProjection`'s nested list, in place: each value under its response key in
 * `__prefetched` (where the entity resolvers read it), down every level of the plan. Call it on
 * every record a projection returned.
 */
export function restoreEntity(plan: NodePlan, record: unknown): void {
  if (record === null || typeof record !== 'object') return;
  const entity = record as { kind?: unknown; __evidenceSources?: unknown; __p?: unknown; __prefetched?: Record<string, unknown> };
  restoreEvidenceSources(plan.evidence, entity);
  const values = entity.__p;
  if (!Array.isArray(values)) return;
  entity.__prefetched = prefetchedOf(plan, entity.kind, values);
  entity.__p = undefined;
}

/**
 * The record `restoreEntity` makes of a map, from an entity sent in the 'values' form (null stays
 * null). The nested list goes straight to `__prefetched`.
 */
export function entityOfValues(plan: NodePlan, values: unknown): Record<string, unknown> | null {
  if (!Array.isArray(values)) return null;
  const keys = projectionKeys(plan);
  const entity: Record<string, unknown> = {};
  let nested: unknown;
  for (let i = 0; i < keys.length; i += 1) {
    // Keys are whitelisted property names and this module's own: none is one of Object.prototype's.
    if (keys[i] === NESTED_LIST_KEY) nested = values[i];
    else entity[keys[i]!] = values[i];
  }
  restoreEvidenceSources(plan.evidence, entity);
  if (Array.isArray(nested)) entity.__prefetched = prefetchedOf(plan, entity.kind, nested);
  return entity;
}

function prefetchedOf(plan: NodePlan, kind: unknown, values: readonly unknown[]): Record<string, unknown> {
  const prefetched: Record<string, unknown> = {};
  relationGroups(plan.relations).forEach(([key, group], i) => {
    // Of several fields under one key, the statement took the one for this entity's kind.
    const relation = group.length === 1 ? group[0] : group.find((r) => !r.onKinds || r.onKinds.length === 0 || r.onKinds.includes(kind as Kind));
    prefetched[key] = relation ? restoreRelation(relation, values[i]) : values[i];
  });
  return prefetched;
}

/**
 * The value of one relationship field (`relationExpression`'s) as the resolvers read it: list items
 * and a single entity named from their values, a connection's edges restored in place, a count as it is.
 */
export function restoreRelation(relation: RelationPlan, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value; // a count-only connection is a number
  if (relation.shape === 'list') return (value as unknown[]).map((item) => entityOfValues(relation.node, item));
  if (relation.shape === 'single') return entityOfValues(relation.node, value);
  const { items } = value as { items?: unknown };
  if (!Array.isArray(items)) return value;
  for (const edge of items as Array<{ node?: unknown; __evidenceSources?: unknown }>) {
    restoreEntity(relation.node, edge.node);
    restoreEvidenceSources(relation.evidence, edge);
  }
  return value;
}

/** `.id`, `.kind` (unless implied) and the plan's properties, checked against the whitelist, as map projection entries. */
export function propertyEntries(plan: NodePlan): string[] {
  return projectedProperties(plan).map((property) => `.${property}`);
}

/** `id`, `kind` (unless implied) and the plan's properties, checked against the whitelist. */
function projectedProperties(plan: NodePlan): string[] {
  const properties = new Set<string>(plan.kindImplied ? ['id'] : ['id', 'kind']);
  for (const property of plan.properties) {
    if (!isEntityProperty(property)) throw new Error(`Property ${property} is not selectable`);
    properties.add(property);
  }
  return [...properties];
}

function nestedValues(variable: string, relations: readonly RelationPlan[], params: CypherParams): string[] {
  return relationGroups(relations).map(([, group]) => {
    const [only] = group;
    if (group.length === 1 && only && only.onKinds === null) return relationExpression(variable, only, params);
    // Type-conditioned fields (fragments on an interface): one branch per kind set, by label.
    const branches = group.map((relation) => {
      const kinds = relation.onKinds ?? [];
      const test = kinds.length === 0 ? 'true' : kinds.map((kind) => `${variable}:${kindLabel(kind)}`).join(' OR ');
      return `WHEN ${test} THEN ${relationExpression(variable, relation, params)}`;
    });
    return `CASE ${branches.join(' ')} ELSE null END`;
  });
}

/**
 * The value of one relationship field of the node bound to `variable`: a list, a single entity (or
 * null), or a connection page. Usable on its own, e.g. in a loader's `UNWIND $ids ... RETURN <this>`.
 */
export function relationExpression(variable: string, relation: RelationPlan, params: CypherParams): string {
  switch (relation.shape) {
    case 'list':
      return `COLLECT { ${itemsQuery(variable, relation, relation.limit, params, 'node')} }`;
    case 'single':
      return `head(COLLECT { ${itemsQuery(variable, relation, 1, params, 'node')} })`;
    case 'connection': {
      const total = relation.totalCount ? totalExpression(variable, relation, params) : 'null';
      // Without edges or pageInfo nothing reads the page's settings: the count alone (see connectionOf).
      if (!relation.page) return total;
      const items = relation.page ? `COLLECT { ${itemsQuery(variable, relation, relation.limit + 1, params, 'edge')} }` : '[]';
      return (
        `{ __connection: true, limit: ${params.int(relation.limit)}, after: ${relation.after ? 'true' : 'false'}, ` +
        `order: ${params.add(orderOf(relation.source))}, totalCount: ${total}, items: ${items} }`
      );
    }
  }
}

/** The number of items of a relationship field (all pages). */
function totalExpression(variable: string, relation: RelationPlan, params: CypherParams): string {
  const { source } = relation;
  // Every relationship joins two entities of kinds the catalogue allows: with all of them counted, the
  // count is a degree (domain/model/degrees.ts), which Neo4j reads without visiting the other ends.
  if (source.kind === 'statements' || (source.kind === 'edge' && source.exhaustive)) return `COUNT { ${matchPattern(variable, relation, null, false)} }`;
  if (source.kind !== 'routes') return `COUNT { ${matchPattern(variable, relation, null)} }`;
  const m = params.variable('m');
  return `COUNT { ${routesCall(variable, m, source.routes, params).call} WITH DISTINCT ${m} RETURN ${m} }`;
}

function matchPattern(variable: string, relation: RelationPlan, bind: { node: string; rel: string } | null, labelled = true): string {
  const { source } = relation;
  if (source.kind === 'sources' || source.kind === 'routes') throw new Error('Only edge and statement sources have one pattern');

  const types = source.kind === 'edge' ? [source.type] : source.types;
  if (types.length === 0) throw new Error('A relationship pattern needs at least one type');
  const rel = `${bind?.rel ?? ''}:${types.map((type) => relationshipType(type).type).join('|')}`;
  const label = !labelled ? '' : `:${source.kind === 'edge' ? labelExpression(source.targets) : ENTITY_LABEL}`;
  const node = `${bind?.node ?? ''}${label}`;
  if (source.direction === 'out') return `MATCH (${variable})-[${rel}]->(${node})`;
  if (source.direction === 'in') return `MATCH (${variable})<-[${rel}]-(${node})`;
  return `MATCH (${variable})-[${rel}]-(${node})`;
}

/** The subquery listing the items of a relationship field in name order, as nodes or as edges. */
function itemsQuery(variable: string, relation: RelationPlan, limit: number, params: CypherParams, as: 'node' | 'edge'): string {
  if (relation.source.kind === 'routes') return routedItemsQuery(variable, relation, relation.source.routes, limit, params, as);
  const m = params.variable('m');
  const k = params.variable('k');
  const limitParam = params.int(limit);
  if (relation.source.kind === 'sources') {
    const r = params.variable('r');
    const sid = params.variable('x');
    return (
      `MATCH (${variable})-[${r}]-() UNWIND ${r}.evSources AS ${sid} WITH DISTINCT ${sid} ` +
      `MATCH (${m}:${ENTITY_LABEL}&Source {id: ${sid}}) WITH ${m}, toLower(${m}.name) AS ${k} ` +
      `ORDER BY ${k}, ${m}.id LIMIT ${limitParam} RETURN ${entityProjection(m, relation.node, params, as === 'node' ? 'values' : 'map')}`
    );
  }
  const r = params.variable('r');
  const after = relation.after ? ` WHERE ${afterCondition(k, `${m}.id`, relation.after, 'ASC', params)}` : '';
  // Statements sort by type and direction first (grouped by relationship), then like any list.
  const statements = relation.source.kind === 'statements';
  const key = statements ? `type(${r}) + CASE WHEN startNode(${r}) = ${variable} THEN ' out ' ELSE ' in ' END + toLower(${m}.name)` : `toLower(${m}.name)`;
  // The relationship is carried only when something reads it (a statement's type, an edge's evidence).
  const carried = statements || (as === 'edge' && relation.evidence) ? `${m}, ${r}` : m;
  const head = `${matchPattern(variable, relation, { node: m, rel: carried === m ? '' : r })} WITH ${carried}, ${key} AS ${k}${after}`;
  const ordered = `WITH ${carried}, ${k} ORDER BY ${k}, ${m}.id LIMIT ${limitParam}`;
  if (as === 'node') return `${head} ${ordered} RETURN ${entityProjection(m, relation.node, params, 'values')}`;
  const evidence = relation.evidence ? evidenceEntries(`[${r}]`, relation.evidence, params).map(([key, expression]) => `, ${key}: ${expression}`).join('') : '';
  const statement = relation.source.kind === 'statements' ? `, __type: type(${r}), __out: startNode(${r}) = ${variable}` : '';
  const sortKey = relation.cursors === false ? '' : `, __k: ${k}`;
  return `${head} ${ordered} RETURN { node: ${entityProjection(m, relation.node, params)}${sortKey}${statement}${evidence} }`;
}

/**
 * `CALL (n) { MATCH <route 1> RETURN m, via, hops UNION ALL MATCH <route 2> ... }`: one row per way a
 * node `m` is reached from `variable` along the routes (types and labels from the catalogue, route
 * names as parameters), with the route's name and its relationships in order.
 */
function routesCall(variable: string, m: string, routes: readonly Route[], params: CypherParams, mBound = false): { call: string; via: string; hops: string } {
  const via = params.variable('x');
  const hops = params.variable('r');
  const branches = routes.map((route) => {
    let pattern = `(${variable})`;
    const rels: string[] = [];
    route.steps.forEach((step, i) => {
      const rel = `${hops}_${i}`;
      rels.push(rel);
      const type = relationshipType(step.type).type;
      const node = i === route.steps.length - 1 ? `(${m}:${kindLabel(step.reaches)})` : `(:${kindLabel(step.reaches)})`;
      pattern += step.direction === 'out' ? `-[${rel}:${type}]->${node}` : `<-[${rel}:${type}]-${node}`;
    });
    return `MATCH ${pattern} RETURN ${mBound ? '' : `${m}, `}${params.add(route.name)} AS ${via}, [${rels.join(', ')}] AS ${hops}`;
  });
  return { call: `CALL (${variable}${mBound ? `, ${m}` : ''}) { ${branches.join(' UNION ALL ')} }`, via, hops };
}

/** The entity properties a hop's ends carry (an EntityRecord's base properties). */
const HOP_END = (node: string) => `{ id: ${node}.id, kind: ${node}.kind, name: ${node}.name, aliases: ${node}.aliases, description: ${node}.description, xrefs: ${node}.xrefs }`;

/**
 * The items of a routed field: each node reached once, with every way it was reached (`__paths`: the
 * route and its hops, each hop with its ends and evidence lists) and, as `__evidence`, the evidence of
 * its direct statements only (the first route's, DIRECT), so an indirect answer never looks stated.
 */
function routedItemsQuery(variable: string, relation: RelationPlan, routes: readonly Route[], limit: number, params: CypherParams, as: 'node' | 'edge'): string {
  const m = params.variable('m');
  const k = params.variable('k');
  const paths = params.variable('x');
  const h = params.variable('r');
  const p = params.variable('x');
  // Reached nodes first (a page of them), then each one's paths: an aggregation (collect) inside this
  // subquery expression is refused by Neo4j 5.26 when the outer RETURN projects the parent.
  const reached = routesCall(variable, m, routes, params).call;
  const after = relation.after ? ` WHERE ${afterCondition(k, `${m}.id`, relation.after, 'ASC', params)}` : '';
  const { call, via, hops } = routesCall(variable, m, routes, params, true);
  const hop = `{ type: type(${h}), subject: ${HOP_END(`startNode(${h})`)}, object: ${HOP_END(`endNode(${h})`)}, evidence: ${evidenceListsMap(h, { source: null })} }`;
  const direct = params.add('DIRECT');
  const head =
    `${reached} WITH DISTINCT ${m} WITH ${m}, toLower(${m}.name) AS ${k}${after} ORDER BY ${k}, ${m}.id LIMIT ${params.int(limit)} ` +
    `WITH ${m}, ${k}, COLLECT { ${call} RETURN { via: ${via}, hops: [${h} IN ${hops} | ${hop}] } } AS ${paths}`;
  if (as === 'node') return `${head} RETURN ${entityProjection(m, relation.node, params, 'values')}`;
  return (
    `${head} RETURN { node: ${entityProjection(m, relation.node, params)}${relation.cursors === false ? '' : `, __k: ${k}`}, __paths: ${paths}, ` +
    `__evidence: [${p} IN ${paths} WHERE ${p}.via = ${direct} | ${p}.hops[0].evidence] }`
  );
}

/** `key > $k OR (key = $k AND id > $i)` (or `<` for descending order): rows strictly after a position. */
export function afterCondition(key: string, id: string, after: Position, direction: 'ASC' | 'DESC', params: CypherParams): string {
  const k = params.add(after.key);
  const i = params.add(after.id);
  return `(${key} ${direction === 'ASC' ? '>' : '<'} ${k} OR (${key} = ${k} AND ${id} > ${i}))`;
}

/**
 * Map entries with the evidence of the relationships (or Fact nodes) in the list expression `list`:
 * their raw parallel lists, and the cited Source entities when more than their ids is wanted.
 */
export function evidenceEntries(list: string, plan: EvidencePlan, params: CypherParams): ProjectionEntry[] {
  const e = params.variable('e');
  const lists = evidenceListsMap(e, plan);
  const entries: ProjectionEntry[] = [['__evidence', `[${e} IN ${list} | ${lists}]`]];
  if (plan.source) {
    const x = params.variable('e');
    const s = params.variable('s');
    const sid = params.variable('x');
    entries.push([
      '__evidenceSources',
      `COLLECT { UNWIND ${list} AS ${x} UNWIND ${x}.evSources AS ${sid} WITH DISTINCT ${sid} ` +
        `MATCH (${s}:${ENTITY_LABEL}&Source {id: ${sid}}) RETURN ${entityProjection(s, plan.source, params)} }`,
    ]);
  }
  return entries;
}

/**
 * The evidence lists (property names from EVIDENCE_FIELDS only) the plan needs: `evSources` always
 * (it gives the number of pieces, and the other lists are parallel to it), then one list per
 * selected field; every list when the plan does not say which fields.
 */
export function evidenceProperties(plan: EvidencePlan): EvidenceProperty[] {
  const wanted = plan.fields ? new Set<string>(['source', ...plan.fields]) : null;
  return EVIDENCE_FIELDS.filter((field) => !wanted || wanted.has(field.key)).map((field) => field.property);
}

/** `r { .evSources, .evQuotes }`: the evidence lists the plan needs, of a relationship or Fact node. */
export function evidenceListsMap(variable: string, plan: EvidencePlan): string {
  return `${variable} { ${evidenceProperties(plan).map((property) => `.${property}`).join(', ')} }`;
}
