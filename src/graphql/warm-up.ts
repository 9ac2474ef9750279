import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { Kind, parse, print, visit, type ASTNode, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../logger';
import type { GraphQLContext } from './context';

/** The playground's examples: together they run every traversal, search and statistics statement shape. */
const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'src', 'web', 'examples');

/** Entity lookups, lists and nested relationship fields, which the examples do not all cover. */
const LOOKUPS = /* GraphQL */ `
  query WarmUpLookups {
    entity(id: "als") { id name ... on Condition { symptomsConnection(first: 5) { edges { node { id } evidence { quote source { id } } } } } }
    conditions(first: 5) { totalCount edges { node { id name symptoms { id } } } }
    symptoms(first: 5, orderBy: { field: RELATED_COUNT, direction: DESC }) { totalCount edges { node { id } relatedCount } }
    serverInfo { neo4jVersion }
  }`;

/** The fragments `node` spreads, and those they spread in turn. */
function fragmentsUsedBy(node: ASTNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, used = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (!fragment || used.has(spread.name.value)) return;
      used.add(spread.name.value);
      fragmentsUsedBy(fragment, fragments, used);
    },
  });
  return used;
}

/**
 * The query operations of a document, each as a document of its own (with the fragments it spreads).
 * Mutations and subscriptions are left out: the warm-up runs without a token and must never write.
 * A document that does not parse yields nothing (test/unit/web checks that every example parses).
 */
export function queryOperations(source: string): string[] {
  let definitions: readonly DefinitionNode[];
  try {
    definitions = parse(source, { noLocation: true }).definitions;
  } catch {
    return [];
  }
  const fragments = new Map(definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  return definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'query')
    .map((operation) => {
      const used = [...fragmentsUsedBy(operation, fragments)].flatMap((name) => fragments.get(name) ?? []);
      return print({ kind: Kind.DOCUMENT, definitions: [operation, ...used] });
    });
}

export function warmUpOperations(dir = EXAMPLES_DIR): string[] {
  const examples = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.graphql'))
        .sort()
        .flatMap((file) => queryOperations(readFileSync(path.join(dir, file), 'utf8')))
    : [];
  return [...examples, LOOKUPS];
}

/**
 * Runs every warm-up operation once through the whole server (resolvers, planner, Cypher), so Neo4j
 * has planned each statement before /readyz first says ready: the first user of rankConditions or
 * graphStats waits milliseconds, not the seconds a cold plan takes. Failures are logged, never thrown.
 */
export async function warmUp(apollo: ApolloServer<GraphQLContext>, context: () => GraphQLContext, logger: Logger, stopping: () => boolean = () => false): Promise<{ ms: number; failed: number }> {
  const started = Date.now();
  let failed = 0;
  for (const query of warmUpOperations()) {
    // A server shutting down stops planning (Apollo refuses operations once it stops).
    if (stopping()) break;
    try {
      const response = await apollo.executeOperation({ query }, { contextValue: context() });
      if (response.body.kind === 'single' && response.body.singleResult.errors?.length) failed += 1;
    } catch (error) {
      failed += 1;
      logger.debug({ err: error }, 'warm-up operation failed');
    }
  }
  return { ms: Date.now() - started, failed };
}
