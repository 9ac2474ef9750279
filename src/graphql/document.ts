import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

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
