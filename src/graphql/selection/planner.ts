/**
 * Turns the selection set of a field (from GraphQLResolveInfo: field nodes, fragments and inline
 * fragments, variables, aliases, @skip/@include) into a SelectionPlan the projection compiler can
 * fetch in one statement. Arguments of nested fields are validated here (caps, cursors), so a bad
 * nested argument fails the root field before any database work.
 */
import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  print,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';
import { relationField } from '../../domain/model';
import {
  NEGATION_PREFIX,
  POSITIVE_REL_TYPES,
  isKind,
  isNegatable,
  isRelType,
  negate,
  routesOf,
  type Kind,
  type Route,
  type NegatableRelType,
  type PositiveRelType,
  type RelType,
} from '../../domain/model';
import {
  EMPTY_NODE_PLAN,
  orderOf,
  isEntityProperty,
  type EntityProperty,
  type EvidencePlan,
  type NodePlan,
  type RelationPlan,
  type RelationSource,
  type TraversalPlan,
} from '../../domain/projection/plan';
import { EVIDENCE_FIELDS, type EvidenceKey } from '../../domain/model';
import { badUserInput } from '../errors';
import { LIST_LIMITS, QUERY_LIMITS } from '../limits';
import { isIncluded } from '../document';
import { decodeCursor } from './cursor';
import { cachedPlan } from './plan-cache';

interface PlanContext {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** Fields below an Entity that carry no data of their own. */
const ID_ONLY_FIELDS = new Set(['id', 'kind', '__typename']);

function contextOf(info: GraphQLResolveInfo): PlanContext {
  return { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
}

function selectionSets(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

function included(ctx: PlanContext, node: Parameters<typeof isIncluded>[0]): boolean {
  return isIncluded(node, ctx.variables);
}

function applies(ctx: PlanContext, condition: NamedTypeNode | undefined, type: GraphQLObjectType): boolean {
  if (!condition) return true;
  const conditionType = typeFromAST(ctx.schema, condition);
  if (!conditionType) return false;
  if (conditionType === type) return true;
  return isAbstractType(conditionType) && ctx.schema.isSubType(conditionType, type);
}

/** Fields by response key that apply to the object type `type` (like graphql-js's collectFields). */
export function collectFields(
  ctx: PlanContext,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  out: Map<string, FieldNode[]> = new Map(),
  visited: Set<string> = new Set(),
): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (!included(ctx, selection)) continue;
      if (selection.kind === 'Field') {
        const key = selection.alias?.value ?? selection.name.value;
        out.set(key, [...(out.get(key) ?? []), selection]);
      } else if (selection.kind === 'InlineFragment') {
        if (applies(ctx, selection.typeCondition, type)) collectFields(ctx, type, [selection.selectionSet], out, visited);
      } else {
        const name = selection.name.value;
        const fragment = ctx.fragments[name];
        if (visited.has(name) || !fragment || !applies(ctx, fragment.typeCondition, type)) continue;
        visited.add(name);
        collectFields(ctx, type, [fragment.selectionSet], out, visited);
      }
    }
  }
  return out;
}

function objectTypesOf(ctx: PlanContext, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isAbstractType(type)) return ctx.schema.getPossibleTypes(type);
  return isObjectType(type) ? [type] : [];
}

function kindsOf(ctx: PlanContext, type: GraphQLNamedType): Kind[] {
  return objectTypesOf(ctx, type)
    .map((object) => object.name)
    .filter(isKind);
}

