/**
 * The API over the HPO fixture (issue 8, item 4): real GraphQL over HTTP against the article's seed
 * plus the fixture import. rankConditions matches through the phenotype hierarchy weighted by `ic`,
 * search finds HPO synonyms and alt ids, graphStats shows the release.
 *
 * The fixture's IC: N = 4 diseases with a positive annotation (OMIM:142900, OMIM:606070,
 * OMIM:105400, ORPHA:803). Fasciculations and its ancestors up to Phenotypic abnormality reach 3 of
 * them (ic = ln 4/3); Muscle spasm (the article's muscle cramps) and its ancestors up to the
 * musculoskeletal system reach 2 (ic = ln 2).
 */
import path from 'node:path';
import type { Database } from '../../../src/db';
import { FULLTEXT_INDEX, FULLTEXT_PROPERTIES } from '../../../src/domain/model';
import { importHpo } from '../../../src/hpo/import';
import { ensureSchema } from '../../../src/ingest/load';
import { reseed } from '../../../src/ingest/seed';
import { startApi, type Api } from '../../helpers/api-client';
import { countFlights } from '../../helpers/count-flights';
import { openTestDatabase, silentLogger, wipe } from '../../helpers/seeded-graph';

jest.setTimeout(180_000);

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'hpo');
const LN_4_3 = Math.log(4 / 3);
const LN_2 = Math.log(2);

let db: Database;
let api: Api;

beforeAll(async () => {
  db = openTestDatabase(120_000);
  await wipe(db);
  await reseed(db, silentLogger);
  await importHpo(db, FIXTURE, silentLogger);
  api = await startApi({ db });
});

afterAll(async () => {
  await api?.stop();
  // Leave the article's seed alone in the database for the integration tests that follow.
  await wipe(db);
  await reseed(db, silentLogger);
  await db.close();
});

async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await api.query<T>(query, variables);
  expect(result.errors).toBeUndefined();
  expect(result.status).toBe(200);
  return result.data as T;
}

interface Ref {
  id: string;
  name: string;
}
interface Match {
  symptom: Ref;
  matchedBy: Ref;
  through: Ref;
  kind: string;
  informationContent: number;
  symptomInformationContent: number;
  contribution: number;
  explanation: string;
  via: Ref;
  evidence: { source: Ref; code: string | null; frequency: string | null; owner: string }[];
}
interface Ranked {
  condition: Ref;
  score: number;
  method: string;
  matched: Ref[];
  unmatched: Ref[];
  ignored: Ref[];
  contradicted: Ref[];
  matches: Match[];
  explanation: string;
}

const RANK = `query Rank($ids: [ID!]!, $first: Int, $sub: Boolean) {
  rankConditions(symptomIds: $ids, first: $first, includeSubtypes: $sub) {
    condition { id name } score method explanation
    matched { id } unmatched { id } ignored { id } contradicted { id }
    matches {
      symptom { id name } matchedBy { id name } through { id name } kind
      informationContent symptomInformationContent contribution explanation via { id name }
      evidence { source { id name } code frequency owner }
    }
  }
}`;

