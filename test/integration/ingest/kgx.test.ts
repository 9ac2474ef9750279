import type { Database } from '../../../src/db';
import { UnmappedKgxTerms, exportKgx, importKgx } from '../../../src/ingest/import-kgx';
import { graphCounts, readGraph } from '../../../src/ingest/read-graph';
import { reseed } from '../../../src/ingest/seed';
import { curate } from '../../helpers/curate';
import { openTestDatabase, silentLogger, wipe } from '../../helpers/seeded-graph';

// Loads run real transactions against Neo4j (the schema is created on first use): allow them time.
jest.setTimeout(120_000);

let db: Database;

beforeAll(async () => {
  db = openTestDatabase();
  await wipe(db);
});

afterAll(async () => {
  await wipe(db);
  await reseed(db, silentLogger); // leave the seed loaded for the integration tests that follow
  await db.close();
});

/** A KGX file written by hand (not by our export), in the style of a Monarch / KG2 extract. */
const HAND_WRITTEN = {
  nodes: [
    { id: 'MONDO:0004976', category: ['biolink:Disease', 'biolink:DiseaseOrPhenotypicFeature'], name: 'amyotrophic lateral sclerosis', synonym: ['ALS'], xref: ['DOID:332'] },
    { id: 'HP:0002380', category: ['biolink:PhenotypicFeature'], name: 'Fasciculations', description: 'Fasciculations are observed as small, local, involuntary muscle contractions.' },
    { id: 'HP:0001308', category: ['biolink:PhenotypicFeature'], name: 'Tongue fasciculations' },
    { id: 'HP:0003394', category: ['biolink:PhenotypicFeature'], name: 'Muscle spasm' },
    { id: 'UBERON:0001723', category: ['biolink:AnatomicalEntity'], name: 'tongue' },
    { id: 'HGNC:11179', category: ['biolink:Gene'], name: 'SOD1' },
  ],
  edges: [
    { id: 'e1', subject: 'MONDO:0004976', predicate: 'biolink:has_phenotype', object: 'HP:0002380', primary_knowledge_source: 'infores:hpo-annotations', knowledge_level: 'knowledge_assertion', agent_type: 'manual_agent', publications: ['ORPHA:803'] },
    { id: 'e2', subject: 'MONDO:0004976', predicate: 'biolink:has_phenotype', object: 'HP:0002380', primary_knowledge_source: 'infores:hpo-annotations', publications: ['PMID:12345'] },
    { id: 'e3', subject: 'MONDO:0004976', predicate: 'biolink:has_phenotype', object: 'HP:0003394', negated: true, publications: ['PMID:12345'] },
    { id: 'e4', subject: 'HP:0001308', predicate: 'biolink:subclass_of', object: 'HP:0002380', primary_knowledge_source: 'infores:hpo' },
    { id: 'e5', subject: 'HP:0001308', predicate: 'biolink:located_in', object: 'UBERON:0001723', publications: ['PMID:12345'] },
    { id: 'e6', subject: 'HGNC:11179', predicate: 'biolink:gene_associated_with_condition', object: 'MONDO:0004976', publications: ['PMID:1'] },
    { id: 'e7', subject: 'MONDO:0004976', predicate: 'biolink:interacts_with', object: 'HP:0001308', publications: ['PMID:1'] },
  ],
};

