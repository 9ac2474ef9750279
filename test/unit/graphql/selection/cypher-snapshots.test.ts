/**
 * The Cypher each representative selection compiles to, kept as snapshots (like @neo4j/graphql's tck
 * keeps the Cypher it generates per query), so a reviewer reads the ONE statement a query runs and
 * sees every change to it in the diff of __snapshots__/cypher-snapshots.test.ts.snap. Printed with a
 * line per clause, indented by subquery depth; parameters beside it.
 */
import { findByIdQuery, listQuery, orderingId, relationForManyQuery } from '../../../../src/domain/entity/entity.query';
import { planConnection, planFor } from '../../../../src/graphql/selection';
import { entitySchema, withInfo } from './plan-harness';

const schema = entitySchema();

/** One clause per line, indented by the depth of `{ ... }` it sits in. */
function printed(cypher: string): string {
  const lines: string[] = [];
  let depth = 0;
  let line = '';
  const tokens = cypher.split(/(\s+(?=(?:OPTIONAL MATCH|MATCH|WITH|RETURN|UNION ALL|CALL|ORDER BY|UNWIND|LIMIT)\b))/);
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      lines.push(`${'  '.repeat(depth)}${line.trim()}`);
      for (const char of line) depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      line = '';
    } else {
      line += token;
    }
  }
  lines.push(`${'  '.repeat(depth)}${line.trim()}`);
  return lines.join('\n');
}

function params(values: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(values, (_key, value: unknown) => (value && typeof value === 'object' && 'low' in value && 'high' in value ? Number((value as { low: number }).low) : value)));
}

async function lookup(source: string, variables?: Record<string, unknown>): Promise<string> {
  const plan = await withInfo(schema, 'condition', source, (info) => planFor(info), variables);
  const query = findByIdQuery('bfs', 'Condition', plan);
  return `${printed(query.cypher)}\n\nparams: ${JSON.stringify(params(query.params))}`;
}

