/**
 * The lists' `where: {nameContains}` served by the text index on the derived `nameSearch`
 * (src/domain/model/name-search.ts): over HTTP on the real Neo4j, every answer is compared with what
 * the predicate it replaced answers when run directly in Cypher —
 * `toLower(n.name) CONTAINS $t OR any(a IN n.aliases WHERE toLower(a) CONTAINS $t)` — on the seed plus
 * awkward names loaded here, after curation changed names, and on a graph loaded before the
 * property existed. Every id made here starts with `nm-`.
 */
import neo4j from 'neo4j-driver';
import type { Database } from '../../../src/db';
import type { ChangePayload } from '../../../src/domain/curation/change.types';
import { listQuery, type ListQuery } from '../../../src/domain/entity/entity.query';
import { NAME_SEARCH_MAX_LENGTH, NAME_SEARCH_PROPERTY, type NodeRecord } from '../../../src/domain/model';
import { readRelease } from '../../../src/domain/releases';
import { ensureSchema, loadGraph } from '../../../src/ingest/load';
import { readGraph } from '../../../src/ingest/read-graph';
import type { GraphQLResult } from '../../helpers/api-client';
import { curate } from '../../helpers/curate';
import { neo4jTestEnv } from '../../helpers/neo4j-env';
import { withTestDatabase } from '../../helpers/seeded-graph';
import { useSeededApi } from './seeded-api';

jest.setTimeout(120_000);

const api = useSeededApi();
const OWNER = 'name-matching-test';

const condition = (id: string, name: string, aliases: string[] = []): NodeRecord => ({ id, kind: 'Condition', name, aliases, xrefs: [], owner: OWNER }) as NodeRecord;
/** A name long enough that the joined names exceed what the text index takes (the marker path). */
const LONG_ALIASES = Array.from({ length: 30 }, (_, i) => `${'Ŵ'.repeat(290)} long alias ${i}${i === 29 ? ' zebrafinch' : ''}`);

const AWKWARD: NodeRecord[] = [
  condition('nm-sjogren', 'Sjögren syndrome', ['Sicca complex', 'SJÖGREN–LARSSON overlap']),
  condition('nm-strasse', 'Straße fever', ['GROSSE Krankheit']),
  condition('nm-istanbul', 'İstanbul palsy'),
  condition('nm-sigma', 'ΣΊΣΥΦΟΣ syndrome', ['ΟΔΟΣ']),
  condition('nm-emoji', '😀 smile disorder'),
  condition('nm-split', 'Alpha condition', ['Beta form']),
  // Imported names may hold a line break (curated ones may not): the separator of nameSearch.
  condition('nm-newline', 'Gamma\nDelta variant', ['Epsilon\nform']),
  condition('nm-long', 'Longly named condition', LONG_ALIASES),
];

/** The predicate nameContains always meant, run directly in Cypher. */
async function byOldPredicate(label: string, text: string, db: Database = api.db): Promise<string[]> {
  const rows = await db.read<{ id: string }>(
    `MATCH (n:${label}) WHERE toLower(n.name) CONTAINS $t OR any(a IN n.aliases WHERE toLower(a) CONTAINS $t) RETURN n.id AS id`,
    { t: text.toLowerCase() },
  );
  return rows.map((row) => row.id).sort();
}

interface Listed {
  ids: string[];
  totalCount: number;
}

