import { listQuery, relationForManyQuery, findByIdQuery, type ListQuery } from '../../../../src/domain/entity/entity.query';
import { CypherParams } from '../../../../src/domain/projection/params';
import { entityProjection, projectionKeys, relationExpression, restoreEntity, restoreRelation } from '../../../../src/domain/projection/projection';
import type { NodePlan, RelationPlan } from '../../../../src/domain/projection/plan';
import type { RelType } from '../../../../src/domain/model';

const node = (properties: NodePlan['properties'], relations: RelationPlan[] = []): NodePlan => ({ properties, relations, evidence: null });

const symptoms = (overrides: Partial<RelationPlan> = {}): RelationPlan => ({
  key: 'symptoms',
  onKinds: null,
  source: { kind: 'edge', type: 'HAS_SYMPTOM', direction: 'out', targets: ['Symptom'], exhaustive: true },
  shape: 'list',
  limit: 10,
  after: null,
  totalCount: false,
  page: true,
  evidence: null,
  node: node(['name']),
  ...overrides,
});

const list = (overrides: Partial<ListQuery> = {}): ListQuery => ({
  kinds: ['Symptom'],
  filter: {},
  order: { field: 'NAME', direction: 'ASC', relatedKind: null },
  limit: 20,
  after: null,
  totalCount: true,
  page: true,
  node: node(['name']),
  evidence: null,
  ...overrides,
});