/** The plan of an entity-typed selection (an object type or the Entity interface). */
export function nodePlan(ctx: PlanContext, type: GraphQLNamedType, sets: readonly SelectionSetNode[], depth: number): NodePlan {
  if (sets.length === 0) return EMPTY_NODE_PLAN;
  const abstract = isAbstractType(type);
  const properties = new Set<EntityProperty>();
  const evidenceNodes: FieldNode[] = [];
  const byKey = new Map<string, { kind: Kind; plan: RelationPlan; json: string }[]>();
  const conflicting = new Set<string>();
  for (const object of objectTypesOf(ctx, type)) {
    const kind = object.name;
    if (!isKind(kind)) continue;
    const fields = object.getFields();
    for (const [key, nodes] of collectFields(ctx, object, sets)) {
      const name = nodes[0]?.name.value ?? '';
      const field = fields[name];
      if (!field || name.startsWith('__')) continue;
      if (isEntityProperty(name) && isLeafType(getNamedType(field.type))) {
        properties.add(name);
      } else if (kind === 'Fact' && name === 'evidence') {
        evidenceNodes.push(...nodes);
      } else if (depth < QUERY_LIMITS.maxDepth) {
        if (!sameArguments(nodes)) {
          conflicting.add(key);
          continue;
        }
        const plan = relationPlan(ctx, kind, key, field, nodes, depth + 1);
        if (!plan) continue;
        const json = JSON.stringify(plan);
        const entries = byKey.get(key) ?? [];
        // Two different selections under one response key for one kind (possible across aliased
        // parents): leave the key to the field resolver, which plans from its own field nodes.
        if (entries.some((entry) => entry.kind === kind && entry.json !== json)) conflicting.add(key);
        byKey.set(key, [...entries, { kind, plan, json }]);
      }
    }
  }
  const relations: RelationPlan[] = [];
  for (const [key, entries] of byKey) {
    if (conflicting.has(key)) continue;
    if (!abstract) {
      const [entry] = entries;
      if (entry) relations.push(entry.plan);
      continue;
    }
    const groups = new Map<string, { plan: RelationPlan; kinds: Kind[] }>();
    for (const entry of entries) {
      const group = groups.get(entry.json) ?? { plan: entry.plan, kinds: [] };
      group.kinds.push(entry.kind);
      groups.set(entry.json, group);
    }
    for (const { plan, kinds } of groups.values()) relations.push({ ...plan, onKinds: kinds });
  }
  return {
    properties: [...properties],
    relations,
    evidence: evidenceNodes.length > 0 ? evidencePlan(ctx, evidenceNodes, depth) : null,
    ...(abstract ? {} : { kindImplied: true }),
  };
}

/**
 * Whether all field nodes under one response key carry the same arguments. GraphQL validation
 * guarantees it within one selection set; selections merged across aliased parents may differ.
 */
function sameArguments(nodes: readonly FieldNode[]): boolean {
  if (nodes.length < 2) return true;
  const [first, ...rest] = nodes.map((node) => (node.arguments ?? []).map((argument) => print(argument)).sort().join(','));
  return rest.every((other) => other === first);
}

/**
 * Which Evidence fields are selected (`sourceId` counts as `source`: both read the source list), and
 * which Source properties the evidence needs: none beyond the id when only `source { id }` is asked.
 * `sourcePlan` plans the Source selection (by default with its relationship fields).
 */
export function evidencePlan(
  ctx: PlanContext,
  nodes: readonly FieldNode[],
  depth: number,
  sourcePlan: (type: GraphQLNamedType, sets: readonly SelectionSetNode[]) => NodePlan = (type, sets) => nodePlan(ctx, type, sets, depth + 1),
): EvidencePlan {
  const evidenceType = ctx.schema.getType('Evidence');
  const sourceType = ctx.schema.getType('Source');
  if (!isObjectType(evidenceType) || !sourceType) return { source: null };
  const fields = new Set<EvidenceKey>();
  const sets: SelectionSetNode[] = [];
  for (const [, fieldNodes] of collectFields(ctx, evidenceType, selectionSets(nodes))) {
    const name = fieldNodes[0]?.name.value;
    for (const key of EVIDENCE_FIELD_NEEDS.get(name ?? '') ?? []) fields.add(key);
    if (name === 'source') sets.push(...selectionSets(fieldNodes));
  }
  const source = sets.length > 0 && needsMoreThanId(ctx, sourceType, sets) ? sourcePlan(sourceType, sets) : null;
  return { fields: [...fields], source };
}

