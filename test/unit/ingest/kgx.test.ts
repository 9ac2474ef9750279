import type { Evidence, GraphInput } from '../../../src/domain/model';
import { formatKgx, fromKgx, fromCurie, mapPredicate, toCurie, toKgx } from '../../../src/ingest/kgx';
import { readSeed } from '../../../src/ingest/seed-files';

const ev = (quote: string, source = 'article'): Evidence => ({ source, quote, knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'seed' });

describe('KGX mapping', () => {
  it('prefixes our kebab-case ids and leaves CURIEs as they are', () => {
    expect(toCurie('als')).toBe('condition-graph:als');
    expect(toCurie('HP:0002380')).toBe('HP:0002380');
    expect(fromCurie('condition-graph:als')).toBe('als');
    expect(fromCurie('OMIM:105400')).toBe('OMIM:105400');
  });

  it('writes a negative fact as the positive predicate with negated: true', () => {
    const graph: GraphInput = {
      nodes: [
        { id: 'bfs', kind: 'Condition', name: 'BFS', aliases: [], xrefs: [], owner: 'seed' },
        { id: 'nerve-damage', kind: 'Mechanism', name: 'Nerve damage', aliases: [], xrefs: [], owner: 'seed' },
      ],
      edges: [{ type: 'NOT_CAUSES', subject: 'bfs', object: 'nerve-damage', owner: 'seed', evidence: [ev('does not cause any damage')] }],
    };
    const [edge] = toKgx(graph).edges;
    expect(edge).toMatchObject({ subject: 'condition-graph:bfs', predicate: 'biolink:causes', object: 'condition-graph:nerve-damage', negated: true, publications: ['condition-graph:article'], supporting_text: ['does not cause any damage'], knowledge_level: 'knowledge_assertion', agent_type: 'manual_agent', primary_knowledge_source: 'infores:condition-graph' });
  });

  it('writes one KGX edge per piece of evidence and reads them back as one relationship', () => {
    const graph: GraphInput = {
      nodes: [
        { id: 'als', kind: 'Condition', name: 'ALS', aliases: [], xrefs: [], owner: 'seed' },
        { id: 'fasciculations', kind: 'Symptom', name: 'Fasciculations', aliases: [], xrefs: [], owner: 'seed' },
        { id: 'article', kind: 'Source', name: 'Article', aliases: [], xrefs: [], owner: 'seed' },
        { id: 'ref-1', kind: 'Source', name: 'Ref 1', aliases: [], xrefs: [], owner: 'seed' },
      ],
      edges: [{ type: 'HAS_SYMPTOM', subject: 'als', object: 'fasciculations', owner: 'seed', evidence: [ev('one'), ev('two', 'ref-1')] }],
    };
    const kgx = toKgx(graph);
    expect(kgx.edges.map((e) => e.id)).toEqual(['condition-graph:als|HAS_SYMPTOM|fasciculations#1', 'condition-graph:als|HAS_SYMPTOM|fasciculations#2']);
    const back = fromKgx(JSON.parse(formatKgx(kgx)));
    expect(back.input.edges).toEqual(graph.edges);
    expect(back.input.nodes).toEqual([...graph.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('chooses the relationship type from the predicate and the kinds of both ends', () => {
    expect(mapPredicate('biolink:ameliorates_condition', false, 'Treatment', 'Condition')).toBe('TREATS');
    expect(mapPredicate('biolink:ameliorates_condition', false, 'Treatment', 'Symptom')).toBe('RELIEVES');
    expect(mapPredicate('biolink:has_phenotype', true, 'Condition', 'Symptom')).toBe('NOT_HAS_SYMPTOM');
    expect(mapPredicate('biolink:subclass_of', false, 'Symptom', 'Condition')).toBeUndefined();
    expect(mapPredicate('biolink:interacts_with', false, 'Condition', 'Symptom')).toBeUndefined();
  });

  it('counts and names unmapped categories and predicates instead of dropping them silently', () => {
    const result = fromKgx({
      nodes: [
        { id: 'MONDO:1', category: ['biolink:Disease'], name: 'D' },
        { id: 'HGNC:1', category: ['biolink:Gene'], name: 'G' },
        { id: 'HP:1', category: ['biolink:PhenotypicFeature'], name: 'P' },
      ],
      edges: [
        { subject: 'HGNC:1', predicate: 'biolink:related_to', object: 'MONDO:1', publications: ['PMID:1'] },
        { subject: 'MONDO:1', predicate: 'biolink:interacts_with', object: 'HP:1', publications: ['PMID:1'] },
        { subject: 'MONDO:1', predicate: 'biolink:has_phenotype', object: 'HP:1', publications: ['PMID:2'], knowledge_level: 'observation' },
      ],
    });
    expect(result.unmappedCategories).toEqual({ 'biolink:Gene': 1 });
    expect(result.unmappedPredicates).toEqual({ 'biolink:interacts_with (Condition -> Symptom)': 1 });
    expect(result.edgesWithUnimportedEnd).toBe(1);
    expect(result.input.edges).toEqual([
      { type: 'HAS_SYMPTOM', subject: 'MONDO:1', object: 'HP:1', owner: 'kgx', evidence: [{ source: 'PMID:2', quote: '', knowledgeLevel: 'observation', agentType: 'not_provided', owner: 'kgx' }] },
    ]);
    expect(result.createdSources).toEqual(['PMID:2']);
  });

  it('reports an edge whose end is neither in the file nor in the database', () => {
    const result = fromKgx({ nodes: [], edges: [{ subject: 'MONDO:1', predicate: 'biolink:has_phenotype', object: 'HP:1' }] });
    expect(result.problems.map((p) => p.message)).toEqual(['unknown entity "MONDO:1" (not in the file nor in the database)', 'unknown entity "HP:1" (not in the file nor in the database)']);
  });

  it('exports an entity under its registered CURIE, keeps the project id as an xref, and maps both back', () => {
    const seed = readSeed().input;
    const file = toKgx(seed);
    const als = file.nodes.find((n) => n.id === 'MONDO:0004976');
    expect(als?.xref).toEqual([...(seed.nodes.find((n) => n.id === 'als')?.xrefs ?? []), 'condition-graph:als']);
    expect(file.nodes.find((n) => n.id === 'condition-graph:bfs')).toBeDefined();
    expect(file.edges.find((e) => e.subject === 'MONDO:0004976' && e.object === 'HP:0002380')?.predicate).toBe('biolink:has_phenotype');
    const back = fromKgx(file);
    expect(back.problems).toEqual([]);
    expect(back.input.nodes.find((n) => n.id === 'als')?.xrefs).toEqual(seed.nodes.find((n) => n.id === 'als')?.xrefs);
    expect(back.input.edges.some((e) => e.subject === 'als' && e.object === 'fasciculations' && e.type === 'HAS_SYMPTOM')).toBe(true);
    expect(formatKgx(toKgx(back.input))).toBe(formatKgx(file));
  });

  it('keeps a project id when the registered CURIE is already the id of another entity', () => {
    const node = (id: string, xrefs: string[] = []) => ({ id, kind: 'Symptom' as const, name: id, aliases: [], xrefs, owner: 'seed' });
    const file = toKgx({ nodes: [node('HP:0002380'), node('fasciculations', ['HP:0002380'])], edges: [] });
    expect(file.nodes.map((n) => n.id)).toEqual(['HP:0002380', 'condition-graph:fasciculations']);
  });

  it('exports the seed deterministically whatever the input order', () => {
    const seed = readSeed().input;
    const reversed: GraphInput = { nodes: [...seed.nodes].reverse(), edges: [...seed.edges].reverse() };
    expect(formatKgx(toKgx(reversed))).toBe(formatKgx(toKgx(seed)));
  });
});
