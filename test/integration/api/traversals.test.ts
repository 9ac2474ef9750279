/**
 * The traversal, search and stats fields over real HTTP against the seeded article graph: real
 * answers from the article, and the Bolt round trips each operation costs (counted by the Database).
 */
import { countFlights, describeRoundTrips, type FlightBudget } from '../../helpers/count-flights';
import { useSeededApi } from './seeded-api';

const api = useSeededApi();

/** Runs an operation and returns its answer and the round trips it cost; fails on any error. */
async function run<T>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; flights: number }> {
  const { flights, result } = await countFlights<T>(api, query, variables);
  expect(result.errors).toBeUndefined();
  expect(result.status).toBe(200);
  return { data: result.data as T, flights };
}

const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | null | undefined)?.[key], value);

/** The example operation of each traversal field, with the round trips it may cost. */
const TRAVERSAL_OPERATIONS: readonly FlightBudget[] = [
  {
    name: 'sharedSymptoms of ALS and BFS with each condition’s evidence and its source',
    query: `{ sharedSymptomsWithEvidence(conditionIds: ["als", "bfs"]) { symptom { name } links { condition { name } evidence { quote source { name } } } } }`,
    maxFlights: 1,
    why: 'one statement: conditions, their symptoms, evidence and the cited Sources',
    check: (data) => expect(at(data, 'sharedSymptomsWithEvidence', 0, 'symptom', 'name')).toBe('Fasciculations'),
  },
  {
    name: 'sharedSymptoms with each symptom’s nested conditions and body regions',
    query: `{ sharedSymptoms(conditionIds: ["als", "bfs"]) { name conditions { name } bodyRegions { name } } }`,
    maxFlights: 1,
    why: 'the nested selection is compiled into the same statement (projection compiler)',
    check: (data) => expect((at(data, 'sharedSymptoms', 0, 'conditions') as unknown[]).length).toBeGreaterThanOrEqual(2),
  },
  {
    name: 'compareConditions ALS vs BFS, every section with evidence',
    query: `{ compareConditions(conditionIds: ["als", "bfs"]) { similarity { value explanation }
      shared { symptoms { ...I } facts { ...I } } distinct { condition { name } distinct { symptoms { ...I } triggers { ...I } negatives { ...I } } } } }
      fragment I on ComparedItem { entity { name } links { relation evidence { quote source { name } } } }`,
    maxFlights: 1,
    why: 'one statement per comparison, sources included',
  },
  {
    name: 'rankConditions (differential) with matches and evidence',
    query: `{ rankConditions(symptomIds: ["fasciculations", "muscle-tingling", "numbness"]) { condition { name } score explanation
      matched { name } unmatched { name } matches { symptom { name } informationContent evidence { quote source { name } } } } }`,
    maxFlights: 1,
    why: 'one statement from the asked symptoms, sources included',
    check: (data) => expect(at(data, 'rankConditions', 0, 'condition', 'name')).toBe('Benign fasciculation syndrome'),
  },
  {
    name: 'neighborhood of ALS, depth 2, edges with evidence',
    query: `{ neighborhood(id: "als", depth: 2, first: 100) { truncated nodes { id kind name } edges { id type negated sourceId targetId evidence { quote source { name } } } } }`,
    maxFlights: 1,
    why: 'one level-unrolled statement, sources included',
  },
  {
    name: 'neighborhood nodes with a nested relationship field',
    query: `{ neighborhood(id: "bfs") { nodes { id ... on Condition { symptoms { name } } ... on Symptom { conditions { name } } } } }`,
    maxFlights: 3,
    why: '1 statement + 1 DataLoader batch per distinct nested relationship field (Condition.symptoms, Symptom.conditions)',
  },
  {
    name: 'shortestPath ALS → BFS with edge evidence',
    query: `{ shortestPath(fromId: "als", toId: "bfs") { length nodes { name } edges { type direction sourceId targetId evidence { quote source { name } } } } }`,
    maxFlights: 1,
    why: 'one statement',
    check: (data) => expect(at(data, 'shortestPath', 'length')).toBe(2),
  },
  {
    name: 'search by alias',
    query: `{ search(text: "Lou Gehrig", first: 5) { score matchedText entity { id name } } }`,
    maxFlights: 1,
    why: 'one full-text statement',
    check: (data) => expect(at(data, 'search', 0, 'entity', 'id')).toBe('als'),
  },
  {
    name: 'graphStats, everything',
    query: `{ graphStats { nodeCount relationshipCount kinds { kind count } relationshipTypes { type count }
      mostConnected { entity { name } degree } sources { source { name } statements facts } } }`,
    maxFlights: 1,
    why: 'one statement of count-store lookups and bounded scans',
  },
];

