import {
  GraphQLError,
  valueFromAST,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { fragmentsOf, perOperation } from './document';
import { QUERY_LIMITS } from './limits';

/**
 * The cost of an operation, computed once its variables are known:
 *
 *   cost(scalar field)  = 1
 *   cost(object field)  = (2 + 1.5 × Σ cost(child)) × n
 *
 * where n is the field's `first` (or `last`) as it will be executed — written in the query, passed
 * as a variable, or the schema's default — and 1 for a field without one. Fragments count as their
 * fields at the same level; introspection costs nothing. The same formula GraphQL Armor uses, except
 * that Armor sees only `first` written as a literal: the default it equals, or a variable, counted 1.
 */
export const COST_WEIGHTS = { scalar: 1, object: 2, depthFactor: 1.5 } as const;

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables?: Readonly<Record<string, unknown>>;
}

export function operationCost({ schema, operation, fragments, variables = {} }: CostInput): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;

  const selectionCost = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += selectionCost(isCompositeType(condition) ? condition : type, selection.selectionSet, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue; // validation rejects cycles and unknown fragments
        const condition = schema.getType(fragment.typeCondition.name.value);
        total += selectionCost(isCompositeType(condition) ? condition : type, fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else {
        const name = selection.name.value;
        if (name.startsWith('__')) continue; // __typename, __schema, __type: introspection is free
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!selection.selectionSet) {
          total += COST_WEIGHTS.scalar;
          continue;
        }
        const fieldType = field ? getNamedType(field.type) : undefined;
        const children = isCompositeType(fieldType) ? selectionCost(fieldType, selection.selectionSet, seen) : 0;
        total += (COST_WEIGHTS.object + COST_WEIGHTS.depthFactor * children) * (field ? pageSize(field, selection, variables) : 1);
      }
    }
    return total;
  };

  // Root fields are not weighted by the depth factor (as in Armor); their children are.
  return selectionCost(root, operation.selectionSet, new Set());
}

/** `first`/`last` as execution will see it: literal, variable or default; 1 when the field has none or it cannot be read. */
function pageSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  // Only `first` and `last` are read (not every argument), so the cost depends on no other variable (perOperation).
  const value = argumentValue(field, node, 'first', variables) ?? argumentValue(field, node, 'last', variables);
  return typeof value === 'number' && Number.isFinite(value) && value > 1 ? value : 1;
}

function argumentValue(field: GraphQLField<unknown, unknown>, node: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): unknown {
  const definition = field.args.find((arg) => arg.name === name);
  if (!definition) return undefined;
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  // An invalid value reads as undefined (execution rejects it with its own error), then the default counts.
  const value = argument ? valueFromAST(argument.value, definition.type, variables as Record<string, unknown>) : undefined;
  return value ?? definition.defaultValue;
}

/** The arguments the cost reads (pageSize). */
const PAGE_ARGUMENTS = ['first', 'last'];

/** The cost of each operation, kept per operation and values of `first`/`last` (perOperation). */
export class OperationCosts {
  private readonly costs = new WeakMap<OperationDefinitionNode, Map<string, number>>();

  constructor(readonly maxCost: number = QUERY_LIMITS.maxCost) {}

  costOf(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>, variables: Readonly<Record<string, unknown>>): number {
    return perOperation(this.costs, operation, fragments, variables, PAGE_ARGUMENTS, () => Math.round(operationCost({ schema, operation, fragments, variables })));
  }
}

/**
 * Refuses an operation whose cost (above) exceeds QUERY_LIMITS.maxCost before it runs, with a 400
 * that says the cost, the limit and how to lower it.
 */
export function costLimitPlugin(limit: OperationCosts | number = QUERY_LIMITS.maxCost): ApolloServerPlugin<BaseContext> {
  const costs = typeof limit === 'number' ? new OperationCosts(limit) : limit;
  const { maxCost } = costs;
  const listener: GraphQLRequestListener<BaseContext> = {
    async didResolveOperation({ schema, operation, document, request }) {
      if (!operation) return;
      const cost = costs.costOf(schema, operation, fragmentsOf(document), request.variables ?? {});
      if (cost <= maxCost) return;
      throw new GraphQLError(
        `Query cost ${cost} exceeds the limit of ${maxCost}. Lower it by asking for fewer items (a smaller \`first\` on lists — when omitted, a list counts its default size), fewer nested lists or fewer fields; see "Limits" in the README for how cost is counted.`,
        { extensions: { code: 'BAD_REQUEST', cost, maxCost, http: { status: 400 } } },
      );
    },
  };
  return { requestDidStart: async () => listener };
}
