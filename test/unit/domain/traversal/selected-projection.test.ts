/**
 * What the traversal statements project for a given selection plan: only the entity properties and
 * evidence lists asked for, the cited Sources only when more than their id is asked, and everything
 * when no plan is given (internal callers).
 */
import { EVIDENCE_PROPERTIES } from '../../../../src/domain/entity/entity.types';
import { EMPTY_NODE_PLAN, evidenceProperties, type EvidencePlan, type NodePlan, type TraversalPlan } from '../../../../src/domain/projection';
import { compareCypher } from '../../../../src/domain/traversal/compare';
import { entityMap, evidenceMap, evidenceSourcesCall } from '../../../../src/domain/traversal/cypher';
import { edgeMap } from '../../../../src/domain/traversal/edges';
import { neighborhoodCypher } from '../../../../src/domain/traversal/neighborhood';
import { rankCypher } from '../../../../src/domain/traversal/rank';
import { sharedSymptomsCypher } from '../../../../src/domain/traversal/shared-symptoms';
import { sameNodeCypher, shortestPathCypher } from '../../../../src/domain/traversal/shortest-path';

const node = (properties: NodePlan['properties'], evidence: EvidencePlan | null = null): NodePlan => ({ properties, relations: [], evidence });
const plan = (properties: NodePlan['properties'], evidence: EvidencePlan | null, factEvidence: EvidencePlan | null = null): TraversalPlan => ({
  node: node(properties, factEvidence),
  evidence,
});

/** The evidence list names (`evQuotes`, ...) a statement mentions. */
const listsIn = (cypher: string): string[] => EVIDENCE_PROPERTIES.filter((property) => cypher.includes(`.${property}`));

describe('evidence lists for a selection', () => {
  it('fetches the source list and the selected fields’ lists only', () => {
    expect(evidenceProperties({ fields: ['quote'], source: null })).toEqual(['evSources', 'evQuotes']);
    expect(evidenceProperties({ fields: ['frequency', 'knowledgeLevel'], source: null })).toEqual(['evSources', 'evKnowledgeLevels', 'evFrequencies']);
  });

  it('keeps the source list when nothing but __typename is selected, so the number of pieces stays right', () => {
    expect(evidenceProperties({ fields: [], source: null })).toEqual(['evSources']);
  });

  it('fetches every list when the plan does not say which fields are selected', () => {
    expect(evidenceProperties({ source: null })).toEqual([...EVIDENCE_PROPERTIES]);
  });

  it('projects no evidence at all when the plan has none, and every list without a plan', () => {
    expect(evidenceMap('r', null)).toBe('null');
    expect(evidenceMap('r', { fields: ['quote'], source: null })).toBe('r { .evSources, .evQuotes }');
    expect(listsIn(evidenceMap('r'))).toEqual([...EVIDENCE_PROPERTIES]);
    expect(edgeMap('r', { fields: ['owner'], source: null })).toContain('ev: r { .evSources, .evOwners }');
  });
});

describe('entity maps for a selection', () => {
  it('projects id, kind and the planned properties only', () => {
    expect(entityMap('n', node(['name']))).toBe('n { .id, .kind, .name }');
    expect(entityMap('n', EMPTY_NODE_PLAN)).toBe('n { .id, .kind }');
  });

  it('brings a Fact’s own evidence lists only when its evidence is planned', () => {
    expect(entityMap('n', node(['statement'], { fields: ['quote'], source: null }))).toBe(
      'n { .id, .kind, .statement, __evidence: CASE WHEN n:Fact THEN [n { .evSources, .evQuotes }] ELSE null END }',
    );
  });

  it('refuses a property that is not in the whitelist', () => {
    expect(() => entityMap('n', node(['name} ) DETACH DELETE n //' as 'name']))).toThrow(/not selectable/);
  });

  it('projects every property and every evidence list without a plan', () => {
    const full = entityMap('n');
    for (const property of ['name', 'aliases', 'description', 'xrefs', 'title', 'url', 'statement', 'negated']) expect(full).toContain(`.${property}`);
    expect(listsIn(full)).toEqual([...EVIDENCE_PROPERTIES]);
  });
});