describe('the one statement a selection compiles to', () => {
  it('a condition with its symptoms (a nested list)', async () => {
    expect(await lookup('{ condition(id: "bfs") { name symptoms(first: 5) { name } } }')).toMatchSnapshot();
  });

  it('a connection with evidence and its sources, and a total count', async () => {
    expect(await lookup('{ condition(id: "bfs") { symptomsConnection(first: 2) { totalCount pageInfo { hasNextPage } edges { node { name } evidence { quote source { name } } } } } }')).toMatchSnapshot();
  });

  it('a negated connection at one end and its inverse at the other ("what does BFS not cause", and what else is said not to cause it)', async () => {
    expect(
      await lookup('{ condition(id: "bfs") { causesConnection(negated: true) { edges { node { id name ... on Mechanism { causedByConnection(negated: true) { totalCount } } } evidence { quote } } } } }'),
    ).toMatchSnapshot();
  });

  it('every statement of the entity, of two types, negative only', async () => {
    expect(await lookup('{ condition(id: "bfs") { statements(types: ["CAUSES", "HAS_SYMPTOM"], negated: true) { totalCount edges { type negated node { name } evidence { quote } } } } }')).toMatchSnapshot();
  });

  it('whom to consult, directly and through symptoms and diagnostic steps, with paths', async () => {
    expect(
      await lookup('{ condition(id: "bfs") { specialistsConnection(via: [DIRECT, SYMPTOMS, DIAGNOSTIC_STEPS]) { totalCount edges { node { name } stated paths { via hops { type evidence { quote } } } } } } }'),
    ).toMatchSnapshot();
  });

  it('fragments on the interface: one branch per kind', async () => {
    const plan = await withInfo(schema, 'entity', '{ entity(id: "bfs") { ... on Condition { symptoms { name } } ... on Symptom { conditions { name } } } }', (info) => planFor(info));
    expect(printed(findByIdQuery('bfs', null, plan).cypher)).toMatchSnapshot();
  });

  it('a root list filtered by a related entity, with the evidence of the links', async () => {
    const plan = await withInfo(schema, 'symptoms', '{ symptoms(where: { relatedTo: "bfs" }, first: 3) { totalCount edges { node { name } evidence { quote } } } }', (info) => planConnection(info));
    const order = { field: 'NAME', direction: 'ASC', relatedKind: null } as const;
    const query = listQuery({ kinds: ['Symptom'], filter: { relatedTo: 'bfs' }, order, limit: 3, after: null, totalCount: plan.totalCount, page: plan.page, node: plan.node, evidence: plan.evidence });
    expect(orderingId(order)).toBe('NAME::ASC');
    expect(printed(query.cypher)).toMatchSnapshot();
  });

  it('reads totals from degrees where the catalogue allows only the field\'s kinds at the far end', async () => {
    expect(await lookup('{ condition(id: "bfs") { symptomsConnection { totalCount } parents { name } ... on Condition { subtypesConnection { totalCount } } } }')).toMatchSnapshot();
    const plan = await withInfo(schema, 'entity', '{ entity(id: "fasciculations") { ... on Symptom { causedByConnection { totalCount } } } }', (info) => planFor(info));
    expect(printed(findByIdQuery('fasciculations', null, plan).cypher)).toMatchSnapshot();
  });

  it('lists ordered by related count: degrees, plus the neighbours only a second relationship type reaches', async () => {
    const ordered = async (root: 'symptoms' | 'conditions', kinds: ['Symptom'] | ['Condition'], relatedKind: 'Condition' | null) => {
      const plan = await withInfo(schema, root, `{ ${root}(first: 5) { edges { relatedCount node { name } } } }`, (info) => planConnection(info));
      const order = { field: 'RELATED_COUNT', direction: 'DESC', relatedKind } as const;
      return printed(listQuery({ kinds, filter: {}, order, limit: 5, after: null, totalCount: false, page: true, node: plan.node, evidence: null }).cypher);
    };
    // Symptoms by conditions: HAS_SYMPTOM's degree + CAUSES from conditions without a HAS_SYMPTOM link.
    expect(await ordered('symptoms', ['Symptom'], 'Condition')).toMatchSnapshot();
    // Conditions by every neighbour: one degree per type and direction; a condition both parent and child counted once.
    expect(await ordered('conditions', ['Condition'], null)).toMatchSnapshot();
  });

  it('a root list filtered by name or alias, of one kind and of every kind: from the names\' text index', async () => {
    const plan = await withInfo(schema, 'conditions', '{ conditions(where: { nameContains: "Sclerosis" }, first: 20) { totalCount edges { node { name } } } }', (info) => planConnection(info));
    const order = { field: 'NAME', direction: 'ASC', relatedKind: null } as const;
    const list = (kinds: ['Condition'] | null, nameContains: string) =>
      listQuery({ kinds, filter: { nameContains }, order, limit: 20, after: null, totalCount: plan.totalCount, page: plan.page, node: plan.node, evidence: plan.evidence });
    const ofKind = list(['Condition'], 'Sclerosis');
    expect(`${printed(ofKind.cypher)}\n\nparams: ${JSON.stringify(params(ofKind.params))}`).toMatchSnapshot();
    expect(printed(list(null, 'Sclerosis').cypher)).toMatchSnapshot();
    // A text holding the separator of the indexed names ("\n") takes the unindexed predicate.
    expect(printed(list(['Condition'], 'Lateral\nSclerosis').cypher)).toMatchSnapshot();
    // A text of one or two letters matches most names: one kind's label scan with the old predicate, as before.
    expect(printed(list(['Condition'], 'Al').cypher)).toMatchSnapshot();
  });

  it('one relationship field for many parents (the DataLoader fallback)', async () => {
    const plan = await withInfo(schema, 'condition', '{ condition(id: "bfs") { triggersConnection(first: 3) { edges { node { name } } } } }', (info) => planFor(info));
    const [relation] = plan.relations;
    if (!relation) throw new Error('no relation planned');
    expect(printed(relationForManyQuery(['als', 'bfs'], relation).cypher)).toMatchSnapshot();
  });
});
