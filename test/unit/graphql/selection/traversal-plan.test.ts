import { traversalPlanFor } from '../../../../src/graphql/selection';
import { entitySchema, withInfo } from './plan-harness';

const schema = entitySchema(['traversal.graphql']);
const plan = (source: string, field: string, at: string[] = []) => withInfo(schema, field, source, (info) => traversalPlanFor(info, at));

describe('the traversal planner', () => {
  it('collects the properties of a link’s condition and via, and the selected evidence fields', async () => {
    const result = await plan(
      `{ sharedSymptomsWithEvidence(conditionIds: ["als", "bfs"]) { symptom { description } links { condition { name } via { id xrefs } evidence { quote source { name } } } } }`,
      'sharedSymptomsWithEvidence',
      ['links'],
    );
    expect([...result.node.properties].sort()).toEqual(['id', 'name', 'xrefs']);
    expect(result.node.evidence).toBeNull();
    expect(result.evidence).toEqual({ fields: ['quote', 'source'], source: { properties: ['name'], relations: [], evidence: null } });
  });

  it('needs no Source entity when only the source id is selected, under either field', async () => {
    const result = await plan(
      `{ neighborhood(id: "als") { edges { evidence { sourceId knowledgeLevel source { id __typename } } } } }`,
      'neighborhood',
    );
    expect(result.evidence).toEqual({ fields: ['source', 'knowledgeLevel'], source: null });
  });

  it('merges the entity selections of every place in the answer, through fragments', async () => {
    const result = await plan(
      `{ compareConditions(conditionIds: ["als", "bfs"]) { conditions { name } shared { symptoms { ...I } } distinct { condition { aliases } distinct { facts { ...I } } } } }
       fragment I on ComparedItem { entity { ... on Fact { statement evidence { owner } } } links { via { description } } }`,
      'compareConditions',
    );
    expect([...result.node.properties].sort()).toEqual(['aliases', 'description', 'name', 'statement']);
    expect(result.node.evidence).toEqual({ fields: ['owner'], source: null });
    expect(result.evidence).toBeNull();
  });

  it('leaves relationship fields below the entities to the entity resolvers, arguments unchecked here', async () => {
    const result = await plan(`{ neighborhood(id: "als") { nodes { name ... on Condition { symptoms(first: 100000) { name } } } } }`, 'neighborhood');
    expect(result.node).toEqual({ properties: ['name'], relations: [], evidence: null });
  });

  it('plans no evidence when none is selected', async () => {
    const result = await plan(`{ shortestPath(fromId: "als", toId: "bfs") { length nodes { id } edges { type } } }`, 'shortestPath');
    expect(result).toEqual({ node: { properties: ['id'], relations: [], evidence: null }, evidence: null });
  });
});