/** Every id the API lists for this filter (all pages), and its totalCount. */
async function listed(field: string, where: Record<string, unknown>, kinds?: string[]): Promise<Listed> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const args = `${kinds ? 'kinds: $kinds, ' : ''}where: $where, first: 100, after: $after`;
    type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
    const result: GraphQLResult<Record<string, Page>> = await api.query(`query ($where: EntityWhere, $after: String${kinds ? ', $kinds: [EntityKind!]' : ''}) { ${field}(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, {
        where,
        after,
        ...(kinds ? { kinds } : {}),
      });
    expect(result.errors).toBeUndefined();
    const page = result.data![field]!;
    totalCount = page.totalCount;
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { ids: ids.sort(), totalCount };
}

async function expectSameAsOldPredicate(text: string): Promise<string[]> {
  const expected = await byOldPredicate('Condition', text);
  const conditions = await listed('conditions', { nameContains: text });
  expect(conditions).toEqual({ ids: expected, totalCount: expected.length });
  const everything = await byOldPredicate('Entity', text);
  const entities = await listed('entities', { nameContains: text });
  expect(entities).toEqual({ ids: everything, totalCount: everything.length });
  return expected;
}

async function removeTestNodes(db: Database): Promise<void> {
  await db.write(async (tx) => {
    await tx.run("MATCH (n) WHERE (n:Entity OR n:Retired) AND n.id STARTS WITH 'nm-' DETACH DELETE n");
    await tx.run("MATCH (c:Change) WHERE any(id IN c.entityIds WHERE id STARTS WITH 'nm-') DELETE c");
  });
}

beforeAll(async () => {
  await removeTestNodes(api.db);
  await ensureSchema(api.db);
  await loadGraph(api.db, { nodes: AWKWARD, edges: [] });
});
afterAll(async () => {
  await withTestDatabase(removeTestNodes);
});

describe('nameContains answers what the name-or-alias predicate answers', () => {
  it('finds a condition by a part of its name', async () => {
    expect(await expectSameAsOldPredicate('sclerosis')).toContain('als');
  });

  it('finds a condition by an alias only, whose name does not hold the text', async () => {
    const found = await expectSameAsOldPredicate('Gehrig');
    expect(found).toContain('als');
    expect(await expectSameAsOldPredicate('sicca')).toEqual(['nm-sjogren']);
  });

  it('ignores the letter case of the text and of the names', async () => {
    for (const text of ['SjÖgReN', 'sjögren', 'SJÖGREN', 'BFS', 'bfs', 'Lou GEHRIG']) await expectSameAsOldPredicate(text);
    expect(await expectSameAsOldPredicate('SJÖGREN')).toEqual(['nm-sjogren']);
  });

  it('lower-cases non-ASCII letters as Neo4j toLower does (ß, İ, final sigma, emoji)', async () => {
    expect(await expectSameAsOldPredicate('ß')).toEqual(['nm-strasse']);
    expect(await expectSameAsOldPredicate('STRASSE')).toEqual([]); // toLower keeps ß: no folding to "ss", before or after
    expect(await expectSameAsOldPredicate('grosse')).toEqual(['nm-strasse']);
    expect(await expectSameAsOldPredicate('İstanbul')).toEqual(['nm-istanbul']);
    expect(await expectSameAsOldPredicate('σίσυφος')).toEqual(['nm-sigma']);
    for (const text of ['ΟΔΟΣ', 'οδος', 'ος', 'ς', 'σ', '😀', '😀 smile', '–larsson']) await expectSameAsOldPredicate(text);
  });

  it('does not match a text spanning the name and an alias, nor two aliases', async () => {
    expect(await expectSameAsOldPredicate('condition beta')).toEqual([]);
    expect(await expectSameAsOldPredicate('conditionbeta')).toEqual([]);
    expect(await expectSameAsOldPredicate('condition\nbeta')).toEqual([]);
    expect(await expectSameAsOldPredicate('complex\nsjögren')).toEqual([]);
  });

  it('matches a text holding a line break only inside one imported name or alias', async () => {
    expect(await expectSameAsOldPredicate('gamma\ndelta')).toEqual(['nm-newline']);
    expect(await expectSameAsOldPredicate('epsilon\nform')).toEqual(['nm-newline']);
    expect(await expectSameAsOldPredicate('variant\nepsilon')).toEqual([]);
    expect(await expectSameAsOldPredicate('\n')).toEqual(['nm-newline']);
  });

  it('answers short and blank-ish texts as the predicate does', async () => {
    for (const text of ['a', 'x', 'ö', 'Ŵ', ' ', '  ', '-', "'", 'ab']) await expectSameAsOldPredicate(text);
    // An empty text filters nothing, as before.
    const all = await api.db.read<{ n: number }>('MATCH (n:Condition) RETURN count(n) AS n');
    expect((await listed('conditions', { nameContains: '' })).totalCount).toBe(all[0]!.n);
  });

  it('finds a condition whose names are too long for the text index through the predicate', async () => {
    const [row] = await api.db.read<{ value: string; length: number }>(`MATCH (n:Entity {id: 'nm-long'}) RETURN n.${NAME_SEARCH_PROPERTY} AS value, size(toLower(n.name)) + reduce(s = 0, a IN n.aliases | s + 1 + size(a)) AS length`);
    expect(row!.length).toBeGreaterThan(NAME_SEARCH_MAX_LENGTH);
    expect(row!.value).toBe('\n');
    expect(await expectSameAsOldPredicate('zebrafinch')).toEqual(['nm-long']);
    expect(await expectSameAsOldPredicate('longly')).toEqual(['nm-long']);
    expect(await expectSameAsOldPredicate('ŵŵŵ long alias 29')).toEqual(['nm-long']);
  });

  it('combines with kinds, relatedTo, ids and hasXref as the predicate does', async () => {
    const symptomsOrConditions = [...(await byOldPredicate('Condition', 'mus')), ...(await byOldPredicate('Symptom', 'mus'))].sort();
    expect(await listed('entities', { nameContains: 'mus' }, ['Condition', 'Symptom'])).toEqual({ ids: symptomsOrConditions, totalCount: symptomsOrConditions.length });

    const related = await api.db.read<{ id: string }>(
      `MATCH (:Entity {id: 'als'})--(n:Symptom) WHERE toLower(n.name) CONTAINS $t OR any(a IN n.aliases WHERE toLower(a) CONTAINS $t) RETURN DISTINCT n.id AS id`,
      { t: 'mus' },
    );
    expect(related.length).toBeGreaterThan(0);
    expect((await listed('symptoms', { nameContains: 'MUS', relatedTo: 'als' })).ids).toEqual(related.map((r) => r.id).sort());

    expect((await listed('conditions', { nameContains: 'SYNDROME', ids: ['nm-sjogren', 'nm-strasse', 'nm-sigma', 'als'] })).ids).toEqual(['nm-sigma', 'nm-sjogren']);
    const withXref = await api.db.read<{ id: string }>(
      `MATCH (n:Condition) WHERE (toLower(n.name) CONTAINS 'a' OR any(a IN n.aliases WHERE toLower(a) CONTAINS 'a')) AND any(x IN n.xrefs WHERE x STARTS WITH 'MONDO:') RETURN n.id AS id`,
    );
    expect((await listed('conditions', { nameContains: 'A', hasXref: 'MONDO:' })).ids).toEqual(withXref.map((r) => r.id).sort());
  });

  it('reads the text index: the list statements of one kind and of every kind start with NodeIndexContainsScan', async () => {
    const env = neo4jTestEnv();
    const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.user, env.password));
    const plan = (query: ListQuery) => listQuery(query);
    const base: Omit<ListQuery, 'kinds'> = {
      filter: { nameContains: 'Sclerosis' },
      order: { field: 'NAME', direction: 'ASC', relatedKind: null },
      limit: 20,
      after: null,
      totalCount: true,
      page: true,
      node: { properties: ['name'], relations: [], evidence: null },
      evidence: null,
    };
    try {
      for (const kinds of [['Condition' as const], null]) {
        const { cypher, params } = plan({ ...base, kinds });
        const session = driver.session({ database: env.database });
        try {
          const summary = (await session.run(`EXPLAIN ${cypher}`, params)).summary;
          const operators: string[] = [];
          const walk = (step: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }) => {
            operators.push(`${step.operatorType.replace(/@.*/, '')} ${String(step.arguments.Details ?? '')}`);
            for (const child of step.children) walk(child as typeof step);
          };
          walk(summary.plan as unknown as Parameters<typeof walk>[0]);
          const scans = operators.filter((op) => op.startsWith('NodeIndexContainsScan'));
          expect(scans).toHaveLength(2); // the total count and the page
          for (const scan of scans) expect(scan).toContain(`TEXT INDEX n:Entity(${NAME_SEARCH_PROPERTY})`);
          expect(operators.some((op) => /^NodeByLabelScan|^AllNodesScan/.test(op))).toBe(false);
        } finally {
          await session.close();
        }
      }
    } finally {
      await driver.close();
    }
  });
});

describe('curation keeps the names the filter reads', () => {
  const CREATE = (id: string, name: string, aliases: string[]): ChangePayload =>
    ({ operation: 'CREATE_ENTITY', node: { id, kind: 'Condition', name, aliases, xrefs: [], owner: 'curation' } }) as ChangePayload;

  it('finds a created entity, then only its new names after an update of its name and aliases', async () => {
    await curate(api.db, CREATE('nm-frobnitz', 'Frobnitz palsy', ['Quuxian tremor']));
    expect(await expectSameAsOldPredicate('quuxian')).toEqual(['nm-frobnitz']);
    expect(await expectSameAsOldPredicate('FROBNITZ')).toEqual(['nm-frobnitz']);

    await curate(api.db, { operation: 'UPDATE_ENTITY', id: 'nm-frobnitz', version: 1, set: { name: 'Wibble palsy', aliases: ['Zorpian tremor'] } } as ChangePayload);
    expect(await expectSameAsOldPredicate('frobnitz')).toEqual([]);
    expect(await expectSameAsOldPredicate('quuxian')).toEqual([]);
    expect(await expectSameAsOldPredicate('wibble')).toEqual(['nm-frobnitz']);
    expect(await expectSameAsOldPredicate('ZORPIAN')).toEqual(['nm-frobnitz']);

    // An update of the description alone keeps the names found.
    await curate(api.db, { operation: 'UPDATE_ENTITY', id: 'nm-frobnitz', version: 2, set: { description: 'A made-up palsy.' } } as ChangePayload);
    expect(await expectSameAsOldPredicate('wibble')).toEqual(['nm-frobnitz']);
  });

  it('finds the kept entity by the merged one\'s names after a merge, and the merged one no more', async () => {
    await curate(api.db, CREATE('nm-keep', 'Blorft disease', []));
    await curate(api.db, CREATE('nm-gone', 'Snargle syndrome', ['Pfoo fever']));
    expect(await expectSameAsOldPredicate('snargle')).toEqual(['nm-gone']);

    await curate(api.db, { operation: 'MERGE_ENTITIES', keep: 'nm-keep', merge: 'nm-gone' } as ChangePayload);
    expect(await expectSameAsOldPredicate('snargle')).toEqual(['nm-keep']);
    expect(await expectSameAsOldPredicate('pfoo')).toEqual(['nm-keep']);
    expect(await expectSameAsOldPredicate('blorft')).toEqual(['nm-keep']);
    const [retired] = await api.db.read<{ keys: string[] }>("MATCH (r:Retired {id: 'nm-gone'}) RETURN keys(r) AS keys");
    expect(retired!.keys).not.toContain(NAME_SEARCH_PROPERTY);
  });

  it('keeps the derived property out of the change records (what the API answers as before and after) and the exports', async () => {
    const records = await api.db.read<{ before: string | null; after: string | null }>(
      "MATCH (c:Change) WHERE any(id IN c.entityIds WHERE id STARTS WITH 'nm-') RETURN c.before AS before, c.after AS after",
    );
    expect(records.length).toBeGreaterThanOrEqual(6);
    for (const record of records) {
      expect(record.before ?? '').not.toContain(NAME_SEARCH_PROPERTY);
      expect(record.after ?? '').not.toContain(NAME_SEARCH_PROPERTY);
    }
    const graph = await readGraph(api.db);
    expect(graph.nodes.length).toBeGreaterThan(0);
    expect(graph.nodes.some((node) => NAME_SEARCH_PROPERTY in node)).toBe(false);
  });
});

describe('a graph loaded before nameSearch existed', () => {
  it('gets the property on the next ensureSchema, so the filter answers as before', async () => {
    await api.db.write(async (tx) => {
      await tx.run(`MATCH (n:Entity) REMOVE n.${NAME_SEARCH_PROPERTY}`);
      // A stale value, as a write by an older server would leave it.
      await tx.run(`MATCH (n:Entity {id: 'nm-sjogren'}) SET n.${NAME_SEARCH_PROPERTY} = 'something else'`);
    });
    expect((await listed('conditions', { nameContains: 'sclerosis' })).ids).toEqual([]);

    const before = await readRelease(api.db);
    await ensureSchema(api.db);
    // Answers changed: a release says so (other processes' response caches are keyed on it); a second call changes nothing.
    expect(await readRelease(api.db)).toMatchObject({ number: before.number + 1, source: 'schema' });
    await ensureSchema(api.db);
    expect((await readRelease(api.db)).number).toBe(before.number + 1);
    const [missing] = await api.db.read<{ n: number }>(`MATCH (n:Entity) WHERE n.${NAME_SEARCH_PROPERTY} IS NULL RETURN count(n) AS n`);
    expect(missing!.n).toBe(0);
    for (const text of ['sclerosis', 'Gehrig', 'sjögren', 'sicca', 'zebrafinch', 'a']) await expectSameAsOldPredicate(text);
    expect(await expectSameAsOldPredicate('something')).toEqual([]);
  });
});