describeRoundTrips('traversal example operations', TRAVERSAL_OPERATIONS, () => api);

interface Ref {
  id: string;
  name: string;
}
interface Ev {
  quote: string;
  source: { id: string; name: string };
}

describe('sharedSymptoms: which symptoms do ALS and BFS share, and who says so?', () => {
  it('answers fasciculations, in one round trip', async () => {
    const { data, flights } = await run<{ sharedSymptoms: Ref[] }>(`{ sharedSymptoms(conditionIds: ["als", "bfs"]) { id name } }`);
    expect(data.sharedSymptoms).toEqual([{ id: 'fasciculations', name: 'Fasciculations' }]);
    expect(flights).toBe(1);
  });

  it('gives each condition’s evidence with its source, in one round trip', async () => {
    const { data, flights } = await run<{
      sharedSymptomsWithEvidence: { symptom: Ref; links: { condition: Ref; via: Ref; relation: string; evidence: Ev[] }[] }[];
    }>(`{
      sharedSymptomsWithEvidence(conditionIds: ["als", "bfs"]) {
        symptom { id name }
        links { condition { id name } via { id } relation evidence { quote source { id name } } }
      }
    }`);
    const [shared] = data.sharedSymptomsWithEvidence;
    expect(shared?.symptom.id).toBe('fasciculations');
    const byCondition = new Map(shared?.links.map((l) => [l.condition.id, l]));
    expect([...byCondition.keys()]).toEqual(['als', 'bfs']);
    const bfs = byCondition.get('bfs');
    expect(bfs?.relation).toBe('HAS_SYMPTOM');
    expect(bfs?.evidence.map((e) => e.source.id)).toContain('ref-4');
    expect(bfs?.evidence.find((e) => e.source.id === 'ref-4')?.quote).toMatch(/constant muscle tingling, numbness, or twitching/);
    expect(bfs?.evidence.find((e) => e.source.id === 'ref-4')?.source.name).toMatch(/Benign Fasciculation Syndrome/i);
    expect(byCondition.get('als')?.evidence.map((e) => e.source.id)).toContain('article');
    expect(flights).toBe(1);
  });

  it('counts a subtype’s symptoms for its parent only with includeSubtypes', async () => {
    const without = await run<{ sharedSymptoms: Ref[] }>(`{ sharedSymptoms(conditionIds: ["bulbar-onset-als", "limb-onset-als"]) { id } }`);
    expect(without.data.sharedSymptoms).toEqual([]);
    const own = await run<{ sharedSymptoms: Ref[] }>(`{ sharedSymptoms(conditionIds: ["als", "bulbar-onset-als"]) { id } }`);
    expect(own.data.sharedSymptoms.map((s) => s.id)).toEqual(['dysarthria', 'dysphagia']);
    const withSubtypes = await run<{ sharedSymptomsWithEvidence: { symptom: Ref; links: { condition: Ref; via: Ref }[] }[] }>(
      `{ sharedSymptomsWithEvidence(conditionIds: ["als", "bulbar-onset-als"], includeSubtypes: true) { symptom { id } links { condition { id } via { id } } } }`,
    );
    const dysarthria = withSubtypes.data.sharedSymptomsWithEvidence.find((s) => s.symptom.id === 'dysarthria');
    // ALS now reaches dysarthria both directly and through its subtype bulbar-onset ALS.
    expect(dysarthria?.links.filter((l) => l.condition.id === 'als').map((l) => l.via.id).sort()).toEqual(['als', 'bulbar-onset-als']);
  });
});

