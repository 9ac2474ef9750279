import { GraphQLError } from 'graphql';
import type { RelationPlan } from '../../../../src/domain/projection/plan';
import { encodeCursor, planConnection, planFor } from '../../../../src/graphql/selection';
import { entitySchema, withInfo } from './plan-harness';

const schema = entitySchema();
const plan = (source: string, field = 'condition', variables?: Record<string, unknown>) => withInfo(schema, field, source, (info) => planFor(info), variables);

function relation(relations: readonly RelationPlan[], key: string): RelationPlan {
  const found = relations.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no relation ${key} in ${relations.map((r) => r.key).join(', ')}`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('the selection planner', () => {
  it('plans only the selected scalar properties of an entity', async () => {
    const result = await plan('{ condition(id: "als") { id name aliases __typename } }');
    expect(result.properties).toEqual(['id', 'name', 'aliases']);
    expect(result.relations).toEqual([]);
    expect(result.evidence).toBeNull();
  });

  it('maps relationship fields to whitelisted types and directions from the model', async () => {
    const result = await plan('{ condition(id: "als") { symptoms { name } treatments { name } subtypes { id } parent { id } } }');
    expect(relation(result.relations, 'symptoms').source).toEqual({ kind: 'edge', type: 'HAS_SYMPTOM', direction: 'out', targets: ['Symptom'], exhaustive: true });
    expect(relation(result.relations, 'treatments').source).toEqual({ kind: 'edge', type: 'TREATS', direction: 'in', targets: ['Treatment'], exhaustive: true });
    expect(relation(result.relations, 'subtypes').source).toMatchObject({ type: 'SUBCLASS_OF', direction: 'in' });
    expect(relation(result.relations, 'parent')).toMatchObject({ shape: 'single', limit: 1, source: { type: 'SUBCLASS_OF', direction: 'out' } });
  });

  it('keys nested fields by alias, so two aliases of one field with different arguments stay apart', async () => {
    const result = await plan('{ condition(id: "als") { few: symptoms(first: 2) { id } many: symptoms(first: 50) { name } } }');
    expect(relation(result.relations, 'few')).toMatchObject({ limit: 2, node: { properties: ['id'] } });
    expect(relation(result.relations, 'many')).toMatchObject({ limit: 50, node: { properties: ['name'] } });
  });

  it('follows named fragments and inline fragments on the Entity interface, per kind', async () => {
    const source = `
      query { entity(id: "als") { id ...cond ... on Symptom { conditions { id } } } }
      fragment cond on Condition { name symptoms { name } }`;
    const result = await plan(source, 'entity');
    expect(result.properties).toEqual(['id', 'name']);
    expect(relation(result.relations, 'symptoms').onKinds).toEqual(['Condition']);
    expect(relation(result.relations, 'conditions').onKinds).toEqual(['Symptom']);
  });

  it('groups kinds that share an interface field into one plan', async () => {
    const result = await plan('{ entity(id: "x") { ... on Entity { id } ... on Trigger { conditions { id } } ... on Treatment { conditions { id } } } }', 'entity');
    expect(relation(result.relations, 'conditions').onKinds).toEqual(['Trigger']);
    expect(result.relations.filter((r) => r.key === 'conditions').map((r) => r.onKinds)).toEqual([['Trigger'], ['Treatment']]);
  });

  it('honours @skip and @include with variables', async () => {
    const source = 'query ($skip: Boolean!, $with: Boolean!) { condition(id: "als") { name @skip(if: $skip) symptoms @include(if: $with) { id } triggers { id } } }';
    const result = await plan(source, 'condition', { skip: true, with: false });
    expect(result.properties).toEqual([]);
    expect(result.relations.map((r) => r.key)).toEqual(['triggers']);
  });

  it('reads nested arguments from variables and defaults from the SDL', async () => {
    const result = await plan('query ($n: Int) { condition(id: "als") { symptoms(first: $n) { id } triggers { id } } }', 'condition', { n: 7 });
    expect(relation(result.relations, 'symptoms').limit).toBe(7);
    expect(relation(result.relations, 'triggers').limit).toBe(100);
  });

  it('plans a connection: total count, evidence, and the source only when more than its id is asked', async () => {
    const idOnly = await plan('{ condition(id: "als") { symptomsConnection(first: 3) { edges { node { name } evidence { quote source { id } } } } } }');
    expect(relation(idOnly.relations, 'symptomsConnection')).toMatchObject({ shape: 'connection', limit: 3, totalCount: false, evidence: { source: null } });
    const named = await plan('{ condition(id: "als") { symptomsConnection { totalCount edges { evidence { source { name } } } } } }');
    expect(relation(named.relations, 'symptomsConnection')).toMatchObject({ totalCount: true, limit: 20, evidence: { source: { properties: ['name'] } } });
  });

  it('plans a page only when edges or pageInfo are selected: totalCount alone fetches no item', async () => {
    const countOnly = await plan('{ condition(id: "als") { symptomsConnection { totalCount } } }');
    expect(relation(countOnly.relations, 'symptomsConnection')).toMatchObject({ totalCount: true, page: false });
    const withPageInfo = await plan('{ condition(id: "als") { symptomsConnection { totalCount pageInfo { hasNextPage } } } }');
    expect(relation(withPageInfo.relations, 'symptomsConnection')).toMatchObject({ totalCount: true, page: true });
  });

  it('turns negated: true into the NOT_ relationship type', async () => {
    const result = await plan('{ condition(id: "bfs") { symptomsConnection(negated: true) { edges { node { id } } } } }');
    expect(relation(result.relations, 'symptomsConnection').source).toMatchObject({ type: 'NOT_HAS_SYMPTOM' });
  });

  it('restricts the other end to the kinds of the field type (Condition.causes is Entity: conditions, mechanisms, symptoms; BodyRegion.symptoms also lists mechanisms)', async () => {
    const result = await plan('{ bodyRegion(id: "calves") { symptoms { id } } }', 'bodyRegion');
    expect(relation(result.relations, 'symptoms').source).toMatchObject({ type: 'OCCURS_IN', targets: ['Symptom', 'Mechanism'] });
    const onlySymptoms = await plan('{ bodyRegion(id: "calves") { symptomsConnection { edges { node { id } } } } }', 'bodyRegion');
    expect(relation(onlySymptoms.relations, 'symptomsConnection').source).toMatchObject({ type: 'OCCURS_IN', targets: ['Symptom', 'Mechanism'] });
  });

  it('plans the Condition.sources field as the sources cited by the evidence', async () => {
    const result = await plan('{ condition(id: "als") { sources { title } } }');
    expect(relation(result.relations, 'sources')).toMatchObject({ source: { kind: 'sources' }, node: { properties: ['title'] } });
  });

  it('plans the Fact evidence of a fact', async () => {
    const result = await plan('{ fact(id: "f") { statement evidence { quote source { year } } } }', 'fact');
    expect(result.properties).toEqual(['statement']);
    expect(result.evidence).toEqual({ fields: ['quote', 'source'], source: { properties: ['year'], relations: [], evidence: null, kindImplied: true } });
  });

  it('rejects a nested first over the cap with BAD_USER_INPUT naming the maximum', async () => {
    const error = await rejection(plan('{ condition(id: "als") { symptoms(first: 101) { id } } }'));
    expect(error.extensions['code']).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('100');
  });

  it('rejects a malformed nested cursor with BAD_USER_INPUT', async () => {
    const error = await rejection(plan('{ condition(id: "als") { symptomsConnection(after: "not a cursor") { totalCount } } }'));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('decodes a nested cursor into a position', async () => {
    const after = encodeCursor('NAME:ASC', 'fasciculations', 'fasciculations');
    const result = await plan(`{ condition(id: "als") { symptomsConnection(after: "${after}") { totalCount } } }`);
    expect(relation(result.relations, 'symptomsConnection').after).toEqual({ key: 'fasciculations', id: 'fasciculations' });
  });

  it('plans the entities below a root connection', async () => {
    const result = await withInfo(schema, 'symptoms', '{ symptoms { totalCount edges { cursor node { name conditions { id } } } } }', (info) => planConnection(info));
    expect(result.totalCount).toBe(true);
    expect(result.evidence).toBeNull();
    expect(result.node.properties).toEqual(['name']);
    expect(relation(result.node.relations, 'conditions').source).toMatchObject({ type: 'HAS_SYMPTOM', direction: 'in' });
  });

  it('descends a path of fields and merges the selections of its aliases', async () => {
    const source = '{ symptoms { edges { node { id } } more: edges { node { name } } } }';
    const result = await withInfo(schema, 'symptoms', source, (info) => planFor(info, ['edges', 'node']));
    expect(result.properties).toEqual(['id', 'name']);
  });

  it('leaves a response key whose selections differ under aliased parents to the field resolver', async () => {
    const source = '{ symptoms { edges { node { conditions(first: 1) { id } } } more: edges { node { conditions(first: 5) { id } } } } }';
    const result = await withInfo(schema, 'symptoms', source, (info) => planFor(info, ['edges', 'node']));
    expect(result.relations).toEqual([]);
  });
});