/**
 * The stored evidence fields each Evidence field reads: its own, `sourceId` the source list, and
 * `spans` the offsets with the exact texts (quote, intro) and the source whose text they are in.
 */
const EVIDENCE_FIELD_NEEDS = new Map<string, readonly EvidenceKey[]>([
  ...EVIDENCE_FIELDS.map((field): [string, EvidenceKey[]] => [field.key, [field.key]]),
  ['sourceId', ['source']],
  ['spans', ['spans', 'quote', 'intro', 'source']],
]);

function needsMoreThanId(ctx: PlanContext, type: GraphQLNamedType, sets: readonly SelectionSetNode[]): boolean {
  return objectTypesOf(ctx, type).some((object) =>
    [...collectFields(ctx, object, sets).values()].some((nodes) => !ID_ONLY_FIELDS.has(nodes[0]?.name.value ?? '')),
  );
}

/** Whether the field being resolved asks for anything beyond `id`, `kind` and `__typename`. */
export function selectsMoreThanId(info: GraphQLResolveInfo): boolean {
  return needsMoreThanId(contextOf(info), getNamedType(info.returnType), selectionSets(info.fieldNodes));
}

interface ConnectionPlan {
  readonly node: NodePlan;
  readonly evidence: EvidencePlan | null;
  readonly totalCount: boolean;
  /** Whether a page is selected (`edges` or `pageInfo`); `totalCount` alone fetches none. */
  readonly page: boolean;
  /** Whether a cursor is selected (`edges.cursor`, `pageInfo.startCursor` or `endCursor`): only then do items carry their sort key. */
  readonly cursors: boolean;
}

const CURSOR_FIELDS_OF_PAGE_INFO = new Set(['startCursor', 'endCursor']);

/** The plan below a ...Connection type: totalCount, and edges { node evidence }. */
export function connectionPlan(ctx: PlanContext, connectionType: GraphQLNamedType, sets: readonly SelectionSetNode[], depth: number): ConnectionPlan {
  if (!isObjectType(connectionType)) throw new Error(`${connectionType.name} is not a connection type`);
  const edgesField = connectionType.getFields()['edges'];
  const edgeType = edgesField ? getNamedType(edgesField.type) : undefined;
  if (!edgeType || !isObjectType(edgeType)) throw new Error(`${connectionType.name} has no edges`);
  const nodeField = edgeType.getFields()['node'];
  if (!nodeField) throw new Error(`${edgeType.name} has no node`);
  const pageInfoField = connectionType.getFields()['pageInfo'];
  const pageInfoType = pageInfoField ? getNamedType(pageInfoField.type) : undefined;
  let totalCount = false;
  let page = false;
  let cursors = false;
  const edgeSets: SelectionSetNode[] = [];
  for (const nodes of collectFields(ctx, connectionType, sets).values()) {
    const name = nodes[0]?.name.value;
    if (name === 'totalCount') totalCount = true;
    if (name === 'edges' || name === 'pageInfo') page = true;
    if (name === 'edges') edgeSets.push(...selectionSets(nodes));
    if (name === 'pageInfo' && pageInfoType && isObjectType(pageInfoType)) {
      for (const infoNodes of collectFields(ctx, pageInfoType, selectionSets(nodes)).values()) {
        if (CURSOR_FIELDS_OF_PAGE_INFO.has(infoNodes[0]?.name.value ?? '')) cursors = true;
      }
    }
  }
  const nodeSets: SelectionSetNode[] = [];
  const evidenceNodes: FieldNode[] = [];
  for (const nodes of collectFields(ctx, edgeType, edgeSets).values()) {
    const name = nodes[0]?.name.value;
    if (name === 'node') nodeSets.push(...selectionSets(nodes));
    if (name === 'evidence') evidenceNodes.push(...nodes);
    if (name === 'cursor') cursors = true;
  }
  return {
    totalCount,
    page,
    cursors,
    node: nodePlan(ctx, getNamedType(nodeField.type), nodeSets, depth),
    evidence: evidenceNodes.length > 0 ? evidencePlan(ctx, evidenceNodes, depth) : null,
  };
}