describe('compareConditions', () => {
  it('splits shared and distinguishing items, each with evidence, and a Jaccard figure', async () => {
    const { data, flights } = await run<{
      compareConditions: {
        conditions: Ref[];
        similarity: { value: number; method: string; sharedCount: number; unionCount: number };
        shared: Record<string, { entity: Ref; links: { condition: Ref; relation: string; evidence: Ev[] }[] }[]>;
        distinct: { condition: Ref; distinct: Record<string, { entity: Ref; links: { relation: string; evidence: Ev[] }[] }[]> }[];
        truncated: boolean;
      };
    }>(`{
      compareConditions(conditionIds: ["als", "bfs"]) {
        conditions { id name }
        similarity { value method sharedCount unionCount }
        shared { symptoms { ...I } facts { ...I } diagnosticSteps { ...I } }
        distinct { condition { id name } distinct { triggers { ...I } negatives { ...I } treatments { ...I } } }
        truncated
      }
    }
    fragment I on ComparedItem { entity { id name } links { condition { id name } relation evidence { quote source { id name } } } }`);
    const c = data.compareConditions;
    expect(c.conditions.map((x) => x.id)).toEqual(['als', 'bfs']);
    expect(c.shared.symptoms?.map((i) => i.entity.id)).toEqual(['fasciculations']);
    expect(c.shared.facts?.map((i) => i.entity.id)).toContain('no-known-cure');
    expect(c.similarity.method).toBe('JACCARD_SYMPTOMS');
    expect(c.similarity.sharedCount).toBe(1);
    expect(c.similarity.value).toBeCloseTo(1 / c.similarity.unionCount, 10);
    const bfs = c.distinct.find((p) => p.condition.id === 'bfs');
    expect(bfs?.distinct.triggers?.map((i) => i.entity.id)).toEqual(expect.arrayContaining(['caffeine-consumption', 'stress']));
    const damage = bfs?.distinct.negatives?.find((i) => i.entity.id === 'muscle-damage');
    expect(damage?.links[0]?.relation).toBe('NOT_CAUSES');
    expect(damage?.links[0]?.evidence[0]?.quote).toMatch(/does not cause any damage to the muscles or nerves/);
    const als = c.distinct.find((p) => p.condition.id === 'als');
    expect(als?.distinct.treatments?.length).toBeGreaterThan(0);
    expect(c.truncated).toBe(false);
    expect(flights).toBe(1);
  });
});