describe('rankConditions through the HPO phenotype hierarchy (fixture)', () => {
  it('matches asked ancestors with the conditions’ more specific terms, weighted by ic, explained', async () => {
    // Abnormal muscle physiology (HP:0011804) and Involuntary movements (HP:0004305): no condition is
    // annotated with either; ALS (ORPHA:803, OMIM:105400) has a kind of each (muscle spasm, fasciculations).
    const measured = await countFlights<{ rankConditions: Ranked[] }>(api, RANK, { ids: ['HP:0011804', 'HP:0004305'], first: 10 });
    expect(measured.flights).toBe(1);
    expect(measured.result.errors).toBeUndefined();
    const rankConditions = measured.result.data?.rankConditions ?? [];
    const byId = new Map(rankConditions.map((r) => [r.condition.id, r]));

    const orpha = byId.get('ORPHA:803');
    expect(orpha?.score).toBeCloseTo(1, 6);
    expect(orpha?.method).toBe('IC_BEST_MATCH');
    expect(orpha?.matched.map((s) => s.id)).toEqual(['HP:0011804', 'HP:0004305']);
    const [muscle, movement] = orpha?.matches ?? [];
    expect(muscle).toMatchObject({
      symptom: { id: 'HP:0011804' },
      matchedBy: { id: 'muscle-cramps' }, // the article's muscle cramps is HPO's Muscle spasm, HP:0003394
      through: { id: 'HP:0011804' },
      kind: 'MORE_SPECIFIC',
      via: { id: 'ORPHA:803' },
    });
    expect(muscle?.informationContent).toBeCloseTo(LN_2, 5);
    expect(movement).toMatchObject({ matchedBy: { id: 'fasciculations' }, through: { id: 'HP:0004305' }, kind: 'MORE_SPECIFIC' });
    expect(movement?.informationContent).toBeCloseTo(LN_4_3, 5);
    expect(movement?.contribution).toBeCloseTo(LN_4_3 / (LN_2 + LN_4_3), 5);
    // The evidence of the match is the evidence of ORPHA:803 -HAS_SYMPTOM-> fasciculations, with its own source.
    expect(movement?.evidence).toEqual([
      { source: { id: 'ref:ORPHA:803', name: 'ORPHA:803' }, code: 'TAS', frequency: 'HP:0040282', owner: 'hpo' },
    ]);
    expect(movement?.explanation).toMatch(/"Involuntary movements" matches the condition's more specific "Fasciculations"/);

    // ALS 21 has fasciculations only: muscle physiology matches it only through Phenotypic abnormality.
    const als21 = byId.get('OMIM:606070');
    const common = als21?.matches.find((m) => m.symptom.id === 'HP:0011804');
    expect(common).toMatchObject({ matchedBy: { id: 'fasciculations' }, through: { id: 'HP:0000118', name: 'Phenotypic abnormality' }, kind: 'COMMON_ANCESTOR' });
    expect(common?.informationContent).toBeCloseTo(LN_4_3, 5);
    expect(common?.symptomInformationContent).toBeCloseTo(LN_2, 5);
    expect(als21?.score).toBeCloseTo((LN_4_3 + LN_4_3) / (LN_2 + LN_4_3), 5);
    expect(als21?.explanation).toMatch(/Matches 2 of 2 symptoms \(0 exactly, 2 through the phenotype hierarchy\)/);
    expect(als21?.explanation).toMatch(/HPO's ic over 4 annotated diseases/);

    // Best first; ALS (both records) above ALS 21; Holt-Oram (inheritance only) and ORPHA:101112 (NOT only) never match.
    const scores = rankConditions.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(rankConditions.findIndex((r) => r.condition.id === 'OMIM:606070')).toBeGreaterThan(rankConditions.findIndex((r) => r.condition.id === 'OMIM:105400'));
    expect(byId.has('OMIM:142900')).toBe(false);
    expect(byId.has('ORPHA:101112')).toBe(false);
    // The article's own conditions stated to have fasciculations match too, with the article's evidence.
    const bfs = byId.get('bfs');
    expect(bfs?.matches.find((m) => m.symptom.id === 'HP:0004305')?.evidence.every((e) => e.owner === 'seed')).toBe(true);
  });

  it('matches an asked term exactly with its full ic', async () => {
    const { rankConditions } = await gql<{ rankConditions: Ranked[] }>(RANK, { ids: ['fasciculations'], first: 50 });
    const orpha = rankConditions.find((r) => r.condition.id === 'ORPHA:803');
    expect(orpha?.matches[0]).toMatchObject({ kind: 'EXACT', matchedBy: { id: 'fasciculations' }, through: { id: 'fasciculations' } });
    expect(orpha?.matches[0]?.informationContent).toBeCloseTo(LN_4_3, 5);
    expect(orpha?.score).toBeCloseTo(1, 6);
    // The article's BFS states fasciculations itself (and eyelid twitching, a kind of it): the exact match wins the tie.
    expect(rankConditions.find((r) => r.condition.id === 'bfs')?.matches[0]).toMatchObject({ kind: 'EXACT', matchedBy: { id: 'fasciculations' } });
  });

  it('ignores asked terms that are not phenotypes, and never matches a condition’s inheritance or onset', async () => {
    // Autosomal dominant inheritance (HP:0000006) and Adult onset (HP:0003581) are annotated on ALS 1, ALS 21 and Holt-Oram.
    const { rankConditions } = await gql<{ rankConditions: Ranked[] }>(RANK, { ids: ['HP:0000006', 'HP:0003581', 'muscle-cramps'], first: 50 });
    expect(rankConditions.length).toBeGreaterThan(0);
    for (const ranked of rankConditions) {
      expect(ranked.ignored.map((s) => s.id)).toEqual(['HP:0000006', 'HP:0003581']);
      expect(ranked.unmatched.map((s) => s.id)).not.toContain('HP:0000006');
      expect(ranked.matches.every((m) => m.symptom.id === 'muscle-cramps')).toBe(true);
      expect(ranked.explanation).toMatch(/2 asked terms are not a phenotype/);
    }
    expect(rankConditions.map((r) => r.condition.id)).not.toContain('OMIM:142900');
    // ALS 21 has fasciculations, besides inheritance and onset: muscle cramps meets it only at Phenotypic abnormality.
    expect(rankConditions.find((r) => r.condition.id === 'OMIM:606070')?.matches.map((m) => [m.symptom.id, m.through.id])).toEqual([
      ['muscle-cramps', 'HP:0000118'],
    ]);
  });

  it("counts a subtype's (an HPOA disease's) terms for the article's ALS with includeSubtypes", async () => {
    const { rankConditions } = await gql<{ rankConditions: Ranked[] }>(RANK, { ids: ['HP:0011804', 'HP:0004305'], first: 10, sub: true });
    const als = rankConditions.find((r) => r.condition.id === 'als');
    expect(als?.score).toBeCloseTo(1, 6);
    expect(als?.matches.map((m) => m.via.id).sort()).toEqual(expect.arrayContaining(['als']));
  });
});

describe('search finds HPO terms by synonym and alt id (fixture)', () => {
  const SEARCH = `query S($text: String!) { search(text: $text, first: 5) { entity { id name } matchedText score } }`;
  type Hits = { search: { entity: Ref; matchedText: string[]; score: number }[] };

  it('by a synonym of an HPO term', async () => {
    const { search } = await gql<Hits>(SEARCH, { text: 'Movement disorder' });
    expect(search[0]?.entity).toEqual({ id: 'HP:0100022', name: 'Abnormality of movement' });
    expect(search[0]?.matchedText).toContain('Movement disorder');
  });

  it("by an HPO synonym of an article node an HPO term joined (its aliases stay the article's)", async () => {
    const { search } = await gql<Hits>(SEARCH, { text: 'Muscle spasms' });
    expect(search[0]?.entity.id).toBe('muscle-cramps');
    expect(search[0]?.matchedText).toContain('Muscle spasms');
  });

  it('by an alt id: HP:0002468 finds the live term that lists it (the article’s fasciculations)', async () => {
    const { search } = await gql<Hits>(SEARCH, { text: 'HP:0002468' });
    expect(search.map((h) => h.entity.id)).toEqual(['fasciculations']);
    expect(search[0]?.matchedText).toEqual(['HP:0002468']);
    const other = await gql<Hits>(SEARCH, { text: 'HP:0001294' });
    expect(other.search.map((h) => h.entity.id)).toEqual(['HP:0100022']);
  });

  it('by id: an HPO term and an HPOA disease', async () => {
    expect((await gql<Hits>(SEARCH, { text: 'HP:0004305' })).search[0]?.entity.id).toBe('HP:0004305');
    // The disease record cited as a reference is a Source named OMIM:105400 (id ref:OMIM:105400): both are found.
    expect((await gql<Hits>(SEARCH, { text: 'OMIM:105400' })).search.map((h) => h.entity.id).sort()).toEqual(['OMIM:105400', 'ref:OMIM:105400']);
  });
});

describe('an HPO id joined to an article entity is accepted by every argument that takes ids (fixture)', () => {
  // HP:0002380 is no node's id after the import: it is the hpoId of the article's fasciculations.
  it('entity, symptom and the list filters', async () => {
    expect((await gql<{ entity: Ref }>(`{ entity(id: "HP:0002380") { id name } }`)).entity).toEqual({ id: 'fasciculations', name: 'Fasciculations' });
    expect((await gql<{ symptom: Ref }>(`{ symptom(id: "HP:0003394") { id name } }`)).symptom.id).toBe('muscle-cramps');
    const byIds = await gql<{ symptoms: { edges: { node: Ref }[] } }>(`{ symptoms(where: { ids: ["HP:0002380", "HP:0003394"] }) { edges { node { id name } } } }`);
    expect(byIds.symptoms.edges.map((e) => e.node.id).sort()).toEqual(['fasciculations', 'muscle-cramps']);
    const related = await gql<{ conditions: { edges: { node: Ref }[] } }>(`{ conditions(where: { relatedTo: "HP:0002380" }, first: 50) { edges { node { id name } } } }`);
    expect(related.conditions.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(['als', 'bfs']));
  });

  it('rankConditions, sharedSymptoms, neighborhood and shortestPath', async () => {
    const byHpo = await gql<{ rankConditions: { condition: Ref; score: number }[] }>(`{ rankConditions(symptomIds: ["HP:0002380"], first: 5) { condition { id name } score } }`);
    const byArticle = await gql<{ rankConditions: { condition: Ref; score: number }[] }>(`{ rankConditions(symptomIds: ["fasciculations"], first: 5) { condition { id name } score } }`);
    expect(byHpo.rankConditions.length).toBeGreaterThan(0);
    expect(byHpo.rankConditions).toEqual(byArticle.rankConditions);
    const shared = await gql<{ sharedSymptoms: Ref[] }>(`{ sharedSymptoms(conditionIds: ["als", "bfs"]) { id name } }`);
    expect(shared.sharedSymptoms.map((s) => s.id)).toContain('fasciculations');
    const around = await gql<{ neighborhood: { nodes: Ref[] } }>(`{ neighborhood(id: "HP:0002380") { nodes { id name } } }`);
    expect(around.neighborhood.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['fasciculations', 'als', 'bfs']));
    const path = await gql<{ shortestPath: { length: number; nodes: Ref[] } | null }>(`{ shortestPath(fromId: "HP:0002380", toId: "als") { length nodes { id name } } }`);
    expect(path.shortestPath?.length).toBe(1);
    expect(path.shortestPath?.nodes.map((n) => n.id)).toEqual(['fasciculations', 'als']);
  });

  it('an HPO id that is a node of its own stays that node, and an unknown one stays unknown', async () => {
    expect((await gql<{ entity: Ref }>(`{ entity(id: "HP:0004305") { id name } }`)).entity.id).toBe('HP:0004305');
    expect((await gql<{ entity: Ref | null }>(`{ entity(id: "HP:9999999") { id } }`)).entity).toBeNull();
    const unknown = await api.query(`{ neighborhood(id: "HP:9999999") { truncated } }`);
    expect(unknown.errors?.[0]?.message).toMatch(/no entity has the id "HP:9999999"/);
  });
});

describe('graphStats shows the HPO release (fixture)', () => {
  it('with version, files, licence, citation and notice', async () => {
    const { graphStats } = await gql<{ graphStats: { releases: Record<string, unknown>[] } }>(
      `{ graphStats { releases { source name version files { name version } license citation url notice informationContentDiseases } } }`,
    );
    expect(graphStats.releases).toHaveLength(1);
    const [release] = graphStats.releases;
    // The fixture's both files date from the release; informationContentDiseases is the fixture's N.
    expect([release?.source, release?.version, release?.license, release?.informationContentDiseases]).toEqual(['hpo', '2025-01-16', 'https://hpo.jax.org/app/license', 4]);
    expect(release?.files).toEqual(['hp.obo', 'phenotype.hpoa'].map((name) => ({ name, version: '2025-01-16' })));
    expect(graphStats.releases[0]?.notice).toMatch(/^This service uses the Human Phenotype Ontology \(https:\/\/hpo\.jax\.org\/\), release 2025-01-16/);
    expect(graphStats.releases[0]?.citation).toMatch(/Gargano/);
  });
});

describe('ensureSchema and an existing database', () => {
  it('re-creates a full-text index built with other properties (a database from before altIds was indexed)', async () => {
    const properties = async () =>
      (await db.read<{ properties: string[] }>('SHOW FULLTEXT INDEXES YIELD name, properties WHERE name = $name RETURN properties', { name: FULLTEXT_INDEX }))[0]?.properties;
    await db.schema(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
    await db.schema(`CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} FOR (n:Entity) ON EACH [n.name, n.aliases, n.xrefs]`);
    expect(await properties()).toEqual(['name', 'aliases', 'xrefs']);
    await ensureSchema(db);
    expect(await properties()).toEqual([...FULLTEXT_PROPERTIES]);
    const [hit] = await db.read<{ id: string }>(`CALL db.index.fulltext.queryNodes($index, '"HP:0002468"') YIELD node RETURN node.id AS id`, { index: FULLTEXT_INDEX });
    expect(hit?.id).toBe('fasciculations');
    // Unchanged when current.
    await ensureSchema(db);
    expect(await properties()).toEqual([...FULLTEXT_PROPERTIES]);
  });
});
