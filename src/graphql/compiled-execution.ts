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
 * parsing, validation, plugins, error formatting and HTTP stay Apollo's. Variables graphql-jit refuses
 * are checked again by graphql-js, so a bad variable gets graphql-js's message and Apollo's 400, as before.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, getOperationAST, getVariableValues, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
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

/** What one run needs: the parsed document, its operation, the request's variables and context. */
export interface CompiledRun {
  document: DocumentNode;
  operation: OperationDefinitionNode | undefined;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  context: unknown;
}

/**
 * Runs operations compiled, for Apollo (as its `gateway`) and for src/http/known-operations.ts, which
 * answers repeats of documents Apollo already answered: both run here, so both run the same way.
 */
export class CompiledExecution {
  // Per parsed document (gone with it), per operation name.
  private readonly compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  // Results already computed for a request that Apollo is asked to answer (see `handOver`).
  private readonly handedOver = new WeakMap<object, ExecutionResult>();

  constructor(readonly schema: GraphQLSchema) {}

  /**
   * The compiled query, with bad variables answered in graphql-js's words. graphql-jit checks the
   * variables first and, when it refuses them, answers errors without `data` before running anything;
   * only then are they checked again by graphql-js, for its messages (checking every request's
   * variables twice cost ~8 µs of Node CPU each, bench/README.md).
   */
  async run({ document, operation, operationName, variables = {}, context }: CompiledRun): Promise<ExecutionResult> {
    const query = this.compiledFor(document, operationName ?? undefined);
    if (!isCompiledQuery(query)) return this.variableErrors(document, operation, operationName, variables) ?? query;
    const result = (await query.query(undefined, context, variables)) as ExecutionResult<Record<string, unknown>>;
    if (!('data' in result)) {
      const refused = this.variableErrors(document, operation, operationName, variables);
      if (refused) return refused;
    }
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  }

  /** graphql-js's errors for the variables, as its execute would answer them; undefined when it accepts them. */
  private variableErrors(document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName: string | null | undefined, variables: Record<string, unknown>): ExecutionResult | undefined {
    const definition = operation ?? getOperationAST(document, operationName);
    if (!definition?.variableDefinitions?.length) return undefined;
    const coerced = getVariableValues(this.schema, definition.variableDefinitions, variables, { maxErrors: 50 });
    return coerced.errors ? { errors: coerced.errors } : undefined;
  }

  /**
   * The next time Apollo executes the request `http`, it gets `result` instead of running it again: a
   * result with errors found outside Apollo is answered by Apollo, whose plugins and error formatting
   * then shape it as they would have, and the operation still runs once.
   */
  handOver(http: object, result: ExecutionResult): void {
    this.handedOver.set(http, result);
  }

  /** An Apollo Server `gateway` that serves the schema and runs every operation here. */
  gateway(): GatewayInterface {
    const executor: GatewayExecutor = async ({ document, request, operation, context }) => {
      const given = request.http ? this.handedOver.get(request.http) : undefined;
      if (given) {
        this.handedOver.delete(request.http as object);
        return given;
      }
      return this.run({ document, operation, operationName: request.operationName, variables: request.variables, context });
    };
    const schema = this.schema;
    return {
      load: async () => ({ schema, executor }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: async () => undefined,
    };
  }

  private compiledFor(document: DocumentNode, operationName: string | undefined): Compiled {
    let byName = this.compiled.get(document);
    if (!byName) this.compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) byName.set(key, (query = compileQuery(this.schema, document, operationName)));
    return query;
  }
}

/** An Apollo Server `gateway` that serves `schema` and runs every operation compiled. */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  return new CompiledExecution(schema).gateway();
}
