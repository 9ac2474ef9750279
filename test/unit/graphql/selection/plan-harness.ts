import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, execute, graphql, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';

const SCHEMA_DIR = path.join(__dirname, '../../../../schema');

/**
 * The entity SDL (its own files plus curation's, which defines the Change and Retirement types every
 * entity answers with) and any `extra` SDL files, with a minimal root Query to extend.
 */
export function entitySchema(extra: readonly string[] = []): GraphQLSchema {
  const sdl = ['entity.graphql', 'relationships.graphql', 'query-entities.graphql', 'curation.graphql', ...extra].map((file) => readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
  return buildSchema(['type Query { _unused: Boolean }', ...sdl].join('\n'));
}

/**
 * Executes `source` (a query text, parsed anew on each call, or a parsed document) against the schema with a resolver on root field `field` that hands its
 * GraphQLResolveInfo to `inspect`; returns what `inspect` returned (or throws what it threw).
 */
export async function withInfo<T>(
  schema: GraphQLSchema,
  field: string,
  source: string | DocumentNode,
  inspect: (info: GraphQLResolveInfo) => T,
  variables?: Record<string, unknown>,
): Promise<T> {
  const queryType = schema.getQueryType();
  const target = queryType?.getFields()[field];
  if (!target) throw new Error(`No root field ${field}`);
  let result: { value: T } | undefined;
  let failure: unknown;
  target.resolve = (_root, _args, _context, info) => {
    try {
      result = { value: inspect(info) };
    } catch (error) {
      failure = error;
    }
    return null;
  };
  // A parsed document is executed as is (its nodes are the same objects on every call, as in Apollo's document cache).
  const response = typeof source === 'string' ? await graphql({ schema, source, variableValues: variables }) : await execute({ schema, document: source, variableValues: variables });
  if (failure) throw failure;
  if (!result) throw new Error(`Resolver of ${field} did not run: ${JSON.stringify(response.errors)}`);
  return result.value;
}
