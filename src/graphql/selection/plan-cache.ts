/**
 * Plans made once per selection, not once per request. A plan is a pure function of the field's
 * nodes (and the fragments they spread), the schema, and the values of the variables those nodes
 * read. Apollo parses each distinct query text once and keeps its DocumentNode, so on every request
 * of a cached document the resolver sees the same FieldNode objects: plans are kept per field node
 * (a WeakMap, so they go with the document), then per the values of just the variables the selection
 * reads — a root argument such as `condition(id: $id)` is not part of the key, so every id shares one plan.
 *
 * Cached plans are frozen: a consumer that edited one would change every later request's plan, and
 * freezing makes such an edit fail loudly (modules run in strict mode) instead.
 */
import type { ASTNode, FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, GraphQLSchema, SelectionSetNode } from 'graphql';
import { keep, variablesKey } from '../document';

const plansBySchema = new WeakMap<GraphQLSchema, WeakMap<FieldNode, Map<string, unknown>>>();
const variablesOfNode = new WeakMap<ASTNode, readonly string[]>();
const nodeIds = new WeakMap<FieldNode, number>();
let nextNodeId = 0;

export interface PlanKey {
  /** Which entry point (`planFor`, `planRelation`, …): each makes a different plan of the same nodes. */
  entry: string;
  /** The fields descended through (`planFor(info, ['nodes'])`). */
  path?: readonly string[];
  /** Whether the field's own arguments shape the plan (`planRelation`: `first`, `after`, `negated` of the field itself). */
  ownArguments: boolean;
}

/** The plan `make` returns for this field's selection and variables, made on the first request and then reused. */
export function cachedPlan<T>(info: GraphQLResolveInfo, key: PlanKey, make: () => T): T {
  const [first] = info.fieldNodes;
  if (!first) return make();
  let bySchema = plansBySchema.get(info.schema);
  if (!bySchema) plansBySchema.set(info.schema, (bySchema = new WeakMap()));
  let plans = bySchema.get(first);
  if (!plans) bySchema.set(first, (plans = new Map()));
  const cacheKey = keyOf(info, key);
  if (plans.has(cacheKey)) return plans.get(cacheKey) as T;
  return keep(plans, cacheKey, deepFreeze(make())) as T;
}

function keyOf(info: GraphQLResolveInfo, key: PlanKey): string {
  const names: string[] = [];
  for (const node of info.fieldNodes) {
    for (const name of key.ownArguments ? variablesRead(node, info.fragments) : node.selectionSet ? variablesRead(node.selectionSet, info.fragments) : []) {
      if (!names.includes(name)) names.push(name);
    }
  }
  const alias = typeof info.path.key === 'string' ? info.path.key : '';
  const nodes = info.fieldNodes.length > 1 ? info.fieldNodes.map(idOf).join(',') : '';
  return [key.entry, (key.path ?? []).join('.'), info.parentType.name, String(info.returnType), alias, nodes, variablesKey(names, info.variableValues)].join('\u0000');
}

function idOf(node: FieldNode): number {
  let id = nodeIds.get(node);
  if (id === undefined) nodeIds.set(node, (id = (nextNodeId += 1)));
  return id;
}

/** The names of the variables used anywhere in `node`, through the fragments it spreads (kept per node). */
function variablesRead(node: FieldNode | SelectionSetNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): readonly string[] {
  let names = variablesOfNode.get(node);
  if (!names) {
    const found = new Set<string>();
    collectVariables(node, fragments, found, new Set());
    variablesOfNode.set(node, (names = [...found]));
  }
  return names;
}

function collectVariables(node: unknown, fragments: Readonly<Record<string, FragmentDefinitionNode>>, found: Set<string>, spread: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectVariables(child, fragments, found, spread);
    return;
  }
  if (!node || typeof node !== 'object' || !('kind' in node)) return;
  const ast = node as ASTNode;
  if (ast.kind === 'Variable') {
    found.add(ast.name.value);
    return;
  }
  if (ast.kind === 'FragmentSpread' && !spread.has(ast.name.value)) {
    spread.add(ast.name.value);
    collectVariables(fragments[ast.name.value], fragments, found, spread);
  }
  for (const [field, child] of Object.entries(ast)) {
    if (field !== 'loc' && child && typeof child === 'object') collectVariables(child, fragments, found, spread);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
