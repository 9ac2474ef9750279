import type { EdgeRecord, Evidence, GraphInput, NodeRecord } from '../../../src/domain/model';
import { anchorGraph } from '../../../src/domain/text/evidence-quotes';
import { readSeed, validateSeed } from '../../../src/ingest/seed-files';
import { ValidationFailed, assertValid, formatIssue, validateGraph, type ValidateOptions } from '../../../src/ingest/validate';

const ARTICLE = 'ALS causes twitching.¹ BFS does not damage the nerves.';
const ev = (quote: string, source = 'article'): Evidence => ({ source, quote, knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'seed' });
const node = (id: string, kind: NodeRecord['kind'], extra: Partial<NodeRecord> = {}): NodeRecord => ({ id, kind, name: id, aliases: [], xrefs: [], owner: 'seed', ...extra });

function validGraph(): GraphInput {
  return {
    nodes: [
      node('als', 'Condition'),
      node('fasciculations', 'Symptom'),
      node('article', 'Source', { text: ARTICLE }),
      node('ref-1', 'Source', { refNumber: 1, title: 'What is ALS?', citedIn: 'article' }),
      node('nerve-damage', 'Mechanism'),
      node('bfs', 'Condition'),
    ],
    edges: [
      { type: 'HAS_SYMPTOM', subject: 'als', object: 'fasciculations', owner: 'seed', evidence: [ev('ALS causes twitching.', 'ref-1')] },
      { type: 'NOT_CAUSES', subject: 'bfs', object: 'nerve-damage', owner: 'seed', evidence: [ev('BFS does not damage the nerves.')] },
    ],
  };
}

const options: ValidateOptions = { kebabIds: true, defaultFile: 'test.yaml' };
/** Validation as every loader runs it: quotes anchored in their source's text first. */
const messages = (graph: GraphInput, opts: ValidateOptions = options) => validateGraph(anchorGraph(graph), opts).map(formatIssue);