describe('the Cypher projection compiler', () => {
  it('projects id and kind always, then only the selected properties', () => {
    const params = new CypherParams();
    expect(entityProjection('n', node(['name', 'xrefs']), params)).toBe('n { .id, .kind, .name, .xrefs }');
  });

  it('nests a relationship field as a COLLECT subquery ordered by name, in a list without the response key, each item as the list of its values', () => {
    const params = new CypherParams();
    const cypher = entityProjection('n', node([], [symptoms()]), params);
    expect(cypher).toMatch(/^n \{ \.id, \.kind, __p: \[ COLLECT \{ MATCH \(n\)-\[:HAS_SYMPTOM\]->\(m__\d+:Symptom\) /);
    expect(cypher).toMatch(/ORDER BY k__\d+, m__\d+\.id LIMIT \$p__\d+ RETURN \[(m__\d+)\.id, \1\.kind, \1\.name\] \}/);
  });

  it('sends an entity in the values form in the order of projectionKeys, its nested list last', () => {
    const plan = node(['name', 'xrefs'], [symptoms()]);
    expect(projectionKeys(plan)).toEqual(['id', 'kind', 'name', 'xrefs', '__p']);
    expect(entityProjection('n', plan, new CypherParams(), 'values')).toMatch(/^\[n\.id, n\.kind, n\.name, n\.xrefs, \[ COLLECT \{ .* \} \]\]$/);
    const withEvidence: NodePlan = { properties: [], relations: [], evidence: { source: node(['name']) }, kindImplied: true };
    expect(projectionKeys(withEvidence)).toEqual(['id', '__evidence', '__evidenceSources']);
    expect(entityProjection('f', withEvidence, new CypherParams(), 'values')).toMatch(/^\[f\.id, \[e__\d+ IN \[f\] \| .*\], COLLECT \{ UNWIND \[f\] AS .*\}\]$/);
  });

  it('passes limits as integer parameters, never as literals', () => {
    const params = new CypherParams();
    const cypher = entityProjection('n', node([], [symptoms({ limit: 42 })]), params);
    expect(cypher).not.toContain('42');
    const limits = Object.values(params.values).filter((value) => typeof value === 'object' && value !== null && 'low' in value);
    expect(limits.map(String)).toEqual(['42']);
  });

  it('points inverse fields the other way (TREATS into the condition)', () => {
    const params = new CypherParams();
    const treatments = symptoms({ key: 'treatments', source: { kind: 'edge', type: 'TREATS', direction: 'in', targets: ['Treatment'], exhaustive: true } });
    expect(relationExpression('n', treatments, params)).toMatch(/MATCH \(n\)<-\[:TREATS\]-\(m__\d+:Treatment\)/);
  });

  it('tests the far kind in a total when the field lists only some of the kinds that may be there', () => {
    const someCauses = symptoms({ shape: 'connection', totalCount: true, source: { kind: 'edge', type: 'CAUSES', direction: 'in', targets: ['Trigger'], exhaustive: false } });
    expect(relationExpression('n', someCauses, new CypherParams())).toMatch(/totalCount: COUNT \{ MATCH \(n\)<-\[:CAUSES\]-\(:Trigger\) \}/);
  });

  it('refuses relationship types and labels outside the model', () => {
    const params = new CypherParams();
    const bogusType = symptoms({ source: { kind: 'edge', type: 'DETACH_DELETE' as RelType, direction: 'out', targets: ['Symptom'], exhaustive: true } });
    expect(() => relationExpression('n', bogusType, params)).toThrow(/Unknown relationship type/);
    const bogusLabel = symptoms({ source: { kind: 'edge', type: 'HAS_SYMPTOM', direction: 'out', targets: ['Symptom` DELETE' as 'Symptom'], exhaustive: true } });
    expect(() => relationExpression('n', bogusLabel, params)).toThrow(/Unknown entity kind/);
  });

  it('never puts a response key into the statement, and refuses properties outside the whitelist', () => {
    const aliased = entityProjection('n', node([], [symptoms({ key: 'a` }) DETACH DELETE n //' })]), new CypherParams());
    expect(aliased).not.toContain('DETACH');
    expect(() => entityProjection('n', node(['password' as 'name']), new CypherParams())).toThrow(/not selectable/);
  });

  it('branches on labels for fields selected through fragments on the Entity interface', () => {
    const params = new CypherParams();
    const cypher = entityProjection('n', node([], [symptoms({ onKinds: ['Condition'] })]), params);
    expect(cypher).toMatch(/__p: \[ CASE WHEN n:Condition THEN COLLECT \{/);
    expect(cypher).toContain('ELSE null END');
  });

  it('puts the nested list back under the response keys, down every level, the count-only connection as its number', () => {
    const conditions = symptoms({ key: 'conds', source: { kind: 'edge', type: 'HAS_SYMPTOM', direction: 'in', targets: ['Condition'], exhaustive: true } });
    const page = symptoms({ key: 'page', shape: 'connection', node: node(['name'], [conditions]) });
    const count = symptoms({ key: 'count', shape: 'connection', totalCount: true, page: false });
    const onCondition = symptoms({ key: 'either', onKinds: ['Condition'], node: node(['name'], [conditions]) });
    const onSymptom = symptoms({ key: 'either', onKinds: ['Symptom'], node: node(['name']) });
    const plan = node(['name'], [page, count, onCondition, onSymptom]);
    const record = {
      id: 'als',
      kind: 'Condition',
      __p: [
        { __connection: true, items: [{ node: { id: 'fasciculations', __p: [[['bfs', 'Condition', 'BFS']]] }, __k: 'f' }] },
        2,
        [['cramps', 'Symptom', 'Cramps', [[['als', 'Condition', 'ALS']]]]],
      ],
    };
    restoreEntity(plan, record);
    expect(record).toEqual({
      id: 'als',
      kind: 'Condition',
      __p: undefined,
      __prefetched: {
        page: {
          __connection: true,
          items: [{ node: { id: 'fasciculations', __p: undefined, __prefetched: { conds: [{ id: 'bfs', kind: 'Condition', name: 'BFS' }] } }, __k: 'f' }],
        },
        count: 2,
        either: [{ id: 'cramps', kind: 'Symptom', name: 'Cramps', __prefetched: { conds: [{ id: 'als', kind: 'Condition', name: 'ALS' }] } }],
      },
    });
  });

  it('names a single related entity from its values, and keeps an absent one null', () => {
    const parent = symptoms({ key: 'parent', shape: 'single', limit: 1 });
    expect(restoreRelation(parent, ['g', 'Symptom', 'Group'])).toEqual({ id: 'g', kind: 'Symptom', name: 'Group' });
    expect(restoreRelation(parent, null)).toBeNull();
  });

  it('fetches a connection page with one extra item, its total count, evidence lists and cited sources', () => {
    const params = new CypherParams();
    const connection = symptoms({ shape: 'connection', limit: 3, totalCount: true, evidence: { source: node(['name']) }, after: { key: 'f', id: 'f' } });
    const cypher = relationExpression('n', connection, params);
    // Every HAS_SYMPTOM ends on a Symptom (the catalogue): the total is the degree, no label test.
    expect(cypher).toMatch(/totalCount: COUNT \{ MATCH \(n\)-\[:HAS_SYMPTOM\]->\(\) \}/);
    expect(cypher).toMatch(/__evidence: \[e__\d+ IN \[r__\d+\] \| e__\d+ \{ \.evSources, \.evQuotes, /);
    expect(cypher).toMatch(/__evidenceSources: COLLECT \{ UNWIND \[r__\d+\] AS e__\d+ UNWIND e__\d+\.evSources AS x__\d+ WITH DISTINCT x__\d+ MATCH \(s__\d+:Entity&Source/);
    expect(cypher).toMatch(/WHERE \(k__\d+ > \$p__\d+ OR \(k__\d+ = \$p__\d+ AND m__\d+\.id > \$p__\d+\)\)/);
    expect(Object.values(params.values).map(String)).toEqual(expect.arrayContaining(['4', 'f']));
  });

  it('reads a single related entity with head(COLLECT ... LIMIT 1)', () => {
    const parent = symptoms({ key: 'parent', shape: 'single', limit: 1, source: { kind: 'edge', type: 'SUBCLASS_OF', direction: 'out', targets: ['Condition'], exhaustive: true } });
    expect(relationExpression('n', parent, new CypherParams())).toMatch(/^head\(COLLECT \{ MATCH \(n\)-\[:SUBCLASS_OF\]->\(m__\d+:Condition\)/);
  });

  it('uses fresh variable names at every level, so nested subqueries never shadow each other', () => {
    const params = new CypherParams();
    const deep = symptoms({ node: node(['name'], [symptoms({ key: 'conditions', source: { kind: 'edge', type: 'HAS_SYMPTOM', direction: 'in', targets: ['Condition'], exhaustive: true }, node: node([], [symptoms()]) })]) });
    const cypher = entityProjection('n', node([], [deep]), params);
    const declared = [...cypher.matchAll(/\((m__\d+):/g)].map((match) => match[1]);
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared.length).toBe(3);
  });
});

describe('projections of frozen plans (the planner keeps its plans frozen)', () => {
  const frozen = <T>(value: T): T => {
    if (value && typeof value === 'object') {
      for (const child of Object.values(value)) frozen(child);
      Object.freeze(value);
    }
    return value;
  };

  it('replays the same text, parameter names and values for a frozen plan at the same position', () => {
    const plan = frozen(node(['name'], [symptoms({ limit: 7 })]));
    const first = findByIdQuery('als', 'Condition', plan);
    const second = findByIdQuery('bfs', 'Condition', plan);
    expect(second.cypher).toBe(first.cypher);
    expect(Object.keys(second.params)).toEqual(Object.keys(first.params));
    expect(Object.values(second.params).map(String)).toEqual(['bfs', '7']);
  });

  it('numbers a frozen plan anew when it is compiled at another position of a statement', () => {
    const plan = frozen(node(['name'], [symptoms()]));
    const atStart = entityProjection('n', plan, new CypherParams());
    const later = new CypherParams();
    later.add('x');
    later.add('y');
    const moved = entityProjection('n', plan, later);
    expect(moved).not.toBe(atStart);
    expect(Object.keys(later.values)).toEqual(['p__1', 'p__2', 'p__5']);
    const next = later.variable('n');
    const again = new CypherParams();
    again.add('x');
    again.add('y');
    expect(entityProjection('n', plan, again)).toBe(moved);
    expect(again.values).toEqual(later.values);
    expect(again.variable('n')).toBe(next);
  });

  it('compiles a plan that is not frozen every time (it may have been edited since)', () => {
    const plan = node(['name'], [symptoms({ limit: 3 })]);
    const before = findByIdQuery('als', 'Condition', plan);
    (plan.properties as string[]).push('aliases');
    const after = findByIdQuery('als', 'Condition', plan);
    expect(after.cypher).not.toBe(before.cypher);
    expect(after.cypher).toContain('.aliases');
  });
});

describe('the entity list and lookup queries', () => {
  it('looks one entity up by the unique id index, with its kind as a label test', () => {
    const { cypher, params } = findByIdQuery('als', 'Condition', node(['name']));
    expect(cypher).toBe('MATCH (n:Entity {id: $p__1}) USING INDEX n:Entity(id) WHERE n:Condition RETURN [n.id, n.kind, n.name] AS node');
    expect(params).toEqual({ p__1: 'als' });
  });

  it('starts a relatedTo filter from the related entity instead of scanning the kind', () => {
    const { cypher } = listQuery(list({ filter: { relatedTo: 'als' } }));
    expect(cypher).toMatch(/MATCH \(:Entity \{id: \$p__\d+\}\)-\[rel:HAS_SYMPTOM\|SUBCLASS_OF\|[A-Z_|]+\]-\(n:Symptom\)/);
    expect(cypher).not.toMatch(/EXISTS/i);
    expect(cypher).not.toMatch(/MATCH \(n:Symptom\)/);
    expect(cypher).not.toContain('NOT_');
  });

  it('keeps user text out of the Cypher: filters and cursors are parameters', () => {
    const evil = "x') DETACH DELETE n //";
    const { cypher, params } = listQuery(list({ filter: { nameContains: evil, hasXref: evil }, after: { key: evil, id: evil } }));
    expect(cypher).not.toContain('DETACH');
    expect(Object.values(params)).toEqual(expect.arrayContaining([evil.toLowerCase(), evil]));
  });

  it('counts the total in its own subquery and fetches one item more than the page', () => {
    const { cypher, params } = listQuery(list({ limit: 5 }));
    expect(cypher).toMatch(/^CALL \(\) \{ MATCH \(n:Symptom\) RETURN count\(DISTINCT n\) AS totalCount \} CALL \(\) \{/);
    expect(Object.values(params).map(String)).toContain('6');
  });

  it('skips the count when totalCount is not selected', () => {
    const { cypher } = listQuery(list({ totalCount: false }));
    expect(cypher).not.toContain('count(');
    expect(cypher).toContain('null AS totalCount');
  });

  it('fetches no page when only totalCount is selected, at the root and in a connection', () => {
    const { cypher } = listQuery(list({ page: false }));
    expect(cypher).toContain('count(DISTINCT n) AS totalCount');
    expect(cypher).toContain('CALL () { RETURN [] AS items }');
    expect(cypher).not.toContain('ORDER BY');
    const params = new CypherParams();
    const countOnly = relationExpression('n', symptoms({ shape: 'connection', totalCount: true, page: false }), params);
    // The count alone: no page settings, no items (the resolver fills in an empty page).
    expect(countOnly).toBe('COUNT { MATCH (n)-[:HAS_SYMPTOM]->() }');
  });

  it("sends each item's sort key only when a cursor is selected, at the root and in a connection", () => {
    // An item travels as the list of its values, its node too; the repository puts the keys back.
    expect(listQuery(list({ cursors: true })).cypher).toContain('RETURN collect([[n.id, n.kind, n.name], k]) AS items');
    expect(listQuery(list({ cursors: true })).itemKeys).toEqual(['node', '__k']);
    expect(listQuery(list({})).itemKeys).toEqual(['node', '__k']); // not said: as if selected
    // Without a sort key an item is its node alone, sent bare (the repository wraps it).
    expect(listQuery(list({ cursors: false }))).toMatchObject({ itemKeys: null });
    expect(listQuery(list({ cursors: false })).cypher).toContain('RETURN collect([n.id, n.kind, n.name]) AS items');
    const page = (cursors: boolean | undefined) => relationExpression('n', symptoms({ shape: 'connection', totalCount: false, page: true, cursors }), new CypherParams());
    expect(page(true)).toMatch(/RETURN \{ node: m__\d+ \{ [^}]* \}, __k: k__\d+ \}/);
    expect(page(undefined)).toContain('__k: k__');
    expect(page(false)).toMatch(/RETURN \{ node: m__\d+ \{ [^}]* \} \}/);
    expect(page(false)).not.toContain('__k');
  });

  it('orders by the number of related entities of a kind, descending, ties by id', () => {
    const { cypher } = listQuery(list({ order: { field: 'RELATED_COUNT', direction: 'DESC', relatedKind: 'Condition' } }));
    // Distinct conditions: HAS_SYMPTOM's degree, plus the CAUSES links from conditions not already counted.
    expect(cypher).toContain(
      '(COUNT { (n)<-[:HAS_SYMPTOM]-() } + CASE WHEN COUNT { (n)<-[:CAUSES]-() } = 0 THEN 0 ELSE COUNT { MATCH (n)<-[:CAUSES]-(m__1:Condition) WHERE NOT (n)<-[:HAS_SYMPTOM]-(m__1) } END) AS k',
    );
    expect(cypher).toContain('ORDER BY k DESC, n.id ASC');
    // The sort key is the count: sent once, as the item's __k (the repository copies it to relatedCount's __count).
    expect(cypher).toContain('RETURN collect([[n.id, n.kind, n.name], k]) AS items');
    expect(cypher).not.toContain('__count');
  });

  it('treats an xref ending in a colon as a prefix', () => {
    expect(listQuery(list({ filter: { hasXref: 'ORPHA:' } })).cypher).toMatch(/any\(x IN n\.xrefs WHERE x STARTS WITH \$p__\d+\)/);
    expect(listQuery(list({ filter: { hasXref: 'ORPHA:803' } })).cypher).toMatch(/\$p__\d+ IN n\.xrefs/);
  });

  it('fetches one relationship field for many parents in one statement', () => {
    const { cypher, params } = relationForManyQuery(['als', 'bfs'], symptoms({ onKinds: ['Condition'] }));
    expect(cypher).toMatch(/^UNWIND \$p__1 AS id MATCH \(n:Entity \{id: id\}\) USING INDEX n:Entity\(id\) RETURN id, COLLECT \{/);
    expect(params['p__1']).toEqual(['als', 'bfs']);
  });
});
