import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** The document's fragment definitions by name (what the planner, the cost limit and the cache policy walk). */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/** Whether a selection survives its @skip/@include with these variables, as graphql-js decides. */
export function isIncluded(node: Parameters<typeof getDirectiveValues>[1], variables: Readonly<Record<string, unknown>>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables as Record<string, unknown>)?.['if'] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables as Record<string, unknown>)?.['if'] !== false;
}

/**
 * What `compute` made for this operation, when the variables it reads (those in @skip/@include and in
 * arguments named `argumentNames`, anywhere in the operation and its fragments) have the same values as
 * before. Apollo parses each distinct query text once and keeps it, so a cached document's operation
 * node is the same object on every request; `cache` holds one entry per value of those variables, not
 * per request — a root argument such as `condition(id: $id)` does not split it.
 */
export function perOperation<T>(
  cache: WeakMap<OperationDefinitionNode, Map<string, T>>,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  argumentNames: readonly string[],
  compute: () => T,
): T {
  let entries = cache.get(operation);
  if (!entries) cache.set(operation, (entries = new Map()));
  const key = variablesKey(variablesUsedBy(operation, fragments, argumentNames), variables);
  const known = entries.get(key);
  if (known !== undefined) return known;
  return keep(entries, key, compute());
}

/** The values of these variables as a cache key; an absent variable (its default applies) is told from `null`. */
export function variablesKey(names: readonly string[], variables: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(names.map((name) => (Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : ABSENT)));
}

/** Distinct variable values kept per document node; past this its entries start over. */
const MAX_ENTRIES_PER_NODE = 64;
const ABSENT = { $absent: true };

/** Stores `value` under `key` in a per-node cache (bounded: MAX_ENTRIES_PER_NODE) and returns it. */
export function keep<T>(entries: Map<string, T>, key: string, value: T): T {
  if (entries.size >= MAX_ENTRIES_PER_NODE) entries.clear();
  entries.set(key, value);
  return value;
}

/** Per operation, per list of argument names: the variables `perOperation` keys on. */
const usedByOperation = new WeakMap<OperationDefinitionNode, Map<string, readonly string[]>>();

function variablesUsedBy(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>, argumentNames: readonly string[]): readonly string[] {
  let byArguments = usedByOperation.get(operation);
  if (!byArguments) usedByOperation.set(operation, (byArguments = new Map()));
  const key = argumentNames.join(',');
  let names = byArguments.get(key);
  if (!names) {
    const found = new Set<string>();
    const spread = new Set<string>();
    const valueVariables = (value: ValueNode): void => {
      if (value.kind === Kind.VARIABLE) found.add(value.name.value);
      else if (value.kind === Kind.LIST) value.values.forEach(valueVariables);
      else if (value.kind === Kind.OBJECT) value.fields.forEach((field) => valueVariables(field.value));
    };
    const walk = (selectionSet: SelectionSetNode): void => {
      for (const selection of selectionSet.selections) {
        for (const directive of selection.directives ?? []) {
          if (directive.name.value === 'skip' || directive.name.value === 'include') for (const argument of directive.arguments ?? []) valueVariables(argument.value);
        }
        if (selection.kind === Kind.FIELD) {
          for (const argument of selection.arguments ?? []) if (argumentNames.includes(argument.name.value)) valueVariables(argument.value);
          if (selection.selectionSet) walk(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet);
        } else {
          const fragment = fragments[selection.name.value];
          if (fragment && !spread.has(fragment.name.value)) {
            spread.add(fragment.name.value);
            walk(fragment.selectionSet);
          }
        }
      }
    };
    walk(operation.selectionSet);
    byArguments.set(key, (names = [...found]));
  }
  return names;
}
