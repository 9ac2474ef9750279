/**
 * Counts the API reads from relationship degrees (issue 19 part 2) must equal the counts of distinct
 * neighbours computed the slow, obvious way in Cypher here — on the seed plus a small graph made to
 * hold the cases degrees could get wrong: a condition that both HAS_SYMPTOM and CAUSES one symptom, a
 * trigger causing that symptom too, two conditions each the other's subtype, and a tie.
 */
import { KIND_NAMES, NEGATED_REL_TYPES, POSITIVE_REL_TYPES, REL_TYPES, type Kind } from '../../../src/domain/model';
import { loadGraph } from '../../../src/ingest/load';
import { startApi, type Api } from '../../helpers/api-client';
import { ensureSeeded } from '../../helpers/seeded-graph';

jest.setTimeout(120_000);

const OWNER = 'test-degrees';
const evidence = [{ source: 'article', quote: '', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: OWNER }] as const;
const node = (id: string, kind: Kind) => ({ id, kind, name: id, aliases: [], xrefs: [], owner: OWNER });
const edge = (subject: string, type: string, object: string) => ({ type, subject, object, owner: OWNER, evidence: [...evidence] });

type Row = { id: string; count: number };
interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { relatedCount: number | null; node: { id: string } }[];
}

describe('counts read from relationship degrees', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi();
    await ensureSeeded(api.db);
    await loadGraph(api.db, {
      nodes: [node('deg-c1', 'Condition'), node('deg-c2', 'Condition'), node('deg-c3', 'Condition'), node('deg-s1', 'Symptom'), node('deg-t1', 'Trigger')],
      edges: [
        edge('deg-c1', 'HAS_SYMPTOM', 'deg-s1'),
        edge('deg-c1', 'CAUSES', 'deg-s1'),
        edge('deg-t1', 'CAUSES', 'deg-s1'),
        edge('deg-c2', 'CAUSES', 'deg-s1'),
        edge('deg-c2', 'SUBCLASS_OF', 'deg-c3'),
        edge('deg-c3', 'SUBCLASS_OF', 'deg-c2'),
        edge('deg-c1', 'SUBCLASS_OF', 'deg-c3'),
      ],
    } as never);
  });

  afterAll(async () => {
    await api?.db.write((tx) => tx.run('MATCH (n:Entity {owner: $owner}) DETACH DELETE n', { owner: OWNER }));
    await api?.stop();
  });

  /** Every entity of `kinds` with its distinct neighbours of `related` kind, ordered as RELATED_COUNT DESC orders. */
  async function expected(kind: Kind | null, related: Kind | null): Promise<Row[]> {
    const rows = await api.db.read<Row>(
      `MATCH (n:${kind ?? 'Entity'})
       WITH n, size(COLLECT { MATCH (n)-[:${POSITIVE_REL_TYPES.join('|')}]-(o:${related ?? 'Entity'}) RETURN DISTINCT o }) AS count
       RETURN n.id AS id, count ORDER BY count DESC, id`,
    );
    return rows.map((row) => ({ id: row.id, count: Number(row.count) }));
  }

  async function answered(kind: Kind | null, related: Kind | null): Promise<Row[]> {
    const rows: Row[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const result: { data?: { entities: Page } | null; errors?: unknown } = await api.query(
        `query ($kinds: [EntityKind!], $related: EntityKind, $after: String) {
           entities(kinds: $kinds, orderBy: { field: RELATED_COUNT, relatedKind: $related, direction: DESC }, first: 100, after: $after) {
             pageInfo { hasNextPage endCursor } edges { relatedCount node { id } } } }`,
        { kinds: kind ? [kind] : null, related, after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data?.entities;
      if (!page) throw new Error('no page');
      rows.push(...page.edges.map((e) => ({ id: e.node.id, count: e.relatedCount ?? -1 })));
      if (!page.pageInfo.hasNextPage) return rows;
      after = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it('orders every kind by its distinct neighbours of every kind exactly as counting them one by one does, ties by id', async () => {
    let compared = 0;
    for (const kind of [null, ...KIND_NAMES]) {
      for (const related of [null, ...KIND_NAMES]) {
        const want = await expected(kind, related);
        expect({ kind, related, rows: await answered(kind, related) }).toEqual({ kind, related, rows: want });
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('counts a condition linked to a symptom by two relationship types once, and the trigger beside it', async () => {
    const rows = await answered('Symptom', 'Condition');
    expect(rows.find((row) => row.id === 'deg-s1')).toEqual({ id: 'deg-s1', count: 2 });
    expect((await answered('Symptom', null)).find((row) => row.id === 'deg-s1')).toEqual({ id: 'deg-s1', count: 3 });
    // deg-c2 and deg-c3 are each other's parent and child: one neighbour each way.
    const conditions = await answered('Condition', 'Condition');
    expect(conditions.filter((row) => row.id === 'deg-c2' || row.id === 'deg-c3')).toEqual([
      { id: 'deg-c3', count: 2 },
      { id: 'deg-c2', count: 1 },
    ]);
  });

  it('gives every connection total and statement total the number of relationships counted one by one', async () => {
    const result = await api.query<{ conditions: { edges: { node: Record<string, { totalCount: number } | string> }[] } }>(
      `{ conditions(first: 100) { edges { node { id
           symptomsConnection { totalCount } causesConnection { totalCount } subtypesConnection { totalCount }
           treatmentsConnection { totalCount } triggersConnection { totalCount }
           statements { totalCount } negative: statements(negated: true) { totalCount } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const rows = await api.db.read<{ id: string; counts: number[] }>(
      `MATCH (n:Condition) RETURN n.id AS id, [
         COUNT { (n)-[:HAS_SYMPTOM]->(:Entity) }, COUNT { (n)-[:CAUSES]->(:Entity) }, COUNT { (n)<-[:SUBCLASS_OF]-(:Entity) },
         COUNT { (n)<-[:TREATS]-(:Entity) }, COUNT { (n)-[:ASSOCIATED_WITH]->(:Entity) },
         COUNT { (n)-[:${REL_TYPES.join('|')}]-(:Entity) }, COUNT { (n)-[:${NEGATED_REL_TYPES.join('|')}]-(:Entity) }] AS counts`,
    );
    const want = Object.fromEntries(rows.map((row) => [row.id, row.counts.map(Number)]));
    const fields = ['symptomsConnection', 'causesConnection', 'subtypesConnection', 'treatmentsConnection', 'triggersConnection', 'statements', 'negative'];
    const got = Object.fromEntries(
      (result.data?.conditions.edges ?? []).map((e) => [e.node['id'], fields.map((field) => (e.node[field] as { totalCount: number }).totalCount)]),
    );
    expect(got).toEqual(want);
    // The comparison means something: some totals are large, and some negative statements exist.
    expect(Object.values(want).some((counts) => counts[5]! > 10 && counts[6]! > 0)).toBe(true);
  });
});