/** `first` of a list argument, checked against its cap. */
export function checkedFirst(value: unknown, max: number, fallback: number, argument = 'first'): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw badUserInput(`\`${argument}\` must be a whole number from 0 to ${max} (the maximum); got ${String(value).slice(0, 20)}.`, argument);
  }
  return value;
}

/** The plan of one relationship field of `kind`, or null when `field` is not one. */
function relationPlan(ctx: PlanContext, kind: Kind, key: string, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[], depth: number): RelationPlan | null {
  const name = field.name;
  const shape: RelationPlan['shape'] = name === 'parent' ? 'single' : name.endsWith('Connection') || name === 'statements' ? 'connection' : 'list';
  const [first] = nodes;
  if (!first) return null;
  const args = getArgumentValues(field, first, ctx.variables);
  const itemType = shape === 'connection' ? connectionNodeType(getNamedType(field.type)) : getNamedType(field.type);
  const source = relationSource(ctx, kind, name, shape, args, itemType);
  if (!source) return null;

  if (shape === 'connection') {
    const limit = checkedFirst(args['first'], LIST_LIMITS.maxFirst, LIST_LIMITS.defaultFirst);
    const after = typeof args['after'] === 'string' ? decodeCursor(args['after'], orderOf(source)) : null;
    const plan = connectionPlan(ctx, getNamedType(field.type), selectionSets(nodes), depth);
    return { key, onKinds: null, source, shape, limit, after, totalCount: plan.totalCount, page: plan.page, cursors: plan.cursors, evidence: plan.evidence, node: plan.node };
  }
  const limit = shape === 'single' ? 1 : checkedFirst(args['first'], LIST_LIMITS.maxNested, LIST_LIMITS.defaultNested);
  return {
    key,
    onKinds: null,
    source,
    shape,
    limit,
    after: null,
    totalCount: false,
    page: true,
    evidence: null,
    node: nodePlan(ctx, itemType, selectionSets(nodes), depth),
  };
}

/** Where a relationship field's items come from, from the catalogue; null when `name` is not a relationship field. */
function relationSource(ctx: PlanContext, kind: Kind, name: string, shape: RelationPlan['shape'], args: Record<string, unknown>, itemType: GraphQLNamedType): RelationSource | null {
  if (name === 'sources') return { kind: 'sources' };
  if (name === 'statements') return statementsSource(args);
  const base = name === 'parent' ? 'parents' : shape === 'connection' ? name.slice(0, -'Connection'.length) : name;
  const spec = relationField(kind, base);
  if (!spec) return null;
  const routes = shape === 'connection' ? routesOf(kind, base) : undefined;
  if (routes) return routedSource(routes, args['via'], spec.targets);
  const negated = shape === 'connection' && args['negated'] === true;
  if (negated && !spec.negatable) throw badUserInput(`\`negated\` is not available on ${kind}.${name}.`, 'negated');
  const type: RelType = negated ? negate(spec.type as NegatableRelType) : spec.type;
  const allowed = new Set(kindsOf(ctx, itemType));
  const targets = spec.targets.filter((target) => allowed.has(target));
  return { kind: 'edge', type, direction: spec.direction, targets, exhaustive: targets.length === spec.targets.length };
}

/** A field with indirect routes (`Condition.specialistsConnection(via:)`): the routes asked for, DIRECT by default. */
function routedSource(routes: readonly Route[], via: unknown, targets: readonly Kind[]): RelationSource {
  const asked = Array.isArray(via) && via.length > 0 ? new Set(via as string[]) : new Set(['DIRECT']);
  const chosen = routes.filter((route) => asked.has(route.name));
  if (chosen.length !== asked.size) {
    throw badUserInput(`\`via\` may hold ${routes.map((route) => route.name).join(', ')}.`, 'via');
  }
  return { kind: 'routes', routes: chosen, targets };
}

