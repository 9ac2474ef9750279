import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { compiledExecution } from '../../../src/graphql/compiled-execution';

const schema = makeExecutableSchema({
  typeDefs: `type Query { hello(name: String!): String, refused: String, calls: Int }`,
  resolvers: {
    Query: {
      hello: (_: unknown, args: { name: string }) => `hello ${args.name}`,
      refused: () => {
        throw new GraphQLError('`first` must be 100 or less.', { extensions: { code: 'BAD_USER_INPUT' } });
      },
    },
  },
});

async function executorOf(): Promise<GatewayExecutor> {
  const { executor } = await compiledExecution(schema).load({ apollo: { graphRef: 'condition-graph@test' } } as never);
  if (!executor) throw new Error('compiledExecution must give an executor');
  return executor;
}

function request(document: DocumentNode, variables: Record<string, unknown> = {}): GatewayGraphQLRequestContext {
  return { document, request: { variables }, context: {} } as unknown as GatewayGraphQLRequestContext;
}

describe('compiled execution (graphql-jit behind Apollo’s executor hook)', () => {
  it('answers a document with its variables, the same document again with others', async () => {
    const execute = await executorOf();
    const document = parse('query ($n: String!) { hello(name: $n) }');
    expect(await execute(request(document, { n: 'ALS' }))).toEqual({ data: { hello: 'hello ALS' } });
    expect(await execute(request(document, { n: 'BFS' }))).toEqual({ data: { hello: 'hello BFS' } });
  });

  it('refuses bad variables with graphql-js’s own messages, before running anything', async () => {
    const execute = await executorOf();
    const result = await execute(request(parse('query ($n: String!) { hello(name: $n) }'), { n: 3 }));
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => error.message)).toEqual(['Variable "$n" got invalid value 3; String cannot represent a non string value: 3']);
  });

  it('gives a resolver’s error as graphql-js’s GraphQLError: its code, path and location kept, its message writable for plugins', async () => {
    const execute = await executorOf();
    const result = await execute(request(parse('{ refused }')));
    const [error] = result.errors ?? [];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(Object.getPrototypeOf(error)).toBe(GraphQLError.prototype);
    expect(error?.message).toBe('`first` must be 100 or less.');
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(error?.path).toEqual(['refused']);
    expect(error?.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error?.originalError).toBeInstanceOf(GraphQLError);
    // GraphQL Armor masks suggestions by assigning a new message.
    expect(() => Object.assign(error as GraphQLError, { message: 'masked' })).not.toThrow();
  });
});
