import path from 'node:path';
import type { EdgeRecord, GraphInput, NodeRecord } from '../../../src/domain/model';
import { frequencyClass } from '../../../src/domain/stats/facets';
import { importHpo } from '../../../src/hpo/import';
import { readGraph } from '../../../src/ingest/read-graph';
import { countFlights } from '../../helpers/count-flights';
import { silentLogger } from '../../helpers/seeded-graph';
import { useChangingApi } from './dashboard-api';

jest.setTimeout(180_000);

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'hpo');
const FACETS = `query ($kinds: [EntityKind!], $where: EntityWhere, $first: Int) {
  facets(kinds: $kinds, where: $where, top: 100, first: $first) {
    total statements evidence
    kinds { value count } relationshipTypes { value count } sources { value count }
    knowledgeLevels { value count } agentTypes { value count } evidenceCodes { value count }
    frequencies { value count } frequencyClasses { value count }
    degrees { min max count }
    entities { entity { id } degree symptoms evidence }
  }
}`;

type Counts = Array<{ value: string; count: number }>;
interface FacetsData {
  facets: {
    total: number;
    statements: number;
    evidence: number;
    kinds: Counts;
    relationshipTypes: Counts;
    sources: Counts;
    knowledgeLevels: Counts;
    agentTypes: Counts;
    evidenceCodes: Counts;
    frequencies: Counts;
    frequencyClasses: Counts;
    degrees: Array<{ min: number; max: number; count: number }>;
    entities: Array<{ entity: { id: string }; degree: number; symptoms: number; evidence: number }>;
  };
}

const api = useChangingApi();

/** value -> count, as a plain object (order-free comparison). */
function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}
const asObject = (counts: Counts) => Object.fromEntries(counts.map((c) => [c.value, c.count]));

/** Everything the facets should say about `selected`, computed here from the stored graph. */
function expected(graph: GraphInput, selected: NodeRecord[]) {
  const ids = new Set(selected.map((n) => n.id));
  const touching = (e: EdgeRecord) => ids.has(e.subject) || ids.has(e.object);
  const statements = graph.edges.filter((e) => e.type !== 'ABOUT' && touching(e));
  const evidence = statements.flatMap((e) => e.evidence);
  const degree = (id: string) => graph.edges.filter((e) => e.subject === id || e.object === id).length;
  const bucketOf = (d: number) => (d === 0 ? 0 : Math.floor(Math.log2(d)) + 1);
  const perEntity = selected.map((n) => ({
    id: n.id,
    degree: degree(n.id),
    symptoms: graph.edges.filter((e) => e.type === 'HAS_SYMPTOM' && (e.subject === n.id || e.object === n.id)).length,
    evidence: graph.edges.filter((e) => e.type !== 'ABOUT' && (e.subject === n.id || e.object === n.id)).reduce((sum, e) => sum + e.evidence.length, 0),
  }));
  perEntity.sort((a, b) => b.evidence - a.evidence || b.degree - a.degree || (a.id < b.id ? -1 : 1));
  return {
    total: selected.length,
    statements: statements.length,
    evidence: evidence.length,
    kinds: tally(selected.map((n) => n.kind)),
    relationshipTypes: tally(statements.map((e) => e.type)),
    sources: tally(evidence.map((e) => e.source)),
    knowledgeLevels: tally(evidence.map((e) => e.knowledgeLevel)),
    agentTypes: tally(evidence.map((e) => e.agentType)),
    evidenceCodes: tally(evidence.flatMap((e) => (e.code ? [e.code] : []))),
    frequencies: tally(evidence.flatMap((e) => (e.frequency ? [e.frequency] : []))),
    frequencyClasses: tally(evidence.flatMap((e) => (e.frequency ? [frequencyClass(e.frequency)] : []))),
    degrees: tally(selected.map((n) => String(bucketOf(degree(n.id))))),
    entities: perEntity,
  };
}

async function check(variables: Record<string, unknown>, selectedOf: (graph: GraphInput) => NodeRecord[]) {
  const graph = await readGraph(api().db);
  const want = expected(graph, selectedOf(graph));
  const { flights, result } = await countFlights<FacetsData>(api(), FACETS, { first: 10, ...variables });
  expect(result.errors).toBeUndefined();
  expect(flights).toBe(1);
  const got = result.data!.facets;
  expect(got.total).toBe(want.total);
  expect(got.statements).toBe(want.statements);
  expect(got.evidence).toBe(want.evidence);
  for (const facet of ['kinds', 'relationshipTypes', 'sources', 'knowledgeLevels', 'agentTypes', 'evidenceCodes', 'frequencies', 'frequencyClasses'] as const) {
    expect([facet, asObject(got[facet])]).toEqual([facet, want[facet]]);
  }
  const bucketIndex = (min: number) => (min === 0 ? 0 : Math.log2(min) + 1);
  expect(Object.fromEntries(got.degrees.map((d) => [String(bucketIndex(d.min)), d.count]))).toEqual(want.degrees);
  expect(got.entities.map((e) => ({ id: e.entity.id, degree: e.degree, symptoms: e.symptoms, evidence: e.evidence }))).toEqual(want.entities.slice(0, 10));
  return got;
}

describe('aggregates and facets', () => {
  it('counts every entity, statement and evidence item of the seed graph as the stored graph says, in one round trip', async () => {
    const got = await check({}, (graph) => graph.nodes);
    expect(got.knowledgeLevels.length).toBeGreaterThan(0);
    expect(got.entities).toHaveLength(10);
  });

  it('counts only the entities the lists\' where selects: conditions whose name contains "als"', async () => {
    await check({ kinds: ['Condition'], where: { nameContains: 'als' } }, (graph) =>
      graph.nodes.filter((n) => n.kind === 'Condition' && (n.name.toLowerCase().includes('als') || n.aliases.some((a) => a.toLowerCase().includes('als')))),
    );
  });

  it('counts the neighbours of BFS (where.relatedTo) the same way', async () => {
    await check({ where: { relatedTo: 'bfs' } }, (graph) => {
      const positive = graph.edges.filter((e) => !e.type.startsWith('NOT_') && (e.subject === 'bfs' || e.object === 'bfs'));
      const ids = new Set(positive.map((e) => (e.subject === 'bfs' ? e.object : e.subject)));
      return graph.nodes.filter((n) => ids.has(n.id));
    });
  });

  it('counts HPO evidence codes, frequencies and frequency classes after an HPO import', async () => {
    await importHpo(api().db, FIXTURE, silentLogger);
    const got = await check({}, (graph) => graph.nodes);
    expect(got.evidenceCodes.length).toBeGreaterThan(0);
    expect(got.frequencyClasses.length).toBeGreaterThan(0);
  });

  it('refuses a `top` over 100 with a message naming the maximum', async () => {
    const result = await api().query('{ facets(top: 101) { total } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/from 0 to 100/);
  });
});
