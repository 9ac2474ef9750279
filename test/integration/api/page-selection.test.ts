/**
 * A page fetches only what its selection shows (issue 19 part 3): items carry their sort key only when
 * a cursor is selected, and a connection asked only for totalCount comes as the count alone. The
 * answers must not depend on it: the same items, counts and order with or without cursors, and the
 * cursors, when asked for, page on exactly where the page stopped.
 */
import { startApi, type Api } from '../../helpers/api-client';
import { ensureSeeded } from '../../helpers/seeded-graph';

jest.setTimeout(120_000);

interface Edge {
  cursor?: string;
  relatedCount?: number | null;
  node: { id: string };
}
interface Page {
  totalCount?: number;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null; startCursor: string | null };
  edges: Edge[];
}

describe('pages fetched as their selection asks', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi();
    await ensureSeeded(api.db);
  });

  afterAll(async () => {
    await api.stop();
  });

  async function data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await api.query<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  const ids = (page: Page) => page.edges.map((edge) => edge.node.id);

  it.each([
    ['by name', '{ field: NAME, direction: ASC }'],
    ['by id, descending', '{ field: ID, direction: DESC }'],
    ['by related conditions', '{ field: RELATED_COUNT, direction: DESC, relatedKind: Condition }'],
  ])('gives a root list %s the same items and counts with or without cursors, and its cursors page on', async (_name, orderBy) => {
    const list = (selection: string, args = '') => `query($n: Int!) { symptoms(orderBy: ${orderBy}, first: $n${args}) { ${selection} } }`;
    const bare = (await data<{ symptoms: Page }>(list('edges { relatedCount node { id } }'), { n: 6 })).symptoms;
    const withCursors = (await data<{ symptoms: Page }>(list('pageInfo { hasNextPage endCursor } edges { cursor relatedCount node { id } }'), { n: 3 })).symptoms;
    expect(bare.edges).toHaveLength(6);
    expect(withCursors.edges.map(({ cursor: _cursor, ...edge }) => edge)).toEqual(bare.edges.slice(0, 3));
    expect(withCursors.edges.every((edge) => typeof edge.cursor === 'string' && edge.cursor.length > 0)).toBe(true);
    expect(withCursors.pageInfo).toEqual({ hasNextPage: true, endCursor: withCursors.edges[2]!.cursor });
    const next = (await data<{ symptoms: Page }>(list('edges { relatedCount node { id } }', ', after: $after').replace('query($n: Int!)', 'query($n: Int!, $after: String)'), { n: 3, after: withCursors.pageInfo!.endCursor })).symptoms;
    expect(next.edges).toEqual(bare.edges.slice(3, 6));
    if (orderBy.includes('RELATED_COUNT')) expect(bare.edges.every((edge) => typeof edge.relatedCount === 'number')).toBe(true);
    else expect(bare.edges.every((edge) => edge.relatedCount === null)).toBe(true);
  });

  it('gives a nested connection the same edges with or without cursors, its count alone when only that is asked, and cursors that page on', async () => {
    const query = `query($after: String) { condition(id: "als") {
      countOnly: symptomsConnection { totalCount }
      all: symptomsConnection(first: 100) { totalCount edges { node { id } } }
      firstTwo: symptomsConnection(first: 2) { pageInfo { startCursor endCursor hasNextPage } edges { cursor node { id } } }
      nextTwo: symptomsConnection(first: 2, after: $after) { edges { node { id } } }
    } }`;
    type Answer = { condition: Record<'countOnly' | 'all' | 'firstTwo' | 'nextTwo', Page> };
    const first = (await data<Answer>(query)).condition;
    const all = ids(first.all);
    expect(all.length).toBeGreaterThan(4);
    expect(first.countOnly).toEqual({ totalCount: all.length });
    expect(first.all.totalCount).toBe(all.length);
    expect(ids(first.firstTwo)).toEqual(all.slice(0, 2));
    expect(first.firstTwo.pageInfo).toEqual({ startCursor: first.firstTwo.edges[0]!.cursor, endCursor: first.firstTwo.edges[1]!.cursor, hasNextPage: true });
    const paged = (await data<Answer>(query, { after: first.firstTwo.pageInfo!.endCursor })).condition;
    expect(ids(paged.nextTwo)).toEqual(all.slice(2, 4));
  });

  it('answers an entity list asked only for its count, in the list and in each item, with the counts of the pages', async () => {
    const counted = await data<{ conditions: { totalCount: number; edges: { node: { id: string; symptomsConnection: { totalCount: number; edges?: unknown[] } } }[] } }>(
      `{ conditions(first: 100) { totalCount edges { node { id symptomsConnection { totalCount } } } } }`,
    );
    const paged = await data<{ conditions: { edges: { node: { id: string; symptomsConnection: Page } }[] } }>(
      `{ conditions(first: 100) { edges { node { id symptomsConnection(first: 100) { edges { node { id } } } } } } }`,
    );
    expect(counted.conditions.totalCount).toBe(counted.conditions.edges.length);
    const fromPages = Object.fromEntries(paged.conditions.edges.map((edge) => [edge.node.id, edge.node.symptomsConnection.edges.length]));
    const fromCounts = Object.fromEntries(counted.conditions.edges.map((edge) => [edge.node.id, edge.node.symptomsConnection.totalCount]));
    expect(fromCounts).toEqual(fromPages);
    expect(Object.values(fromCounts).some((count) => count > 2)).toBe(true);
  });
});
