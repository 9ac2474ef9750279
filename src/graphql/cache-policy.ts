/**
 * The cache policy of an operation, read from the schema's @cacheControl hints (schema/cache.graphql)
 * and the operation's document, before it runs.
 *
 * Apollo's cache-control plugin finds the same policy while the operation runs, by wrapping every
 * field resolution of every answer (a Nested answer resolves ~20,000 fields: ~5 % of the API's Node
 * CPU, bench/README.md). It has no dynamic hints to collect here (no resolver sets one), so the
 * document says it all. The rules are Apollo's: a field's hint, else its type's; a root field, or one
 * returning an object, interface or union without a hint, gets `defaultMaxAge`; the policy is the
 * most restrictive of every field. One difference, on the safe side: every field the document may ask
 * counts, also when the answer leaves it out (a null parent, an empty list, a fragment on another
 * type), so an answer is never kept longer than a field it asks for allows.
 */
import {
  getDirectiveValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isUnionType,
  Kind,
  typeFromAST,
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLDirective,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isIncluded, perOperation } from './document';

export type CacheScope = 'PUBLIC' | 'PRIVATE';
export interface CacheHint {
  maxAge?: number;
  scope?: CacheScope;
  inheritMaxAge?: boolean;
}
export interface CachePolicyHint {
  maxAge?: number;
  scope?: CacheScope;
}

/** Apollo's CachePolicy.restrict: the lower maxAge, PRIVATE over PUBLIC. */
export function restrict(policy: CachePolicyHint, hint: CachePolicyHint): void {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined && policy.scope !== 'PRIVATE') policy.scope = hint.scope;
}

/** Cache-Control for an answer without errors, as Apollo writes it: `max-age=N, public|private`, or `no-store` when not cacheable. */
export function cacheControlValue(policy: Readonly<CachePolicyHint> | null): string {
  return policy?.maxAge ? `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}` : 'no-store';
}

/** Reads hints from a schema once; `policyOf` then walks documents. */
export class SchemaCachePolicy {
  private readonly directive: GraphQLDirective | undefined;
  private readonly typeHints = new Map<GraphQLNamedType, CacheHint>();
  private readonly fieldHints = new Map<GraphQLField<unknown, unknown>, CacheHint>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly defaultMaxAge: number,
  ) {
    this.directive = schema.getDirective('cacheControl') ?? undefined;
  }

  private readonly policies = new WeakMap<OperationDefinitionNode, Map<string, Readonly<CachePolicyHint>>>();

  /** The policy of `operation` with `variables` (for @skip/@include); `{}` when no field restricts it. Walked once per operation and values of those variables. */
  policyOf(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>, variables: Readonly<Record<string, unknown>>): Readonly<CachePolicyHint> {
    return perOperation(this.policies, operation, fragments, variables, [], () => Object.freeze(this.walk(operation, fragments, variables)));
  }

  private walk(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>, variables: Readonly<Record<string, unknown>>): CachePolicyHint {
    const root = this.schema.getRootType(operation.operation);
    const policy: CachePolicyHint = {};
    if (!root) return policy;
    const visit = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode, isRoot: boolean, seenFragments: Set<string>): void => {
      for (const selection of selectionSet.selections) {
        if (!isIncluded(selection, variables)) continue;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments[selection.name.value];
          if (!fragment || seenFragments.has(fragment.name.value)) continue;
          const on = typeFromAST(this.schema, fragment.typeCondition);
          if (on && isCompositeType(on)) visit(on, fragment.selectionSet, isRoot, new Set([...seenFragments, fragment.name.value]));
          continue;
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? typeFromAST(this.schema, selection.typeCondition) : parent;
          if (on && isCompositeType(on)) visit(on, selection.selectionSet, isRoot, seenFragments);
          continue;
        }
        // Meta fields (__typename, __schema, __type) resolve outside the schema's resolvers: Apollo gives them no hint.
        if (selection.name.value.startsWith('__')) continue;
        if (isUnionType(parent)) continue; // a union has no fields but __typename
        const field = parent.getFields()[selection.name.value];
        if (!field) continue; // validation has refused unknown fields
        const target = getNamedType(field.type);
        restrict(policy, this.fieldPolicy(field, target, isRoot));
        // On an interface, Apollo reads the hint of the field of the type the answer has: any of them may be.
        if (isInterfaceType(parent)) {
          for (const type of this.schema.getPossibleTypes(parent)) {
            const own = type.getFields()[selection.name.value];
            if (own) restrict(policy, this.fieldPolicy(own, getNamedType(own.type), isRoot));
          }
        }
        if (selection.selectionSet && isCompositeType(target)) visit(target, selection.selectionSet, false, seenFragments);
      }
    };
    visit(root, operation.selectionSet, true, new Set());
    return policy;
  }

  /** One field's policy, as Apollo's plugin computes it when the field resolves. */
  private fieldPolicy(field: GraphQLField<unknown, unknown>, target: GraphQLNamedType, isRoot: boolean): CachePolicyHint {
    const policy: CachePolicyHint = {};
    let inheritMaxAge = false;
    const composite = isCompositeType(target);
    if (composite) {
      const typeHint = this.typeHint(target);
      replace(policy, typeHint);
      inheritMaxAge = !!typeHint.inheritMaxAge;
    }
    const fieldHint = this.fieldHint(field);
    if (fieldHint.inheritMaxAge && policy.maxAge === undefined) {
      inheritMaxAge = true;
      if (fieldHint.scope) replace(policy, { scope: fieldHint.scope });
    } else replace(policy, fieldHint);
    if (policy.maxAge === undefined && ((composite && !inheritMaxAge) || isRoot)) restrict(policy, { maxAge: this.defaultMaxAge });
    return policy;
  }

  private typeHint(type: GraphQLNamedType): CacheHint {
    let hint = this.typeHints.get(type);
    if (!hint) {
      hint = [type.astNode, ...(type.extensionASTNodes ?? [])].map((node) => this.hintOf(node?.directives)).find((h) => h !== undefined) ?? {};
      this.typeHints.set(type, hint);
    }
    return hint;
  }

  private fieldHint(field: GraphQLField<unknown, unknown>): CacheHint {
    let hint = this.fieldHints.get(field);
    if (!hint) {
      hint = this.hintOf(field.astNode?.directives) ?? {};
      this.fieldHints.set(field, hint);
    }
    return hint;
  }

  private hintOf(directives: readonly DirectiveNode[] | undefined): CacheHint | undefined {
    if (!this.directive || !directives) return undefined;
    const values = getDirectiveValues(this.directive, { directives });
    if (!values) return undefined;
    if (values.inheritMaxAge === true) return { inheritMaxAge: true, scope: values.scope as CacheScope | undefined };
    return { maxAge: values.maxAge as number | undefined, scope: values.scope as CacheScope | undefined };
  }

}

/** Apollo's CachePolicy.replace: the hint's values win where it has them. */
function replace(policy: CachePolicyHint, hint: CachePolicyHint): void {
  if (hint.maxAge !== undefined) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined) policy.scope = hint.scope;
}