describe('KGX exchange', () => {
  it('exports, imports into an empty database and exports again byte for byte', async () => {
    await reseed(db, silentLogger);
    const first = await exportKgx(db);
    const countsBefore = await graphCounts(db);
    await wipe(db);
    await importKgx(db, JSON.parse(first), silentLogger);
    expect(await graphCounts(db)).toEqual(countsBefore);
    const second = await exportKgx(db);
    expect(second).toBe(first);
    const parsed = JSON.parse(first) as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };
    expect(parsed.edges.filter((e) => e.negated === true).length).toBe(countsBefore.edges.NOT_CAUSES);
  });

  it('exports and re-imports a curated graph byte for byte, each curated edge with its provenance', async () => {
    await wipe(db);
    await reseed(db, silentLogger);
    const [seedEdge] = (await readGraph(db)).edges.filter((e) => e.owner === 'seed' && e.type === 'HAS_SYMPTOM' && e.evidence[0]?.source === 'article');
    if (!seedEdge) throw new Error('the seed has HAS_SYMPTOM statements quoting the article');
    const text = 'Cold showers made the twitching worse in most participants.';
    await curate(db, { operation: 'CREATE_SOURCE', node: { id: 'kgx-cold-study', kind: 'Source', name: 'Cold study', title: 'Cold study', aliases: [], xrefs: [], owner: 'curation', text } });
    await curate(db, { operation: 'CREATE_ENTITY', node: { id: 'kgx-cold-exposure', kind: 'Trigger', name: 'Cold exposure', aliases: [], xrefs: [], owner: 'curation' } });
    const evidence = { source: 'kgx-cold-study', quote: text, knowledgeLevel: 'observation', agentType: 'manual_agent', owner: 'curation', curation: 'alice[2026-12-04]' } as const;
    await curate(db, { operation: 'ASSERT_RELATIONSHIP', edge: { type: 'ASSOCIATED_WITH', subject: 'bfs', object: 'kgx-cold-exposure', owner: 'curation', evidence: [evidence] } });
    await curate(db, { operation: 'ASSERT_RELATIONSHIP', edge: { ...seedEdge, owner: 'curation', evidence: [evidence] } });
    await curate(db, { operation: 'UPDATE_ENTITY', id: 'muscle-cramps', version: 1, set: { description: 'Curated description.' } });

    const first = await exportKgx(db);
    await wipe(db);
    await importKgx(db, JSON.parse(first), silentLogger);
    expect(await exportKgx(db)).toBe(first);
    const edges = (JSON.parse(first) as { edges: Array<Record<string, unknown>> }).edges.filter((e) => e.evidence_owner === 'curation');
    expect(edges).toHaveLength(2);
    for (const edge of edges) {
      expect(edge).toMatchObject({ publications: ['condition-graph:kgx-cold-study'], supporting_text: [text], knowledge_level: 'observation', agent_type: 'manual_agent', biocuration: 'alice[2026-12-04]' });
    }
    const cramps = (JSON.parse(first) as { nodes: Array<Record<string, unknown>> }).nodes.find((n) => n.id === 'condition-graph:muscle-cramps' || (n.xref as string[]).includes('condition-graph:muscle-cramps'));
    expect(cramps).toMatchObject({ owner: 'curation', version: 2, description: 'Curated description.' });
  });

  it('refuses a hand-written file with unmapped categories and predicates, naming and counting them, and writes nothing', async () => {
    await wipe(db);
    const error = await importKgx(db, HAND_WRITTEN, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnmappedKgxTerms);
    expect((error as UnmappedKgxTerms).report.unmappedCategories).toEqual({ 'biolink:Gene': 1 });
    expect((error as UnmappedKgxTerms).report.unmappedPredicates).toEqual({ 'biolink:interacts_with (Condition -> Symptom)': 1 });
    expect((error as Error).message).toMatch(/category biolink:Gene: 1 node/);
    expect((await graphCounts(db)).totalNodes).toBe(0);
  });

  it('imports the mappable part of a hand-written file with the expected counts when asked to skip the rest', async () => {
    await wipe(db);
    const result = await importKgx(db, HAND_WRITTEN, silentLogger, { skipUnmapped: true });
    expect(result.report).toMatchObject({ unmappedCategories: { 'biolink:Gene': 1 }, edgesWithUnimportedEnd: 1 });
    expect(result.report.createdSources.sort()).toEqual(['ORPHA:803', 'PMID:12345', 'infores:hpo']);
    const counts = await graphCounts(db);
    expect(counts.nodes).toEqual({ BodyRegion: 1, Condition: 1, Source: 3, Symptom: 3 });
    expect(counts.edges).toEqual({ HAS_SYMPTOM: 1, NOT_HAS_SYMPTOM: 1, OCCURS_IN: 1, SUBCLASS_OF: 1 });
    const graph = await readGraph(db);
    const als = graph.edges.find((e) => e.type === 'HAS_SYMPTOM');
    expect(als?.evidence.map((ev) => ev.source)).toEqual(['ORPHA:803', 'PMID:12345']);
    expect(graph.nodes.find((n) => n.id === 'MONDO:0004976')).toMatchObject({ kind: 'Condition', aliases: ['ALS'], xrefs: ['DOID:332'], owner: 'kgx' });
    // importing the same file again changes nothing
    await importKgx(db, HAND_WRITTEN, silentLogger, { skipUnmapped: true });
    expect(await graphCounts(db)).toEqual(counts);
  });

  it('leaves the graph as it was when an import fails half-way', async () => {
    const before = await readGraph(db);
    await expect(importKgx(db, HAND_WRITTEN, silentLogger, { skipUnmapped: true, batchSize: 1, failAfterBatches: 6 })).rejects.toThrow(/injected failure/);
    expect(await readGraph(db)).toEqual(before);
  });
});
