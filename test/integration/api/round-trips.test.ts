/**
 * Round trips per operation: a root field answered by the projection compiler costs ONE Bolt round
 * trip whatever it nests below it (lists, connections, evidence, fragments on the interface).
 * Entities that arrive without their nested fields cost one more statement per distinct
 * relationship field per level (the DataLoader fallback), never one per item.
 */
import { startApi, type Api } from '../../helpers/api-client';
import { describeRoundTrips, type FlightBudget, type FlightReport } from '../../helpers/count-flights';
import { ensureSeeded } from '../../helpers/seeded-graph';

jest.setTimeout(60_000);

type Obj = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | null | undefined)?.[key], value);

const ENTITY_OPERATIONS: readonly FlightBudget[] = [
  {
    name: 'a condition with its scalar fields',
    query: '{ condition(id: "als") { id name aliases description xrefs } }',
    maxFlights: 1,
    why: 'one statement per root field',
    check: (data) => expect(at(data, 'condition', 'name')).toBe('Amyotrophic lateral sclerosis'),
  },
  {
    name: 'condition → symptoms → conditions → symptomsConnection with evidence and its sources',
    query: `{ condition(id: "als") { name subtypes { id parent { id } } parent { id }
      symptoms { name conditions { id symptomsConnection(first: 5) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { name } evidence { quote source { id name title } } } } } } sources { id title } } }`,
    maxFlights: 1,
    why: 'the whole nested selection is one Cypher statement',
    check: (data) => expect((at(data, 'condition', 'symptoms') as Obj[]).length).toBeGreaterThan(5),
  },
  {
    name: 'negated connections at both ends and every statement, nested',
    query: `{ condition(id: "bfs") { causesConnection(negated: true, first: 5) { totalCount edges { evidence { quote } node { id
      ... on Mechanism { causedByConnection(negated: true, first: 5) { edges { node { id } } } statements(first: 5) { totalCount edges { type negated node { id } } } } } } }
      statements(types: ["HAS_SYMPTOM"], first: 5) { edges { evidence { quote } node { id } } } } }`,
    maxFlights: 1,
    why: 'negated connections and statements compile into the same one statement',
    check: (data) => expect(at(data, 'condition', 'causesConnection', 'totalCount')).toBe(2),
  },
  {
    name: 'entity(id) through the interface with fragments per kind',
    query: `query { a: entity(id: "als") { ...e } b: entity(id: "fasciculations") { ...e } }
      fragment e on Entity { __typename id name ... on Condition { symptoms(first: 3) { name } } ... on Symptom { conditions { name } bodyRegions { name } } }`,
    maxFlights: 2,
    why: 'two root fields, one statement each',
    check: (data) => expect(at(data, 'b', '__typename')).toBe('Symptom'),
  },
  {
    name: 'a filtered, ordered page of symptoms with total count and nested conditions',
    query: `{ symptoms(where: { nameContains: "twitch" }, orderBy: { field: RELATED_COUNT, relatedKind: Condition, direction: DESC }, first: 5) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor relatedCount node { name conditions { name triggers { name } } } } } }`,
    maxFlights: 1,
    why: 'page, count and nested selection in one statement',
  },
  {
    name: 'symptoms related to ALS with the evidence of each link and its source',
    query: '{ symptoms(where: { relatedTo: "als" }, first: 50) { totalCount edges { node { name } evidence { quote source { name } } } } }',
    maxFlights: 1,
    why: 'starts from ALS; evidence and sources in the same statement',
    check: (data) => expect(at(data, 'symptoms', 'totalCount')).toBeGreaterThan(5),
  },
  {
    name: 'a fact with its own evidence and what it is about',
    query: '{ fact(id: "als-and-bfs-are-separate-disorders") { statement negated evidence { quote source { name } } about { name } } }',
    maxFlights: 1,
    why: 'Fact evidence lists and sources are part of the projection',
  },
  {
    name: 'two aliases of one field with different arguments',
    query: '{ condition(id: "als") { few: symptoms(first: 2) { name } all: symptoms { name conditions { name } } } }',
    maxFlights: 1,
    why: 'results are keyed by response key, both in one statement',
    check: (data) => expect((at(data, 'condition', 'few') as Obj[]).length).toBe(2),
  },
  {
    name: 'a list of every condition with symptoms and treatments two levels deep',
    query: '{ conditions(first: 100) { totalCount edges { node { name symptoms { name relievedBy { name } } treatments { name relieves { name } } } } } }',
    maxFlights: 1,
    why: 'one statement however many conditions',
  },
  {
    name: 'aliased parents asking one nested field with different arguments (DataLoader fallback)',
    query: `{ symptoms(first: 20) { edges { node { conditions(first: 1) { name } } } more: edges { node { conditions(first: 5) { name symptoms { name } } } } } }`,
    maxFlights: 3,
    why: 'the root statement, then one batched statement per differing alias (not per item)',
  },
];

describe('round trips per operation', () => {
  let api: Api;
  const report: FlightReport = new Map();

  beforeAll(async () => {
    api = await startApi();
    await ensureSeeded(api.db);
  });

  afterAll(async () => {
    process.stdout.write(`\nround trips measured:\n${[...report].map(([name, { flights, maxFlights }]) => `  ${flights} (max ${maxFlights})  ${name}`).join('\n')}\n`);
    await api?.stop();
  });

  describeRoundTrips('entity operations', ENTITY_OPERATIONS, () => api, report);
});
