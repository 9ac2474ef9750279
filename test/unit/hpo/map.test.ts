import { mapHpo, referenceSourceId, type MappedHpo } from '../../../src/hpo/map';
import { validateHpoRecords } from '../../../src/hpo/import';
import { ARTICLE_ENTITIES, readFixture } from './fixture';

async function mapped(existing = ARTICLE_ENTITIES): Promise<MappedHpo> {
  const data = await readFixture();
  return mapHpo(data.obo, data.hpoa, data.ontology, existing);
}
const edge = (m: MappedHpo, subject: string, type: string, object: string) =>
  m.input.edges.find((e) => e.subject === subject && e.type === type && e.object === object);

describe('HPO -> GraphInput', () => {
  it('counts what it read', async () => {
    const m = await mapped();
    expect(m.counts).toEqual({
      terms: 21,
      obsoleteTerms: 1,
      isA: 21,
      annotations: 11,
      negatedAnnotations: 1,
      diseases: 5,
      references: 8,
      resolvedAltIds: 1,
      resolvedObsolete: 0,
      duplicateEvidence: 0,
    });
    expect(m.release).toMatchObject({ source: 'hpo', version: '2025-01-16', ontologyVersion: '2025-01-16', annotationsVersion: '2025-01-16' });
  });

  it('makes live terms Symptoms with synonyms and xrefs, keeps obsolete terms out, is_a -> SUBCLASS_OF', async () => {
    const m = await mapped([]);
    const node = m.input.nodes.find((n) => n.id === 'HP:0002380');
    expect(node).toMatchObject({ kind: 'Symptom', name: 'Fasciculations', aliases: ['Fasciculation', 'Muscle fasciculation', 'Muscle twitch'], xrefs: ['SNOMEDCT_US:82470000', 'UMLS:C0015644'], owner: 'hpo' });
    expect(m.input.nodes.find((n) => n.id === 'HP:0001425')).toBeUndefined();
    expect(edge(m, 'HP:0002380', 'SUBCLASS_OF', 'HP:0004305')?.evidence).toEqual([
      { source: 'infores:hp', quote: '', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'hpo' },
    ]);
    const props = m.terms.find((t) => t.hpoId === 'HP:0002380');
    expect(props).toMatchObject({ id: 'HP:0002380', altIds: ['HP:0002468', 'HP:0007092'], hpoCategory: 'phenotype', synonymTypes: ['EXACT', 'EXACT', 'EXACT layperson'] });
  });

  it('keeps inheritance and clinical course distinguishable from phenotypes', async () => {
    const m = await mapped();
    const category = (id: string) => m.terms.find((t) => t.hpoId === id)?.hpoCategory;
    expect(category('HP:0000006')).toBe('inheritance');
    expect(category('HP:0003581')).toBe('clinical_course');
    expect(category('HP:0040282')).toBe('frequency');
    expect(category('HP:0003394')).toBe('phenotype');
    expect(category('HP:0000001')).toBe('root');
  });

  it('turns each annotation into evidence per reference, NOT rows into NOT_HAS_SYMPTOM only', async () => {
    const m = await mapped([]);
    expect(edge(m, 'ORPHA:101112', 'NOT_HAS_SYMPTOM', 'HP:0002380')?.evidence).toHaveLength(1);
    expect(edge(m, 'ORPHA:101112', 'HAS_SYMPTOM', 'HP:0002380')).toBeUndefined();
    expect(edge(m, 'OMIM:606070', 'HAS_SYMPTOM', 'HP:0003581')?.evidence).toEqual([
      { source: 'ref:OMIM:606070', quote: '', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'hpo', code: 'PCS', frequency: '34/34', curation: 'HPO:probinson[2013-12-15];HPO:probinson[2022-03-14]' },
      { source: 'PMID:19344878', quote: '', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'hpo', code: 'PCS', frequency: '34/34', curation: 'HPO:probinson[2013-12-15];HPO:probinson[2022-03-14]' },
    ]);
    // The row on the alt_id HP:0002468 lands on HP:0002380.
    expect(edge(m, 'OMIM:606070', 'HAS_SYMPTOM', 'HP:0002380')?.evidence[0]).toMatchObject({ frequency: '5/34', source: 'PMID:19344878' });
    expect(m.input.nodes.find((n) => n.id === 'OMIM:105400')).toMatchObject({ kind: 'Condition', name: 'Amyotrophic lateral sclerosis 1', owner: 'hpo' });
    const sources = m.input.nodes.filter((n) => n.kind === 'Source').map((n) => n.id).sort();
    expect(sources).toEqual(['PMID:12789647', 'PMID:19344878', 'PMID:8446170', 'PMID:8730285', 'infores:hp', 'infores:hpo-annotations', 'ref:OMIM:105400', 'ref:OMIM:606070', 'ref:ORPHA:101112', 'ref:ORPHA:803'].sort());
    expect(m.input.nodes.find((n) => n.id === 'PMID:8446170')).toMatchObject({ url: 'https://pubmed.ncbi.nlm.nih.gov/8446170/' });
    expect(referenceSourceId('ORPHA:803')).toBe('ref:ORPHA:803');
  });

  it("joins the article's fasciculations and links ORPHA:803 and OMIM:105400 to its ALS", async () => {
    const m = await mapped();
    expect(m.joins).toEqual({
      symptoms: [{ hpoId: 'HP:0002380', id: 'fasciculations' }],
      conditions: [
        { disease: 'ORPHA:803', id: 'als', via: 'xref' },
        { disease: 'OMIM:105400', id: 'als', via: 'curated' },
      ],
      ambiguous: [],
    });
    expect(m.input.nodes.find((n) => n.id === 'HP:0002380')).toBeUndefined();
    expect(edge(m, 'ORPHA:803', 'HAS_SYMPTOM', 'fasciculations')?.evidence).toEqual([
      { source: 'ref:ORPHA:803', quote: '', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'hpo', code: 'TAS', frequency: 'HP:0040282', curation: 'ORPHA:orphadata[2025-01-16]' },
    ]);
    expect(edge(m, 'fasciculations', 'SUBCLASS_OF', 'HP:0004305')).toBeDefined();
    expect(edge(m, 'ORPHA:803', 'SUBCLASS_OF', 'als')?.evidence[0]).toMatchObject({ source: 'ref:ORPHA:803', quote: 'Amyotrophic lateral sclerosis' });
    expect(edge(m, 'OMIM:105400', 'SUBCLASS_OF', 'als')?.evidence[0]).toMatchObject({ source: 'ref:OMIM:105400', quote: 'Amyotrophic lateral sclerosis 1' });
    expect(m.terms.find((t) => t.hpoId === 'HP:0002380')?.id).toBe('fasciculations');
    expect(validateHpoRecords(m, ARTICLE_ENTITIES, 'fixture')).toEqual([]);
  });

  it('computes information content over the annotated diseases, propagated to ancestors', async () => {
    const m = await mapped();
    const ic = (id: string) => m.terms.find((t) => t.hpoId === id)?.ic;
    // 4 diseases have positive annotations (ORPHA:101112 only a NOT one). Fasciculations: ORPHA:803,
    // OMIM:105400, OMIM:606070 (via its alt id); Muscle spasm: ORPHA:803, OMIM:105400.
    expect(m.release.icDiseases).toBe(4);
    expect(ic('HP:0002380')).toBeCloseTo(-Math.log(3 / 4), 5);
    expect(ic('HP:0003394')).toBeCloseTo(-Math.log(2 / 4), 5);
    // OMIM:142900 has only an inheritance annotation, so 3 of 4 diseases reach Phenotypic abnormality.
    expect(ic('HP:0000118')).toBeCloseTo(-Math.log(3 / 4), 5);
    expect(ic('HP:0000001')).toBe(0);
    expect(ic('HP:0040282')).toBeUndefined();
  });
});
