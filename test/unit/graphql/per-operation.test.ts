import { ApolloServer } from '@apollo/server';
import { parse, type OperationDefinitionNode } from 'graphql';
import { costLimitPlugin } from '../../../src/graphql/cost';
import { fragmentsOf, perOperation } from '../../../src/graphql/document';

function operationOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  return { operation, fragments: fragmentsOf(document) };
}

describe('work kept per operation and the variables it reads', () => {
  const { operation, fragments } = operationOf(`
    query ($id: ID!, $n: Int, $withSymptoms: Boolean!) { condition(id: $id) { ...parts } }
    fragment parts on Condition { symptoms(first: $n) @include(if: $withSymptoms) { name } }`);

  it('computes once for every value of a variable it does not read, such as a root id', () => {
    const cache = new WeakMap<OperationDefinitionNode, Map<string, object>>();
    const compute = jest.fn(() => ({}));
    const first = perOperation(cache, operation, fragments, { id: 'als', n: 2, withSymptoms: true }, ['first'], compute);
    const second = perOperation(cache, operation, fragments, { id: 'bfs', n: 2, withSymptoms: true }, ['first'], compute);
    expect(second).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('computes again when a variable it reads changes: a named argument, or @skip/@include inside a fragment', () => {
    const cache = new WeakMap<OperationDefinitionNode, Map<string, object>>();
    const compute = jest.fn(() => ({}));
    for (const variables of [
      { id: 'als', n: 2, withSymptoms: true },
      { id: 'als', n: 3, withSymptoms: true },
      { id: 'als', n: 3, withSymptoms: false },
      { id: 'als', withSymptoms: false },
      { id: 'als', n: null, withSymptoms: false },
    ]) {
      perOperation(cache, operation, fragments, variables, ['first'], compute);
    }
    expect(compute).toHaveBeenCalledTimes(5);
  });

  it('reads only the arguments it is given: without `first` in the list, `$n` does not split the cache', () => {
    const cache = new WeakMap<OperationDefinitionNode, Map<string, object>>();
    const compute = jest.fn(() => ({}));
    perOperation(cache, operation, fragments, { id: 'als', n: 2, withSymptoms: true }, [], compute);
    perOperation(cache, operation, fragments, { id: 'als', n: 9, withSymptoms: true }, [], compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });
});

describe('the cost limit, kept per operation', () => {
  const server = new ApolloServer({
    typeDefs: 'type Query { items(first: Int = 10, tag: String): [Item] } type Item { a: Int b: Int }',
    plugins: [costLimitPlugin(1_000)],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const query = 'query ($n: Int, $tag: String) { items(first: $n, tag: $tag) { a b } }';
  const costError = async (variables: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables });
    return response.body.kind === 'single' ? response.body.singleResult.errors?.[0]?.message : 'incremental';
  };

  it('follows `first` given as a variable on every request of one query text', async () => {
    expect(await costError({ n: 5 })).toBeUndefined();
    expect(await costError({ n: 500 })).toMatch(/^Query cost 2500 exceeds the limit of 1000/);
    expect(await costError({ n: 5, tag: 'x' })).toBeUndefined();
    expect(await costError({ n: 500, tag: 'y' })).toMatch(/^Query cost 2500 exceeds/);
  });

  it('counts the default when `first` is left out or given no value', async () => {
    const over = new ApolloServer({ typeDefs: 'type Query { items(first: Int = 500, tag: String): [Item] } type Item { a: Int b: Int }', plugins: [costLimitPlugin(1_000)] });
    await over.start();
    try {
      for (const variables of [{}, { tag: 'x' }]) {
        const response = await over.executeOperation({ query, variables });
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        expect(errors?.[0]?.message).toMatch(/^Query cost 2500 exceeds the limit of 1000/);
      }
    } finally {
      await over.stop();
    }
  });
});
