import { execute, parse, type GraphQLObjectType } from 'graphql';
import { planFor, planRelation } from '../../../../src/graphql/selection';
import { entitySchema, withInfo } from './plan-harness';

const schema = entitySchema();
const planOf = (document: ReturnType<typeof parse>, variables?: Record<string, unknown>) => withInfo(schema, 'condition', document, (info) => planFor(info), variables);

describe('plans kept per parsed document', () => {
  it('gives the same plan object to every request of one document, whatever its root arguments', async () => {
    const document = parse('query ($id: ID!) { condition(id: $id) { name symptoms { name } } }');
    const first = await planOf(document, { id: 'als' });
    const second = await planOf(document, { id: 'bfs' });
    expect(second).toBe(first);
    expect(second.relations.map((relation) => relation.key)).toEqual(['symptoms']);
  });

  it('plans again when a variable read inside the selection changes, and reuses each plan for its values', async () => {
    const document = parse('query ($id: ID!, $n: Int) { condition(id: $id) { symptoms(first: $n) { name } } }');
    const two = await planOf(document, { id: 'als', n: 2 });
    const five = await planOf(document, { id: 'als', n: 5 });
    expect(two.relations[0]?.limit).toBe(2);
    expect(five.relations[0]?.limit).toBe(5);
    expect(await planOf(document, { id: 'bfs', n: 2 })).toBe(two);
  });

  it('tells an absent variable (the default applies) from one given as null', async () => {
    const document = parse('query ($id: ID!, $n: Int = 3) { condition(id: $id) { symptoms(first: $n) { name } } }');
    const absent = await planOf(document, { id: 'als' });
    const given = await planOf(document, { id: 'als', n: 7 });
    expect(absent.relations[0]?.limit).toBe(3);
    expect(given.relations[0]?.limit).toBe(7);
  });

  it('follows @skip and @include variables, also inside fragments', async () => {
    const document = parse(`
      query ($id: ID!, $withSymptoms: Boolean!) { condition(id: $id) { name ...parts } }
      fragment parts on Condition { symptoms @include(if: $withSymptoms) { name } }`);
    const without = await planOf(document, { id: 'als', withSymptoms: false });
    const withSymptoms = await planOf(document, { id: 'als', withSymptoms: true });
    expect(without.relations).toEqual([]);
    expect(withSymptoms.relations.map((relation) => relation.key)).toEqual(['symptoms']);
  });

  it('keys a relationship field planned on its own by its own arguments too', async () => {
    const document = parse('query ($n: Int) { condition(id: "als") { symptoms(first: $n) { name } } }');
    const own = entitySchema();
    const planned: unknown[] = [];
    const condition = own.getQueryType()?.getFields()['condition'];
    const symptoms = (own.getType('Condition') as GraphQLObjectType).getFields()['symptoms'];
    if (!condition || !symptoms) throw new Error('the schema lacks Query.condition or Condition.symptoms');
    condition.resolve = () => ({ id: 'als' });
    symptoms.resolve = (_parent, _args, _context, info) => {
      planned.push(planRelation(info));
      return [];
    };
    for (const n of [2, 4, 2]) expect((await execute({ schema: own, document, variableValues: { n } })).errors).toBeUndefined();
    const [two, four, twoAgain] = planned as Array<{ limit: number }>;
    expect([two?.limit, four?.limit]).toEqual([2, 4]);
    expect(twoAgain).toBe(two);
  });

  it('freezes the plans it keeps, so no request can change another one', async () => {
    const document = parse('{ condition(id: "als") { symptoms { name } } }');
    const plan = await planOf(document);
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.relations[0]?.node)).toBe(true);
    expect(() => (plan.relations as unknown[]).push({})).toThrow(TypeError);
  });

  it('does not keep a plan whose arguments were refused, and refuses them again', async () => {
    const document = parse('query ($n: Int) { condition(id: "als") { symptoms(first: $n) { name } } }');
    await expect(planOf(document, { n: 100_000 })).rejects.toThrow('`first` must be a whole number');
    await expect(planOf(document, { n: 100_000 })).rejects.toThrow('`first` must be a whole number');
  });
});
