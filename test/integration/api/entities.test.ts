/**
 * Entity lookups and lists over real HTTP against the seeded graph (the article's ALS/BFS facts).
 */
import { startApi, type Api } from '../../helpers/api-client';
import { ensureSeeded } from '../../helpers/seeded-graph';

jest.setTimeout(60_000);

interface Named {
  id: string;
  name: string;
}
interface EvidenceOut {
  quote: string;
  sourceId: string;
  source: { id: string; name: string; title?: string | null };
  knowledgeLevel: string;
  agentType: string;
}
interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T; evidence?: EvidenceOut[]; relatedCount?: number | null }[];
}

describe('entity lookups and lists', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi();
    await ensureSeeded(api.db);
  });

  afterAll(async () => {
    await api?.stop();
  });

  describe('a condition', () => {
    it('answers ALS with its names and cross-references', async () => {
      const { data, errors } = await api.query<{ condition: Named & { aliases: string[]; xrefs: string[]; kind: string } }>(
        '{ condition(id: "als") { id kind name aliases xrefs } }',
      );
      expect(errors).toBeUndefined();
      expect(data?.condition).toMatchObject({ id: 'als', kind: 'Condition', name: 'Amyotrophic lateral sclerosis' });
      expect(data?.condition.aliases).toEqual(expect.arrayContaining(['ALS', "Lou Gehrig's disease"]));
      expect(data?.condition.xrefs).toEqual(expect.arrayContaining(['MONDO:0004976', 'ORPHA:803']));
    });

    it('lists the ALS subtypes, each pointing back at ALS as its parent', async () => {
      const { data } = await api.query<{ condition: { subtypes: (Named & { parent: { id: string } | null })[]; parent: null } }>(
        '{ condition(id: "als") { parent { id } subtypes { id name parent { id } } } }',
      );
      expect(data?.condition.parent).toBeNull();
      expect(data?.condition.subtypes.map((s) => s.id).sort()).toEqual(['bulbar-onset-als', 'limb-onset-als']);
      expect(data?.condition.subtypes.every((s) => s.parent?.id === 'als')).toBe(true);
    });

    it("gives ALS's symptoms with the article's quotes and their sources", async () => {
      const { data, errors } = await api.query<{ condition: { symptomsConnection: Page<Named> } }>(
        `{ condition(id: "als") { symptomsConnection(first: 100) { totalCount edges { node { id name }
            evidence { quote sourceId knowledgeLevel agentType source { id name } } } } } }`,
      );
      expect(errors).toBeUndefined();
      const page = data?.condition.symptomsConnection;
      expect(page?.totalCount).toBe(page?.edges.length);
      const fasciculations = page?.edges.find((edge) => edge.node.id === 'fasciculations');
      expect(fasciculations?.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sourceId: 'article',
            knowledgeLevel: 'knowledge_assertion',
            source: expect.objectContaining({ id: 'article', name: expect.stringContaining('source article') }),
            quote: expect.stringContaining('two separate disorders that can cause these symptoms'),
          }),
          expect.objectContaining({ sourceId: 'article', quote: expect.stringContaining('twitching and cramping within your muscles') }),
        ]),
      );
      const weakness = page?.edges.find((edge) => edge.node.id === 'muscle-weakness');
      expect(weakness?.evidence?.[0]).toMatchObject({ sourceId: 'ref-5', quote: expect.stringContaining('deterioration of the muscles') });
      for (const edge of page?.edges ?? []) expect(edge.evidence?.length).toBeGreaterThan(0);
    });

    it('orders nested lists by name and caps them with first', async () => {
      const { data } = await api.query<{ condition: { symptoms: Named[]; two: Named[] } }>(
        '{ condition(id: "als") { symptoms { name } two: symptoms(first: 2) { name } } }',
      );
      const names = data?.condition.symptoms.map((s) => s.name) ?? [];
      expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect(data?.condition.two.map((s) => s.name)).toEqual(names.slice(0, 2));
    });

    it('pages a nested connection with cursors until the end', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let guard = 0; guard < 20; guard += 1) {
        const result: { data?: { condition: { symptomsConnection: Page<Named> } } | null } = await api.query(
          'query ($after: String) { condition(id: "als") { symptomsConnection(first: 5, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id name } } } } }',
          { after },
        );
        const page = result.data?.condition.symptomsConnection;
        if (!page) throw new Error('no page');
        total = page.totalCount;
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);
    });

    it('lists every source cited for ALS', async () => {
      const { data } = await api.query<{ condition: { sources: Named[] } }>('{ condition(id: "als") { sources { id name } } }');
      expect(data?.condition.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['article', 'ref-1', 'ref-5']));
    });

    it('answers null for an unknown id, and for an id of another kind', async () => {
      const { data, errors, status } = await api.query('{ condition(id: "no-such-thing") { id } other: condition(id: "fasciculations") { id } }');
      expect(status).toBe(200);
      expect(errors).toBeUndefined();
      expect(data).toEqual({ condition: null, other: null });
    });
  });

  describe('entity(id) through the interface', () => {
    it('resolves ALS as a Condition and reaches kind-specific fields with fragments', async () => {
      const { data, errors } = await api.query<{ entity: { __typename: string; kind: string; symptoms?: Named[]; name: string } }>(
        '{ entity(id: "als") { __typename kind name ... on Condition { symptoms(first: 3) { name } } ... on Symptom { conditions { name } } } }',
      );
      expect(errors).toBeUndefined();
      expect(data?.entity).toMatchObject({ __typename: 'Condition', kind: 'Condition', name: 'Amyotrophic lateral sclerosis' });
      expect(data?.entity.symptoms).toHaveLength(3);
    });

    it('resolves a symptom and its conditions (ALS and BFS share fasciculations)', async () => {
      const { data } = await api.query<{ entity: { __typename: string; conditions: Named[] } }>(
        '{ entity(id: "fasciculations") { __typename ... on Symptom { conditions { id } } } }',
      );
      expect(data?.entity.__typename).toBe('Symptom');
      expect(data?.entity.conditions.map((c) => c.id)).toEqual(expect.arrayContaining(['als', 'bfs']));
    });

    it('answers null for an unknown id', async () => {
      const { data } = await api.query('{ entity(id: "MONDO:0000000") { id } }');
      expect(data).toEqual({ entity: null });
    });

    it('reads a source with its publication fields', async () => {
      const { data } = await api.query<{ source: { id: string; title: string | null; kind: string } }>('{ source(id: "ref-5") { id kind title url } }');
      expect(data?.source).toMatchObject({ id: 'ref-5', kind: 'Source' });
    });
  });

  describe('lists with filter, order and pages', () => {
    it('filters by name or alias, case-insensitively, with a total count', async () => {
      const { data } = await api.query<{ conditions: Page<Named> }>('{ conditions(where: { nameContains: "bfs" }) { totalCount edges { node { id } } } }');
      expect(data?.conditions.edges.map((e) => e.node.id)).toEqual(['bfs']);
      expect(data?.conditions.totalCount).toBe(1);
    });

    it('filters by cross-reference, exactly or by prefix', async () => {
      const exact = await api.query<{ conditions: Page<Named> }>('{ conditions(where: { hasXref: "MONDO:0004976" }) { totalCount edges { node { id } } } }');
      expect(exact.data?.conditions.edges.map((e) => e.node.id)).toEqual(['als']);
      const prefix = await api.query<{ conditions: Page<Named> }>('{ conditions(where: { hasXref: "ORPHA:" }) { edges { node { id } } } }');
      expect(prefix.data?.conditions.edges.map((e) => e.node.id)).toContain('als');
    });

    it('lists what is related to ALS, with the evidence of each link', async () => {
      const { data } = await api.query<{ symptoms: Page<Named> }>(
        '{ symptoms(where: { relatedTo: "als" }, first: 100) { totalCount edges { node { id } evidence { sourceId quote } } } }',
      );
      const ids = data?.symptoms.edges.map((e) => e.node.id) ?? [];
      expect(ids).toContain('fasciculations');
      expect(data?.symptoms.totalCount).toBe(ids.length);
      expect(data?.symptoms.edges.every((e) => (e.evidence?.length ?? 0) > 0)).toBe(true);
    });

    it('answers an empty list for relatedTo an unknown id', async () => {
      const { data, errors } = await api.query<{ symptoms: Page<Named> }>('{ symptoms(where: { relatedTo: "nope" }) { totalCount edges { node { id } } } }');
      expect(errors).toBeUndefined();
      expect(data?.symptoms).toEqual({ totalCount: 0, edges: [] });
    });

    it('orders symptoms by how many conditions they appear in, showing the count', async () => {
      const { data } = await api.query<{ symptoms: Page<Named> }>(
        '{ symptoms(orderBy: { field: RELATED_COUNT, relatedKind: Condition, direction: DESC }, first: 100) { edges { relatedCount node { id } } } }',
      );
      const counts = data?.symptoms.edges.map((e) => e.relatedCount ?? -1) ?? [];
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const fasciculations = data?.symptoms.edges.find((e) => e.node.id === 'fasciculations');
      expect(fasciculations?.relatedCount).toBeGreaterThanOrEqual(2);
    });

    it('pages through all sources by name without overlap, the total staying the same', async () => {
      const all = await api.query<{ sources: Page<Named> }>('{ sources(first: 100) { totalCount edges { node { id } } } }');
      const expected = all.data?.sources.edges.map((e) => e.node.id) ?? [];
      expect(expected).toEqual(expect.arrayContaining(['article', 'ref-1', 'ref-7']));
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 20; guard += 1) {
        const result: { data?: { sources: Page<Named> } | null } = await api.query(
          'query ($after: String) { sources(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
          { after },
        );
        const page = result.data?.sources;
        if (!page) throw new Error('no page');
        expect(page.totalCount).toBe(all.data?.sources.totalCount);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    });

    it('pages in descending count order with cursors made for that order', async () => {
      const order = '{ field: RELATED_COUNT, relatedKind: Condition, direction: DESC }';
      const first = await api.query<{ symptoms: Page<Named> }>(`{ symptoms(orderBy: ${order}, first: 4) { pageInfo { endCursor } edges { node { id } } } }`);
      const all = await api.query<{ symptoms: Page<Named> }>(`{ symptoms(orderBy: ${order}, first: 8) { edges { node { id } } } }`);
      const next = await api.query<{ symptoms: Page<Named> }>(
        `query ($after: String) { symptoms(orderBy: ${order}, first: 4, after: $after) { edges { node { id } } } }`,
        { after: first.data?.symptoms.pageInfo.endCursor },
      );
      expect([...(first.data?.symptoms.edges ?? []), ...(next.data?.symptoms.edges ?? [])].map((e) => e.node.id)).toEqual(
        all.data?.symptoms.edges.map((e) => e.node.id),
      );
    });

    it('lists entities of several kinds at once', async () => {
      const { data } = await api.query<{ entities: Page<{ __typename: string; id: string }> }>(
        '{ entities(kinds: [Condition, Treatment], where: { nameContains: "a" }, first: 100) { totalCount edges { node { __typename id } } } }',
      );
      const kinds = new Set(data?.entities.edges.map((e) => e.node.__typename));
      expect([...kinds].sort()).toEqual(['Condition', 'Treatment']);
    });

    it('treats quotes, backslashes, Cypher and Lucene syntax in filters as plain text', async () => {
      for (const text of ["') MATCH (n) DETACH DELETE n //", 'a\\"b', 'name:ALS~ AND *', '\u0000\u0007', 'x'.repeat(200)]) {
        const { data, errors, status } = await api.query<{ conditions: Page<Named> }>('query ($t: String) { conditions(where: { nameContains: $t, hasXref: $t }) { totalCount } }', { t: text });
        expect({ status, errors, data }).toEqual({ status: 200, errors: undefined, data: { conditions: { totalCount: 0 } } });
      }
      const { data } = await api.query<{ condition: Named }>('{ condition(id: "als") { id } }');
      expect(data?.condition.id).toBe('als');
    });
  });

  describe('bad input', () => {
    it.each([
      ['first over the cap on a root list', '{ conditions(first: 101) { totalCount } }', 'first', /100/],
      ['a negative first', '{ symptoms(first: -1) { totalCount } }', 'first', /0 to 100/],
      ['first over the cap on a nested list', '{ condition(id: "als") { symptoms(first: 500) { id } } }', 'first', /100/],
      ['first over the cap on a nested connection', '{ condition(id: "als") { symptomsConnection(first: 1000) { totalCount } } }', 'first', /100/],
      ['a malformed cursor', '{ conditions(after: "bm90IGEgY3Vyc29y") { totalCount } }', 'after', /cursor/],
      ['a malformed nested cursor', '{ condition(id: "als") { symptomsConnection(after: "%%%") { totalCount } } }', 'after', /cursor/],
      ['a filter text over 200 characters', `{ conditions(where: { nameContains: "${'x'.repeat(201)}" }) { totalCount } }`, 'where', /201 characters long; the maximum is 200/],
      ['too many ids', `{ conditions(where: { ids: [${Array.from({ length: 101 }, (_, i) => `"c${i}"`).join(',')}] }) { totalCount } }`, 'where', /at most 100/],
    ])('rejects %s with a 400 BAD_USER_INPUT that says what to change', async (_what, query, argument, message) => {
      const { status, errors } = await api.query(query);
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors?.[0]?.message).toMatch(message);
    });

    it('rejects a cursor of another ordering', async () => {
      const byName = await api.query<{ symptoms: Page<Named> }>('{ symptoms(first: 2) { pageInfo { endCursor } } }');
      const { status, errors } = await api.query('query ($after: String) { symptoms(orderBy: { field: ID }, after: $after) { totalCount } }', {
        after: byName.data?.symptoms.pageInfo.endCursor,
      });
      expect(status).toBe(400);
      expect(errors?.[0]?.message).toMatch(/same `orderBy`/);
    });
  });
});