/** `Entity.statements(types, direction, negated)`: the whitelisted types to match, checked against the catalogue. */
function statementsSource(args: Record<string, unknown>): RelationSource {
  const asked = Array.isArray(args['types']) ? [...new Set(args['types'] as string[])] : null;
  const known = POSITIVE_REL_TYPES.join(', ');
  for (const type of asked ?? []) {
    if (isRelType(type) && type.startsWith(NEGATION_PREFIX)) {
      throw badUserInput(`\`types\`: give ${type.slice(NEGATION_PREFIX.length)} with \`negated: true\` for its negative statements (${type}).`, 'types');
    }
    if (!(POSITIVE_REL_TYPES as readonly string[]).includes(type)) {
      throw badUserInput(`\`types\`: unknown relationship type ${JSON.stringify(type.slice(0, 40))}; the known types are ${known}.`, 'types');
    }
  }
  const positives = (asked ?? POSITIVE_REL_TYPES) as PositiveRelType[];
  const negated = args['negated'];
  const types: RelType[] = [];
  if (negated !== true) types.push(...positives);
  if (negated !== false) types.push(...positives.filter(isNegatable).map((type) => negate(type as NegatableRelType)));
  if (types.length === 0) {
    throw badUserInput(`\`negated: true\`: ${positives.join(', ')} ${positives.length === 1 ? 'has' : 'have'} no negative statements; negatable types are ${POSITIVE_REL_TYPES.filter(isNegatable).join(', ')}.`, 'negated');
  }
  const direction = args['direction'] === 'OUT' ? 'out' : args['direction'] === 'IN' ? 'in' : 'both';
  return { kind: 'statements', types, direction };
}

function connectionNodeType(connectionType: GraphQLNamedType): GraphQLNamedType {
  if (!isObjectType(connectionType)) return connectionType;
  const edges = connectionType.getFields()['edges'];
  const edgeType = edges ? getNamedType(edges.type) : undefined;
  const node = edgeType && isObjectType(edgeType) ? edgeType.getFields()['node'] : undefined;
  return node ? getNamedType(node.type) : connectionType;
}

// ---------------------------------------------------------------------------------------------
// Entry points for resolvers
// ---------------------------------------------------------------------------------------------

/**
 * The plan of the entities selected by the field being resolved, or by a field below it: `path`
 * names fields to descend through (e.g. `planFor(info, ['nodes'])` for `Subgraph.nodes`); the
 * selections of every alias of such a field are merged.
 */
export function planFor(info: GraphQLResolveInfo, path: readonly string[] = []): NodePlan {
  return cachedPlan(info, { entry: 'planFor', path, ownArguments: false }, () => {
    const ctx = contextOf(info);
    const { type, sets } = descend(ctx, getNamedType(info.returnType), selectionSets(info.fieldNodes), path);
    return type ? nodePlan(ctx, type, sets, 0) : EMPTY_NODE_PLAN;
  });
}

/** The plan below a root list field returning a ...Connection. */
export function planConnection(info: GraphQLResolveInfo): ConnectionPlan {
  return cachedPlan(info, { entry: 'planConnection', ownArguments: false }, () => connectionPlan(contextOf(info), getNamedType(info.returnType), selectionSets(info.fieldNodes), 0));
}

/**
 * The plan of the relationship field being resolved (for a parent fetched without it, e.g. by a
 * traversal): the DataLoader fetches it, with everything selected below it, for all parents at once.
 */
export function planRelation(info: GraphQLResolveInfo): RelationPlan | null {
  const kind = info.parentType.name;
  if (!isKind(kind)) return null;
  const field = info.parentType.getFields()[info.fieldName];
  if (!field) return null;
  const key = typeof info.path.key === 'string' ? info.path.key : info.fieldName;
  return cachedPlan(info, { entry: 'planRelation', ownArguments: true }, () => relationPlan(contextOf(info), kind, key, field, info.fieldNodes, 0));
}

