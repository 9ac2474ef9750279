/**
 * Bad input to the traversal, search and stats fields, and hostile operations in general: every
 * rejection is a 4xx with a stable extensions.code, and no answer ever shows a stack trace, Cypher,
 * a Neo4j error code or an echo of a huge input.
 */
import type { GraphQLResult } from '../../helpers/api-client';
import { useSeededApi } from './seeded-api';

const api = useSeededApi();

/** Nothing a client sees may reveal internals. */
function expectNoLeak(result: GraphQLResult<unknown>, input?: string): void {
  const text = JSON.stringify({ data: result.data, errors: result.errors });
  expect(text).not.toMatch(/stacktrace|\bat [\w.<>]+ \(|\.ts:\d+|Neo\.(ClientError|TransientError|DatabaseError)|MATCH \(|CALL \(|UNWIND |db\.index|Neo4jError/);
  if (input && input.length > 200) expect(text).not.toContain(input.slice(0, 200));
  expect(text.length).toBeLessThan(5_000);
}

async function expectBadInput(query: string, variables: Record<string, unknown> | undefined, argument: string, message: RegExp): Promise<void> {
  const result = await api.query(query, variables);
  expect(result.status).toBe(400);
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(result.errors?.[0]?.extensions?.argument).toBe(argument);
  expect(result.errors?.[0]?.message).toMatch(message);
  expectNoLeak(result);
}

describe('id lists', () => {
  it.each([
    ['sharedSymptoms', `{ sharedSymptoms(conditionIds: []) { id } }`, 'conditionIds', /conditionIds is empty; give at least 1 id/],
    ['compareConditions (empty)', `{ compareConditions(conditionIds: []) { truncated } }`, 'conditionIds', /empty; give at least 2 ids/],
    ['compareConditions (one id)', `{ compareConditions(conditionIds: ["als", "als"]) { truncated } }`, 'conditionIds', /1 distinct id; give at least 2/],
    ['rankConditions', `{ rankConditions(symptomIds: []) { score } }`, 'symptomIds', /symptomIds is empty/],
  ])('an empty list: %s', async (_name, query, argument, message) => {
    await expectBadInput(query, undefined, argument, message);
  });

  it('an unknown id inside a list names the id and how to find the right one', async () => {
    await expectBadInput(
      `{ sharedSymptoms(conditionIds: ["als", "no-such-condition"]) { id } }`,
      undefined,
      'conditionIds',
      /no Condition has the id "no-such-condition".*search\(/,
    );
  });

  it('an id of the wrong kind is unknown as that kind', async () => {
    await expectBadInput(`{ rankConditions(symptomIds: ["fasciculations", "als"]) { score } }`, undefined, 'symptomIds', /no Symptom has the id "als"/);
  });

  it('an id of the wrong kind says which kind it is', async () => {
    await expectBadInput(`{ rankConditions(symptomIds: ["fasciculations", "als"]) { score } }`, undefined, 'symptomIds', /"als" is a Condition, not a Symptom/);
  });

  it('names up to five unknown ids, safely quoted, and counts the rest', async () => {
    await expectBadInput(`{ sharedSymptoms(conditionIds: ["als", "x\\u0000y"]) { id } }`, undefined, 'conditionIds', /no Condition has the id "x\?y"/);
    const many = JSON.stringify(Array.from({ length: 8 }, (_, i) => `m${i}`));
    await expectBadInput(`{ rankConditions(symptomIds: ${many}) { score } }`, undefined, 'symptomIds', /"m4" and 3 more/);
  });

  it('an HPO id on a graph without the HPO says how to load it and names the entity carrying it as an xref', async () => {
    const result = await api.query(`{ rankConditions(symptomIds: ["HP:0002380"]) { score } }`);
    expect(result.status).toBe(400);
    const [error] = result.errors ?? [];
    expect(error?.extensions?.argument).toBe('symptomIds');
    expect(error?.message).toContain('npm run import:hpo');
    expect(error?.message).toContain('"fasciculations" (Fasciculations) carries HP:0002380 as an xref: use the id "fasciculations"');
    expect(error?.extensions?.['suggestions']).toEqual([{ given: 'HP:0002380', id: 'fasciculations', name: 'Fasciculations', because: 'xref' }]);
  });

  it('a name where an id is expected suggests the id', async () => {
    const result = await api.query(`{ sharedSymptoms(conditionIds: ["als", "Benign fasciculation syndrome"]) { id } }`);
    expect(result.errors?.[0]?.message).toContain('"Benign fasciculation syndrome" is the name of "bfs": use its id "bfs"');
    const byAlias = await api.query(`{ neighborhood(id: "Fasciculations") { truncated } }`);
    expect(byAlias.status).toBe(400);
    expect(byAlias.errors?.[0]?.message).toContain('"Fasciculations" is the name of "fasciculations": use its id "fasciculations"');
    expect(byAlias.errors?.[0]?.extensions?.['suggestions']).toEqual([{ given: 'Fasciculations', id: 'fasciculations', name: 'Fasciculations', because: 'name' }]);
  });

  it('reports a bad argument of a traversal, a search and an entity list the same way: BAD_USER_INPUT, 400, the argument named', async () => {
    for (const [query, argument] of [
      ['{ neighborhood(id: "als", depth: 9) { truncated } }', 'depth'],
      ['{ search(text: "!!!") { entity { id } } }', 'text'],
      ['{ conditions(first: 1000) { totalCount } }', 'first'],
      ['{ condition(id: "als") { symptomsConnection(after: "nonsense") { totalCount } } }', 'after'],
    ] as const) {
      const result = await api.query(query);
      expect([query, result.status, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.extensions?.argument]).toEqual([query, 400, 'BAD_USER_INPUT', argument]);
    }
  });

  it('too many ids states the maximum', async () => {
    const ids = Array.from({ length: 11 }, (_, i) => `c${i}`);
    await expectBadInput(`query Q($ids: [ID!]!) { sharedSymptoms(conditionIds: $ids) { id } }`, { ids }, 'conditionIds', /11 ids; the maximum is 10/);
  });
});

describe('caps on depth, hops and sizes', () => {
  it.each([
    ['neighborhood depth', `{ neighborhood(id: "als", depth: 4) { truncated } }`, 'depth', /depth is 4; the maximum is 3/],
    ['neighborhood first', `{ neighborhood(id: "als", first: 201) { truncated } }`, 'first', /first is 201; the maximum is 200/],
    ['neighborhood depth 0', `{ neighborhood(id: "als", depth: 0) { truncated } }`, 'depth', /at least 1/],
    ['shortestPath maxHops', `{ shortestPath(fromId: "als", toId: "bfs", maxHops: 7) { length } }`, 'maxHops', /maxHops is 7; the maximum is 6/],
    ['rankConditions first', `{ rankConditions(symptomIds: ["fasciculations"], first: 51) { score } }`, 'first', /first is 51; the maximum is 50/],
    ['search first', `{ search(text: "als", first: 1000) { score } }`, 'first', /the maximum is 50/],
    ['neighborhood unknown id', `{ neighborhood(id: "nowhere") { truncated } }`, 'id', /no entity has the id "nowhere"/],
    ['shortestPath unknown id', `{ shortestPath(fromId: "als", toId: "nowhere") { length } }`, 'toId', /no entity has the id "nowhere"/],
  ])('%s', async (_name, query, argument, message) => {
    await expectBadInput(query, undefined, argument, message);
  });
});

describe('long Unicode strings in every string argument', () => {
  // ~0.99 MB of mixed BMP, astral and combining characters: the largest body the server accepts.
  const huge = 'Gehrig’s ÄLS 肌肉 🧠 a\u0301 '.repeat(40_000).slice(0, 320_000);
  it.each([
    ['entity id', 'query($s: ID!) { entity(id: $s) { id } }', 'id'],
    ['condition id', 'query($s: ID!) { condition(id: $s) { id } }', 'id'],
    ['where.nameContains', 'query($s: String) { entities(where: { nameContains: $s }) { totalCount } }', 'where'],
    ['where.hasXref', 'query($s: String) { symptoms(where: { hasXref: $s }) { totalCount } }', 'where'],
    ['where.relatedTo', 'query($s: ID) { entities(where: { relatedTo: $s }) { totalCount } }', 'where'],
    ['where.ids', 'query($s: ID!) { conditions(where: { ids: [$s] }) { totalCount } }', 'where'],
    ['search text', 'query($s: String!) { search(text: $s) { score } }', 'text'],
    ['neighborhood id', 'query($s: ID!) { neighborhood(id: $s) { truncated } }', 'id'],
    ['shortestPath fromId', 'query($s: ID!) { shortestPath(fromId: $s, toId: "als") { length } }', 'fromId'],
    ['rankConditions symptomIds', 'query($s: ID!) { rankConditions(symptomIds: [$s]) { score } }', 'symptomIds'],
    ['sharedSymptoms conditionIds', 'query($s: ID!) { sharedSymptoms(conditionIds: [$s, "als"]) { id } }', 'conditionIds'],
  ])('%s: refused with the maximum within a few hundred milliseconds, without echoing it', async (_name, query, argument) => {
    const started = performance.now();
    const result = await api.query(query, { s: huge });
    const elapsed = performance.now() - started;
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.argument).toBe(argument);
    expect(result.errors?.[0]?.message).toMatch(/200/);
    expectNoLeak(result, huge);
    expect(elapsed).toBeLessThan(1_000);
  });
});

describe('search text is only text', () => {
  const q = `query S($text: String!, $kinds: [EntityKind!]) { search(text: $text, kinds: $kinds) { entity { id } score } }`;

  it('100 KB of text is refused with the maximum, without echoing it', async () => {
    const text = 'fasciculation '.repeat(8_000);
    const result = await api.query(q, { text });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/the maximum is 200/);
    expectNoLeak(result, text);
  });

  it.each([
    ['Lucene syntax', 'name:als AND (bfs OR title:[a TO z]) ~2 ^3 *?'],
    ['Lucene operators only', 'AND OR NOT'],
    ['unbalanced quotes and brackets', '"als ( [ { bfs'],
    ['backslashes', 'als\\ \\"bfs\\\\'],
    ['Cypher', `'}) MATCH (n) DETACH DELETE n RETURN 1 //`],
    ['control characters', 'als\u0000\u0001\u0008\u001f\u007f\u0085bfs'],
    ['a lone CURIE colon', 'MONDO:'],
    ['unicode', 'Gehrig’s ´ ÄLS 肌肉 🧠'],
  ])('%s: 200 with hits or none, never an error', async (_name, text) => {
    const result = await api.query(q, { text });
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expectNoLeak(result);
  });

  it('text without a letter or digit says what to give', async () => {
    await expectBadInput(q, { text: '"\\*?:~ \u0000' }, 'text', /no letter or digit/);
  });

  it('an empty kinds list says to leave it out; an unknown kind is a variable error', async () => {
    await expectBadInput(q, { text: 'als', kinds: [] }, 'kinds', /kinds is empty/);
    const result = await api.query(q, { text: 'als', kinds: ['Label) DETACH DELETE n //'] });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expectNoLeak(result);
  });
});

describe('hostile operations', () => {
  it('a huge query is refused before execution with a stable code', async () => {
    const query = `{ ${Array.from({ length: 3_000 }, (_, i) => `a${i}: graphStats { nodeCount }`).join(' ')} }`;
    const result = await api.query(query);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(typeof result.errors?.[0]?.extensions?.code).toBe('string');
    expectNoLeak(result, query);
  });

  it('too many aliases of a traversal are refused', async () => {
    const query = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: graphStats { nodeCount }`).join(' ')} }`;
    const result = await api.query(query);
    expect(result.status).toBe(400);
    expect(typeof result.errors?.[0]?.extensions?.code).toBe('string');
    expectNoLeak(result);
  });

  it('a too deep selection under a traversal is refused', async () => {
    let inner = 'id';
    for (let i = 0; i < 12; i += 1) inner = `... on Condition { symptoms { conditions { ${inner} } } }`;
    const result = await api.query(`{ neighborhood(id: "als") { nodes { ${inner} } } }`);
    expect(result.status).toBe(400);
    expect(typeof result.errors?.[0]?.extensions?.code).toBe('string');
    expectNoLeak(result);
  });

  it('a wrongly typed argument is a 400 with a code', async () => {
    const result = await api.query(`{ neighborhood(id: "als", depth: "deep") { truncated } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoLeak(result);
  });

  it('a body over the limit is a 413 with a JSON error', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ graphStats { nodeCount } }', variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