describe('rankConditions: a differential', () => {
  it('ranks BFS first for tingling, numbness and twitching, with an explained score', async () => {
    const { data, flights } = await run<{
      rankConditions: {
        condition: Ref;
        score: number;
        matched: Ref[];
        unmatched: Ref[];
        explanation: string;
        matches: { symptom: Ref; informationContent: number; evidence: Ev[] }[];
      }[];
    }>(`{
      rankConditions(symptomIds: ["muscle-tingling", "numbness", "fasciculations"], first: 5) {
        condition { id name } score explanation
        matched { id } unmatched { id }
        matches { symptom { id } informationContent evidence { quote source { id name } } }
      }
    }`);
    const [top, second] = data.rankConditions;
    expect(top?.condition.id).toBe('bfs');
    expect(top?.score).toBeCloseTo(1, 10);
    expect(top?.matched.map((s) => s.id)).toEqual(['muscle-tingling', 'numbness', 'fasciculations']);
    expect(top?.matches.every((m) => m.evidence.length > 0)).toBe(true);
    expect(second?.condition.id).toBe('als');
    expect(second?.unmatched.map((s) => s.id)).toEqual(['muscle-tingling', 'numbness']);
    expect(second?.score).toBeGreaterThan(0);
    expect(second?.score).toBeLessThan(top?.score ?? 0);
    expect(second?.explanation).toMatch(/Matches 1 of 3 symptoms/);
    expect(flights).toBe(1);
  });

  it('ranks ALS first for slurred speech, swallowing problems and twitching', async () => {
    const { data } = await run<{ rankConditions: { condition: Ref; score: number }[] }>(
      `{ rankConditions(symptomIds: ["slurred-speech", "dysphagia", "fasciculations"]) { condition { id } score } }`,
    );
    expect(data.rankConditions.map((m) => m.condition.id)[0]).toBe('als');
    const scores = data.rankConditions.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('shortestPath and neighborhood', () => {
  it('finds ALS -> fasciculations <- BFS, edges with direction and evidence', async () => {
    const { data, flights } = await run<{
      shortestPath: { length: number; nodes: Ref[]; edges: { type: string; sourceId: string; targetId: string; direction: string; evidence: Ev[] }[] } | null;
    }>(`{ shortestPath(fromId: "als", toId: "bfs") { length nodes { id name } edges { type sourceId targetId direction evidence { quote source { id } } } } }`);
    const path = data.shortestPath;
    expect(path?.length).toBe(2);
    expect(path?.nodes.map((n) => n.id)).toEqual(['als', 'fasciculations', 'bfs']);
    expect(path?.edges.map((e) => [e.sourceId, e.type, e.targetId, e.direction])).toEqual([
      ['als', 'HAS_SYMPTOM', 'fasciculations', 'FORWARD'],
      ['bfs', 'HAS_SYMPTOM', 'fasciculations', 'BACKWARD'],
    ]);
    expect(path?.edges.every((e) => e.evidence.length > 0)).toBe(true);
    expect(flights).toBe(1);
  });

  it('is null beyond maxHops and for a Source (sources are not linked by relationships)', async () => {
    const short = await run<{ shortestPath: unknown }>(`{ shortestPath(fromId: "als", toId: "bfs", maxHops: 1) { length } }`);
    expect(short.data.shortestPath).toBeNull();
    const source = await run<{ shortestPath: unknown }>(`{ shortestPath(fromId: "als", toId: "ref-1") { length } }`);
    expect(source.data.shortestPath).toBeNull();
  });

  it('draws BFS’s neighbourhood without negative edges unless asked, within the caps', async () => {
    const query = `query N($neg: Boolean, $first: Int) {
      neighborhood(id: "bfs", depth: 1, first: $first, includeNegated: $neg) {
        center { id } truncated nodes { id kind name } edges { id type negated sourceId targetId evidence { source { id } } }
      }
    }`;
    type N = { neighborhood: { center: Ref; truncated: boolean; nodes: Ref[]; edges: { type: string; negated: boolean; sourceId: string; targetId: string; evidence: unknown[] }[] } };
    const plain = await run<N>(query, { neg: false, first: 200 });
    const n = plain.data.neighborhood;
    expect(n.center.id).toBe('bfs');
    expect(n.nodes[0]?.id).toBe('bfs');
    expect(n.nodes.map((x) => x.id)).toEqual(expect.arrayContaining(['fasciculations', 'numbness', 'caffeine-consumption', 'massage']));
    expect(n.edges.some((e) => e.negated)).toBe(false);
    const ids = new Set(n.nodes.map((x) => x.id));
    expect(n.edges.every((e) => ids.has(e.sourceId) && ids.has(e.targetId) && e.evidence.length > 0)).toBe(true);
    expect(n.truncated).toBe(false);
    expect(plain.flights).toBe(1);

    const negated = await run<N>(query, { neg: true, first: 200 });
    expect(negated.data.neighborhood.edges.find((e) => e.type === 'NOT_CAUSES' && e.targetId === 'muscle-damage')?.negated).toBe(true);

    const capped = await run<N>(query, { neg: false, first: 5 });
    expect(capped.data.neighborhood.nodes).toHaveLength(5);
    expect(capped.data.neighborhood.truncated).toBe(true);
  });

  it('expands depth 2 in one statement, nested entity fields batched per level', async () => {
    const { data, flights } = await run<{ neighborhood: { nodes: { id: string; kind: string }[] } }>(
      `{ neighborhood(id: "als", depth: 2, first: 100) { nodes { id kind ... on Condition { symptoms { id } } } } }`,
    );
    expect(data.neighborhood.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['als', 'fasciculations', 'bfs']));
    // 1 for the neighbourhood + 1 for Condition.symptoms of every condition in it (one DataLoader batch).
    expect(flights).toBe(2);
  });
});

describe('search', () => {
  type S = { search: { entity: { id: string; kind: string }; score: number; matchedText: string[] }[] };
  const q = `query S($text: String!, $kinds: [EntityKind!], $first: Int) { search(text: $text, kinds: $kinds, first: $first) { entity { id kind } score matchedText } }`;

  it('finds ALS by an alias and by its MONDO CURIE', async () => {
    const alias = await run<S>(q, { text: 'Lou Gehrig' });
    expect(alias.data.search[0]?.entity.id).toBe('als');
    expect(alias.data.search[0]?.matchedText).toContain("Lou Gehrig's disease");
    expect(alias.flights).toBe(1);
    const curie = await run<S>(q, { text: 'MONDO:0004976' });
    expect(curie.data.search.map((h) => h.entity.id)).toEqual(['als']);
    const abbreviation = await run<S>(q, { text: 'ALS' });
    expect(abbreviation.data.search[0]?.entity.id).toBe('als');
    const scores = abbreviation.data.search.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('filters by kind and caps by first', async () => {
    const { data } = await run<S>(q, { text: 'twitching', kinds: ['Symptom'], first: 3 });
    expect(data.search.length).toBeGreaterThan(0);
    expect(data.search.length).toBeLessThanOrEqual(3);
    expect(data.search.every((h) => h.entity.kind === 'Symptom')).toBe(true);
  });

  it.each([
    ['Lucene syntax', 'title:(als AND bfs~) OR * "x'],
    ['Cypher', '") MATCH (n) DETACH DELETE n //'],
    ['quotes and backslashes', `O'Brien "ALS\\" \\x`],
    ['control characters around a word', '\u0000\u0007ALS\u001b\u007f'],
    ['a CURIE with a dot', 'ICD10CM:G12.21'],
  ])('treats %s as text', async (_what, text) => {
    const { data } = await run<S>(q, { text });
    expect(Array.isArray(data.search)).toBe(true);
  });
});

describe('graphStats', () => {
  it('counts kinds and relationship types, lists hubs and sources, in one round trip', async () => {
    const { data, flights } = await run<{
      graphStats: {
        nodeCount: number;
        relationshipCount: number;
        kinds: { kind: string; count: number }[];
        relationshipTypes: { type: string; negated: boolean; count: number }[];
        mostConnected: { entity: Ref; degree: number }[];
        mostConnectedExact: boolean;
        sources: { source: Ref; statements: number; facts: number; relationships: number }[];
        sourcesExact: boolean;
      };
    }>(`{ graphStats {
      nodeCount relationshipCount kinds { kind count } relationshipTypes { type negated count }
      mostConnected { entity { id name } degree } mostConnectedExact
      sources { source { id name } statements facts relationships } sourcesExact
    } }`);
    const s = data.graphStats;
    const kinds = new Map(s.kinds.map((k) => [k.kind, k.count]));
    expect(kinds.get('Condition')).toBe(4);
    expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBe(s.nodeCount);
    const types = new Map(s.relationshipTypes.map((t) => [t.type, t]));
    expect(types.get('HAS_SYMPTOM')?.count).toBeGreaterThan(0);
    expect(types.get('NOT_CAUSES')?.negated).toBe(true);
    expect(types.get('NOT_CAUSES')?.count).toBeGreaterThan(0);
    expect(s.relationshipTypes.reduce((a, t) => a + t.count, 0)).toBe(s.relationshipCount);
    expect(s.mostConnected[0]?.entity.id).toBe('als');
    expect(s.mostConnectedExact).toBe(true);
    expect(s.sources[0]?.source.id).toBe('article');
    expect(s.sources.every((x) => x.statements === x.facts + x.relationships)).toBe(true);
    expect(s.sourcesExact).toBe(true);
    expect(flights).toBe(1);
  });
});