/**
 * What a traversal's answer needs of its entities and evidence (see TraversalPlan): the selection
 * below the field being resolved (or below `path`, as in `planFor`) is walked through the answer's
 * own types (links, sections, edges, ...); at every entity-typed field the selected scalar
 * properties are collected (and a Fact's `evidence`), at every Evidence-typed field the evidence
 * selection. Relationship fields below the entities are not planned here: the entity resolvers
 * fetch them (and check their arguments) as for any entity.
 */
export function traversalPlanFor(info: GraphQLResolveInfo, path: readonly string[] = []): TraversalPlan {
  return cachedPlan(info, { entry: 'traversalPlanFor', path, ownArguments: false }, () => {
    const ctx = contextOf(info);
    const { type, sets } = descend(ctx, getNamedType(info.returnType), selectionSets(info.fieldNodes), path);
    const found: Found = { properties: new Set(), factEvidence: [], evidence: [] };
    if (type) walkAnswer(ctx, type, sets, found);
    return {
      node: entityPlanOf(ctx, found),
      evidence: found.evidence.length > 0 ? evidencePlan(ctx, found.evidence, 0, (sourceType, sourceSets) => propertiesPlan(ctx, sourceType, sourceSets)) : null,
    };
  });
}

interface Found {
  properties: Set<EntityProperty>;
  factEvidence: FieldNode[];
  evidence: FieldNode[];
}

/** The type and merged selections reached from `start` through the fields named by `path`. */
function descend(ctx: PlanContext, start: GraphQLNamedType, startSets: SelectionSetNode[], path: readonly string[]): { type: GraphQLNamedType | undefined; sets: SelectionSetNode[] } {
  let type: GraphQLNamedType | undefined = start;
  let sets = startSets;
  for (const name of path) {
    const nextSets: SelectionSetNode[] = [];
    let nextType: GraphQLNamedType | undefined;
    for (const object of objectTypesOf(ctx, type)) {
      const field = object.getFields()[name];
      if (!field) continue;
      nextType = getNamedType(field.type);
      for (const nodes of collectFields(ctx, object, sets).values()) {
        if (nodes[0]?.name.value === name) nextSets.push(...selectionSets(nodes));
      }
    }
    if (!nextType) return { type: undefined, sets: [] };
    type = nextType;
    sets = nextSets;
  }
  return { type, sets };
}

function walkAnswer(ctx: PlanContext, type: GraphQLNamedType, sets: readonly SelectionSetNode[], found: Found): void {
  if (sets.length === 0) return;
  for (const object of objectTypesOf(ctx, type)) {
    const entity = isKind(object.name);
    const fields = object.getFields();
    for (const nodes of collectFields(ctx, object, sets).values()) {
      const name = nodes[0]?.name.value ?? '';
      const field = fields[name];
      if (!field || name.startsWith('__')) continue;
      const named = getNamedType(field.type);
      if (entity) {
        if (isEntityProperty(name) && isLeafType(named)) found.properties.add(name);
        else if (object.name === 'Fact' && name === 'evidence') found.factEvidence.push(...nodes);
      } else if (named.name === 'Evidence') {
        found.evidence.push(...nodes);
      } else if (!isLeafType(named)) {
        walkAnswer(ctx, named, selectionSets(nodes), found);
      }
    }
  }
}

function entityPlanOf(ctx: PlanContext, found: Found): NodePlan {
  return {
    properties: [...found.properties],
    relations: [],
    evidence:
      found.factEvidence.length > 0 ? evidencePlan(ctx, found.factEvidence, 0, (sourceType, sourceSets) => propertiesPlan(ctx, sourceType, sourceSets)) : null,
  };
}

/** The selected properties of an entity selection, without its relationship fields. */
function propertiesPlan(ctx: PlanContext, type: GraphQLNamedType, sets: readonly SelectionSetNode[]): NodePlan {
  const found: Found = { properties: new Set(), factEvidence: [], evidence: [] };
  walkAnswer(ctx, type, sets, found);
  return entityPlanOf(ctx, found);
}
