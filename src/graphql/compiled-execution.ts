/**
 * Execution of each document compiled once, with graphql-jit, instead of graphql-js's interpreter.
 *
 * graphql-js walks the document for every request and, for every field of every item, builds the
 * field's argument map and resolve info (argument-less `id` and `name` included): on the 100k graph's
 * Entity question that was a fifth of the GraphQL layer's Node CPU (bench/README.md, issue 19).
 * graphql-jit turns a document into one JavaScript function the first time it is run; later requests
 * with the same document (Apollo hands the same parsed DocumentNode for the same query text from its
 * document cache) call that function.
 *
 * It is plugged in through Apollo Server's documented executor hook (the gateway interface), so
 * parsing, validation, plugins, error formatting and HTTP stay Apollo's. Variables are checked by
 * graphql-js first, so a bad variable gets graphql-js's message and Apollo's 400, exactly as before.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, getOperationAST, getVariableValues, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Compiled = CompiledQuery | ExecutionResult;

/**
 * graphql-jit's errors have a read-only `message`; plugins that rewrite a message (GraphQL Armor
 * masks suggestions that way) would throw on them. Each becomes graphql-js's own error, unchanged.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });
  (copy as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return copy;
}

/** An Apollo Server `gateway` that serves `schema` and runs every operation compiled. */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  // Per parsed document (gone with it), per operation name.
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) byName.set(key, (query = compileQuery(schema, document, operationName)));
    return query;
  };

  const executor: GatewayExecutor = async ({ document, request, operation, context }) => {
    const variables = request.variables ?? {};
    const definition = operation ?? getOperationAST(document, request.operationName);
    if (definition?.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, definition.variableDefinitions, variables, { maxErrors: 50 }); // as graphql-js's execute
      if (coerced.errors) return { errors: coerced.errors };
    }
    const query = compiledFor(document, request.operationName ?? undefined);
    if (!isCompiledQuery(query)) return query;
    const result = (await query.query(undefined, context, variables)) as ExecutionResult<Record<string, unknown>>;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}
