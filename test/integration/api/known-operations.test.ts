/**
 * The known-operations lane (src/http/known-operations.ts): a repeat of a query Apollo answered cleanly
 * is answered without Apollo's pipeline, with the same bytes, headers and round trips; anything it has
 * not seen answered, and every answer with errors, is Apollo's. The tests' servers run without the
 * response cache (test/helpers/api-client.ts), so the lane is on here and in every other API test.
 */
import { parsePrometheusText, sampleValue } from '../../helpers/prometheus';
import { tokenFor } from '../../helpers/tokens';
import { useSeededApi } from './seeded-api';

jest.setTimeout(60_000);

const api = useSeededApi();

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | null>;
  flights: number;
}

const COMPARED_HEADERS = ['content-type', 'cache-control', 'x-data-version', 'etag', 'content-length'];

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const before = api.db.flights;
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text,
    headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])),
    flights: api.db.flights - before,
  };
}

async function knownAnswers(): Promise<number> {
  const { samples } = parsePrometheusText(await (await fetch(`${api.url}/metrics`)).text());
  return sampleValue(samples, 'graphql_known_operation_answers_total') ?? 0;
}

/** Runs `send` and returns what it answered and how many answers the lane gave meanwhile. */
async function counting<T>(send: () => Promise<T>): Promise<{ answer: T; known: number }> {
  const before = await knownAnswers();
  const answer = await send();
  return { answer, known: (await knownAnswers()) - before };
}

const ENTITY = 'query Entity($id: ID!) { condition(id: $id) { id name symptoms(first: 5) { id name } } }';
const PAGE = 'query Page($first: Int, $withCount: Boolean!) { conditions(first: $first) { totalCount @include(if: $withCount) edges { node { id name } } } }';
const TWO_OPERATIONS = 'query One { meta { release } } query Two { graphStats { nodeCount } }';

describe('the known-operations lane', () => {
  it.each([
    ['a lookup with variables', { query: ENTITY, variables: { id: 'als' } }],
    ['a page whose @include changes its selection', { query: PAGE, variables: { first: 3, withCount: true } }],
    ['the second of two operations, chosen by name', { query: TWO_OPERATIONS, operationName: 'Two' }],
    ['a query without variables', { query: '{ __typename graphStats { nodeCount } }' }],
  ])('answers the repeat of %s with the bytes, headers and round trips of Apollo’s first answer', async (_name, body) => {
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(first.body).not.toContain('"errors"');
    const { answer: repeat, known } = await counting(() => post(body));
    expect(known).toBe(1);
    expect(repeat).toEqual(first);
  });

  it('answers other variables of a known document as Apollo does, @include and cache policy included', async () => {
    await post({ query: PAGE, variables: { first: 3, withCount: true } });
    const { answer, known } = await counting(() => post({ query: PAGE, variables: { first: 2, withCount: false } }));
    expect(known).toBe(1);
    const apollo = await post({ query: `${PAGE} `, variables: { first: 2, withCount: false } }); // another text: Apollo's
    expect(answer).toEqual({ ...apollo, flights: answer.flights });
    expect(answer.flights).toBe(apollo.flights);
    expect(JSON.parse(answer.body)).toEqual({ data: { conditions: { edges: expect.any(Array) } } });
  });

  it('learns each Accept value from Apollo: a new one is Apollo’s, its repeat the lane’s, with Apollo’s Content-Type', async () => {
    const body = { query: ENTITY, variables: { id: 'bfs' } };
    await post(body);
    for (const accept of ['application/json', '*/*']) {
      const { answer: first, known: before } = await counting(() => post(body, { accept }));
      const { answer: repeat, known: after } = await counting(() => post(body, { accept }));
      expect([before, after]).toEqual([0, 1]);
      expect(repeat).toEqual(first);
    }
  });

  it('leaves signed-in requests, extensions and GETs to Apollo', async () => {
    const body = { query: ENTITY, variables: { id: 'als' } };
    await post(body);
    await post(body);
    const token = await tokenFor('alice', ['curator']);
    const { known } = await counting(async () => {
      expect((await post(body, { authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await post({ ...body, extensions: {} })).status).toBe(200);
      const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent(ENTITY)}&variables=${encodeURIComponent('{"id":"als"}')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(get.status).toBe(200);
    });
    expect(known).toBe(0);
  });

  it('leaves a repeat over the cost limit to Apollo, which refuses it as it refuses a new document', async () => {
    const query = 'query Costly($first: Int) { conditions(first: $first) { edges { node { symptoms(first: 100) { conditions(first: 100) { symptoms(first: 100) { id } } } } } } }';
    expect((await post({ query, variables: { first: 1 } })).status).toBe(200);
    const { answer, known } = await counting(() => post({ query, variables: { first: 100 } }));
    expect(known).toBe(0);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/Query cost \d+ exceeds the limit/);
    expect(answer).toEqual(await post({ query: `${query} `, variables: { first: 100 } }));
  });

  it.each([
    ['a variable of the wrong type', { id: ['als'] }],
    ['an argument the resolver refuses', { id: '' }],
  ])('hands a known document’s errors from %s to Apollo, which answers them as for a new document, running it once', async (_name, variables) => {
    const query = 'query Refused($id: ID!) { condition(id: $id) { id name } }';
    expect((await post({ query, variables: { id: 'als' } })).status).toBe(200);
    const { answer, known } = await counting(() => post({ query, variables }));
    expect(known).toBe(0);
    expect(answer.body).toContain('"errors"');
    expect(answer).toEqual(await post({ query: `${query} `, variables }));
  });
});
