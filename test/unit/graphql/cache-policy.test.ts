/**
 * The cache policy read from the document (src/graphql/cache-policy.ts) against Apollo's own
 * cache-control plugin, which finds it while the operation runs: on the project's schema, with every
 * field answered (a stand-in resolver), both give the same Cache-Control for every operation below.
 */
import { ApolloServer, type GraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { getNamedType, getNullableType, isAbstractType, isEnumType, isListType, isScalarType, type GraphQLFieldResolver, type GraphQLOutputType } from 'graphql';
import { cachePolicyPlugin } from '../../../src/graphql/cache-policy-plugin';
import { loadTypeDefs } from '../../../src/graphql/schema';

const DEFAULT_MAX_AGE = 60;

/** A value for any field: one item per list, the first possible type of an interface or union, plain scalars. */
const answerEverything: GraphQLFieldResolver<unknown, unknown> = (_source, _args, _context, info) => {
  const value = (type: GraphQLOutputType): unknown => {
    const nullable = getNullableType(type);
    if (isListType(nullable)) return [value(nullable.ofType)];
    const named = getNamedType(nullable);
    if (isAbstractType(named)) return { __typename: info.schema.getPossibleTypes(named)[0]?.name };
    if (isEnumType(named)) return named.getValues()[0]?.value;
    if (isScalarType(named)) return named.name === 'Int' || named.name === 'Float' ? 1 : named.name === 'Boolean' ? true : 'x';
    return {};
  };
  return value(info.returnType);
};

const servers = {
  apollo: new ApolloServer({ typeDefs: loadTypeDefs(), fieldResolver: answerEverything, plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: DEFAULT_MAX_AGE })] }),
  document: new ApolloServer({ typeDefs: loadTypeDefs(), fieldResolver: answerEverything, plugins: [ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin(DEFAULT_MAX_AGE)] }),
};

async function cacheControl(server: ApolloServer, request: GraphQLRequest): Promise<string | undefined> {
  const response = await server.executeOperation(request);
  return response.http.headers.get('cache-control');
}

beforeAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.start()));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.stop()));
});

describe('the cache policy read from the document', () => {
  const operations: Array<[string, GraphQLRequest]> = [
    ['a root object field', { query: '{ serverInfo { version } }' }],
    ['a root field with its own hint (meta, 5 s)', { query: '{ meta { dataVersion } }' }],
    ['a hinted field beside an unhinted one', { query: '{ serverInfo { version } meta { dataVersion } }' }],
    ['change records (maxAge 0)', { query: '{ changes { nodes { id } } }' }],
    ['the caller (maxAge 0, private)', { query: '{ viewer { __typename } }' }],
    ['an entity with its history of changes, nested', { query: '{ condition(id: "als") { id name history { id } } }' }],
    ['an interface with an inline fragment', { query: '{ entity(id: "als") { id ... on Condition { symptoms { id name } } } }' }],
    ['a named fragment', { query: 'query Q { condition(id: "als") { ...F } } fragment F on Condition { id history { id } }' }],
    ['a field left out by @skip', { query: 'query Q($s: Boolean!) { serverInfo { version } meta @skip(if: $s) { dataVersion } }', variables: { s: true } }],
    ['a field kept by @skip(if: false)', { query: 'query Q($s: Boolean!) { serverInfo { version } meta @skip(if: $s) { dataVersion } }', variables: { s: false } }],
    ['a field left out by @include', { query: '{ serverInfo { version } changes @include(if: false) { nodes { id } } }' }],
    ['only __typename', { query: '{ __typename }' }],
    ['introspection only', { query: '{ __schema { queryType { name } } }' }],
    ['a mutation', { query: 'mutation { __typename }' }],
  ];

  it.each(operations)('gives the same Cache-Control as Apollo’s plugin for %s', async (_name, request) => {
    const apollo = await cacheControl(servers.apollo, request);
    expect(apollo).toBeDefined();
    expect(await cacheControl(servers.document, request)).toBe(apollo);
  });

  it('counts a field the answer leaves out (under a null parent), so the answer is never kept longer than it allows', async () => {
    const request = { query: '{ condition(id: "none") { history { id } } }' };
    const nullCondition = new ApolloServer({
      typeDefs: loadTypeDefs(),
      fieldResolver: ((source, args, context, info) => (info.fieldName === 'condition' ? null : answerEverything(source, args, context, info))) as GraphQLFieldResolver<unknown, unknown>,
      plugins: [ApolloServerPluginCacheControlDisabled(), cachePolicyPlugin(DEFAULT_MAX_AGE)],
    });
    await nullCondition.start();
    try {
      expect(await cacheControl(nullCondition, request)).toBe('no-store');
    } finally {
      await nullCondition.stop();
    }
  });
});