describe('validation before any write', () => {
  it('accepts a well-formed graph', () => {
    expect(validateGraph(anchorGraph(validGraph()), options)).toEqual([]);
  });

  it('stores a quote as the exact span of the text, offsets included', () => {
    const [first] = anchorGraph(validGraph()).edges;
    expect(first?.evidence[0]).toMatchObject({ quote: 'ALS causes twitching.', spans: '0-21' });
  });

  it('refuses evidence of a source with text whose quote was not anchored (no offsets)', () => {
    expect(validateGraph(validGraph(), options).map(formatIssue)).toEqual([
      expect.stringContaining('evidence[0].spans: the quote was not anchored'),
      expect.stringContaining('evidence[0].spans: the quote was not anchored'),
    ]);
  });

  it('reports a record of the wrong shape with the field at fault', () => {
    const graph = validGraph();
    graph.nodes.push({ ...node('cramps', 'Symptom'), name: '' }, { ...node('tongue', 'BodyRegion'), colour: 'red' } as NodeRecord);
    expect(messages(graph)).toEqual([
      expect.stringMatching(/^test\.yaml: node #7 \(cramps\): name: must be a non-empty string/),
      expect.stringMatching(/^test\.yaml: node #8 \(tongue\): \(record\): Unrecognized key.*colour/),
    ]);
  });

  it('rejects ids that are not lowercase kebab-case', () => {
    const graph = validGraph();
    graph.nodes.push(node('Limb_Onset', 'Condition'));
    expect(messages(graph)).toEqual([expect.stringContaining('node #7 (Limb_Onset): id: "Limb_Onset" is not lowercase kebab-case')]);
  });

  it('rejects a duplicate id and says where it was first defined', () => {
    const graph = validGraph();
    graph.nodes.push(node('als', 'Condition'));
    expect(messages(graph)).toEqual([expect.stringContaining('id: duplicate id "als" (first defined in test.yaml: node #1 (als))')]);
  });

  it('rejects a relationship whose end does not exist', () => {
    const graph = validGraph();
    graph.edges.push({ type: 'HAS_SYMPTOM', subject: 'als', object: 'cramps', owner: 'seed', evidence: [ev('ALS causes twitching.')] });
    expect(messages(graph)).toEqual([expect.stringContaining('edge #3 (als HAS_SYMPTOM cramps): object: unknown entity "cramps"')]);
  });

  it('rejects a relationship type outside the whitelist', () => {
    const graph = validGraph();
    graph.edges.push({ type: 'LIKES' as EdgeRecord['type'], subject: 'als', object: 'bfs', owner: 'seed', evidence: [ev('ALS causes twitching.')] });
    expect(messages(graph)).toEqual([expect.stringMatching(/edge #3 \(als LIKES bfs\): type: Invalid option/)]);
  });

  it('rejects a relationship between kinds its type does not allow', () => {
    const graph = validGraph();
    graph.edges.push({ type: 'HAS_SYMPTOM', subject: 'fasciculations', object: 'als', owner: 'seed', evidence: [ev('ALS causes twitching.')] });
    expect(messages(graph)).toEqual([expect.stringContaining('type: HAS_SYMPTOM cannot join a Symptom to a Condition (allowed: Condition -> Symptom)')]);
  });

  it('rejects a relationship without evidence', () => {
    const graph = validGraph();
    graph.edges[0]!.evidence = [];
    expect(messages(graph)).toEqual([expect.stringContaining('evidence: needs at least one piece of evidence (no relationship without provenance)')]);
  });

  it('rejects evidence citing an unknown source or an entity that is not a Source', () => {
    const graph = validGraph();
    graph.edges[0]!.evidence = [ev('ALS causes twitching.', 'ref-9'), ev('ALS causes twitching.', 'als')];
    expect(messages(graph)).toEqual([
      expect.stringContaining('evidence[0].source: unknown source "ref-9"'),
      expect.stringContaining('evidence[1].source: "als" is a Condition, not a Source'),
    ]);
  });

  it('refuses a quote that is not an exact span, naming the nearest passage', () => {
    const graph = validGraph();
    graph.edges[0]!.evidence = [ev('ALS always causes twitching.', 'ref-1')];
    expect(messages(graph)).toEqual([
      expect.stringContaining(
        'evidence[0].quote: quote is not an exact span of the source text: "ALS always causes twitching."; nearest passage (at 0-21): "ALS causes twitching." (text of "article")',
      ),
    ]);
  });

  it('accepts a quote differing from the text in whitespace only, and stores the text\'s own characters', () => {
    const graph = validGraph();
    graph.edges[1]!.evidence = [ev('  BFS does not\n damage   the nerves. ')];
    expect(messages(graph)).toEqual([]);
    expect(anchorGraph(graph).edges[1]?.evidence[0]).toMatchObject({ quote: 'BFS does not damage the nerves.', spans: '23-54' });
  });

  it('refuses straight apostrophes for curly ones, and a reference mark left out inside a quote', () => {
    const graph = validGraph();
    graph.nodes[2]!.text = 'Lou Gehrig’s disease.¹ Next sentence.';
    graph.edges[0]!.evidence = [ev("Lou Gehrig's disease.", 'ref-1')];
    graph.edges[1]!.evidence = [ev('disease. Next sentence.')];
    expect(messages(graph)).toEqual([
      expect.stringContaining('evidence[0].quote: quote is not an exact span of the source text: "Lou Gehrig\'s disease."; nearest passage (at 0-21): "Lou Gehrig’s disease."'),
      expect.stringContaining('evidence[0].quote: quote is not an exact span of the source text: "disease. Next sentence."'),
    ]);
  });

  it('refuses stored offsets that do not hold the quote', () => {
    const graph = anchorGraph(validGraph());
    graph.edges[0]!.evidence[0]!.spans = '1-22';
    expect(validateGraph(graph, options).map(formatIssue)).toEqual([expect.stringContaining('evidence[0].spans: the quote is not the text at 1-22')]);
  });

  it('refuses a quote that occurs twice unless it is longer, and anchors a list item after its intro', () => {
    const graph = validGraph();
    graph.nodes[2]!.text = 'Symptoms include:\n  • Stress\nTriggers include:\n  • Stress\n';
    graph.edges[0]!.evidence = [ev('Stress', 'ref-1')];
    graph.edges[1]!.evidence = [{ ...ev('Stress'), intro: 'Triggers include:' }];
    expect(messages(graph)).toEqual([expect.stringContaining('evidence[0].quote: quote occurs 2 times in the source text (at 22, 51)')]);
    expect(anchorGraph(graph).edges[1]?.evidence[0]).toMatchObject({ quote: 'Stress', intro: 'Triggers include:', spans: '51-57,29-46' });
  });

  it('rejects an ontology id that is not in the checked cross-reference table', () => {
    const graph = validGraph();
    graph.nodes[5]!.xrefs = ['MONDO:9999999'];
    expect(messages(graph, { ...options, allowedXrefs: new Set(['MONDO:0004976']) })).toEqual([
      expect.stringContaining('node #6 (bfs): xrefs[0]: "MONDO:9999999" is not a checked cross-reference'),
    ]);
  });

  it('requires a Fact to have a statement and evidence, and keeps Fact fields off other kinds', () => {
    const graph = validGraph();
    graph.nodes.push(node('no-cure', 'Fact'));
    graph.nodes[0]!.statement = 'ALS exists';
    expect(messages(graph)).toEqual([
      expect.stringContaining('node #1 (als): statement: only Fact entities have "statement"'),
      expect.stringContaining('node #7 (no-cure): statement: a Fact needs a statement'),
      expect.stringContaining('node #7 (no-cure): evidence: a Fact needs at least one piece of evidence'),
    ]);
  });

  it('lists every error of an input at once, and assertValid throws them all', () => {
    const graph = validGraph();
    graph.nodes.push(node('BAD ID', 'Condition'));
    graph.edges[0]!.evidence = [ev('not in the article')];
    graph.edges[1]!.object = 'nowhere';
    const anchored = anchorGraph(graph);
    expect(validateGraph(anchored, options)).toHaveLength(3);
    expect(() => assertValid(anchored, options)).toThrow(ValidationFailed);
    try {
      assertValid(anchored, options);
    } catch (error) {
      expect((error as ValidationFailed).issues).toHaveLength(3);
      expect((error as Error).message).toMatch(/^3 validation error\(s\):/);
    }
  });

  it('finds the committed seed files valid', () => {
    const seed = readSeed();
    expect(validateSeed(seed).map(formatIssue)).toEqual([]);
    expect(seed.input.nodes.length).toBeGreaterThan(50);
  });
});