describe('cited Sources for a selection', () => {
  it('looks up no Source when no more than their ids is selected', () => {
    expect(evidenceSourcesCall(['x'], 'ids', null)).toBe('WITH *, [] AS evidenceSources');
  });

  it('projects only the selected Source properties', () => {
    expect(evidenceSourcesCall(['x'], 'ids', node(['name']))).toContain('RETURN collect(src { .id, .kind, .name }) AS evidenceSources');
  });
});

describe('sharedSymptomsWithEvidence statement', () => {
  const quoteAndSourceName = plan(['name'], { fields: ['quote', 'source'], source: node(['name']) });

  it('asks Neo4j only for the quote and source lists and the Source names when quote and source { name } are selected', () => {
    const cypher = sharedSymptomsCypher(false, 's { .id, .kind }', quoteAndSourceName);
    expect(listsIn(cypher)).toEqual(['evSources', 'evQuotes']);
    expect(cypher).toContain('via: d { .id, .kind, .name }');
    expect(cypher).toContain('src { .id, .kind, .name }');
    expect(cypher).toContain('[c IN conds | c { .id, .kind, .name }] AS found');
  });

  it('skips the Source lookup when only source { id } is selected', () => {
    const cypher = sharedSymptomsCypher(false, 's { .id, .kind }', plan([], { fields: ['source'], source: null }));
    expect(cypher).not.toContain('MATCH (src:Entity');
    expect(cypher).toContain('[] AS evidenceSources');
    expect(listsIn(cypher)).toEqual(['evSources']);
  });

  it('projects no evidence and no condition property for plain sharedSymptoms', () => {
    const cypher = sharedSymptomsCypher(false, 's { .id, .kind }', { node: EMPTY_NODE_PLAN, evidence: null });
    expect(listsIn(cypher)).toEqual([]);
    expect(cypher).toContain('collect({via: d { .id, .kind }, ev: null})');
  });

  it('keeps today’s full projection without a plan', () => {
    const cypher = sharedSymptomsCypher(false);
    expect(listsIn(cypher)).toEqual([...EVIDENCE_PROPERTIES]);
    expect(cypher).toContain('MATCH (src:Entity');
    expect(cypher).toContain('.description');
  });
});

describe('the other traversal statements', () => {
  const idsOnly = plan(['id'], { fields: ['source'], source: null });

  it('compareConditions always fetches the name (items are sorted by it) and nothing else unasked', () => {
    const cypher = compareCypher(false, idsOnly);
    expect(cypher).toContain('n { .id, .kind, .name }');
    expect(cypher).not.toContain('.description');
    expect(listsIn(cypher)).toEqual(['evSources']);
    expect(cypher).not.toContain('MATCH (src:Entity');
  });

  it('rankConditions always fetches the name (the explanations quote it)', () => {
    const cypher = rankCypher(false, idsOnly);
    expect(cypher).toContain('matchedBy: md { .id, .kind, .name }');
    expect(cypher).not.toContain('.xrefs');
  });

  it('neighborhood projects the planned node properties and edge evidence, and Fact sources only when asked', () => {
    const edgesOnly = neighborhoodCypher(2, false, plan(['name'], { fields: ['quote', 'source'], source: node(['title']) }));
    expect(edgesOnly).toContain('[n IN seen | n { .id, .kind, .name }] AS nodes');
    expect(listsIn(edgesOnly)).toEqual(['evSources', 'evQuotes']);
    expect(edgesOnly).toContain('src { .id, .kind, .title }');
    // Only the edges' evidence cites Sources here: the nodes' own lists are not read.
    expect(edgesOnly).not.toContain('item.evSources');

    const facts = neighborhoodCypher(1, false, plan(['statement'], null, { fields: ['quote', 'source'], source: node(['name']) }));
    expect(facts).toContain('__evidence: CASE WHEN n:Fact THEN [n { .evSources, .evQuotes }] ELSE null END');
    expect(facts).toContain('item.evSources');
    expect(facts).toContain('ev: null');
  });

  it('shortestPath projects the planned node properties, also for a path of length 0', () => {
    const cypher = shortestPathCypher(4, plan(['name'], null));
    expect(cypher).toContain('[n IN pathNodes | n { .id, .kind, .name }]');
    expect(cypher).not.toContain('MATCH (src:Entity');
    expect(sameNodeCypher(plan(['name'], null))).toContain('[a { .id, .kind, .name }]');
  });
});
