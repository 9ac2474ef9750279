import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../../src/db';
import { HPO_TERM_PROPERTIES, hpoRelease, importHpo } from '../../../src/hpo/import';
import { graphCounts, readGraph } from '../../../src/ingest/read-graph';
import { reseed } from '../../../src/ingest/seed';
import { ValidationFailed } from '../../../src/ingest/validate';
import { curate } from '../../helpers/curate';
import { openTestDatabase, silentLogger, wipe } from '../../helpers/seeded-graph';

jest.setTimeout(180_000);

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'hpo');
let db: Database;
let tmp: string;

/** A copy of the fixture with `edit` applied to phenotype.hpoa (a "newer release", or a broken one). */
function fixtureWith(name: string, edit: (hpoa: string) => string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(FIXTURE, 'hp.obo'), path.join(dir, 'hp.obo'));
  fs.writeFileSync(path.join(dir, 'phenotype.hpoa'), edit(fs.readFileSync(path.join(FIXTURE, 'phenotype.hpoa'), 'utf8')));
  return dir;
}

/** Everything the graph holds, including the HPO term properties and the Release node. */
async function snapshot() {
  const graph = await readGraph(db);
  const props = await db.read(
    `MATCH (n:Entity) WHERE n.hpoId IS NOT NULL RETURN n.id AS id, ${HPO_TERM_PROPERTIES.map((p) => `n.${p} AS ${p}`).join(', ')} ORDER BY id`,
  );
  return { graph, props, release: await hpoRelease(db), counts: await graphCounts(db) };
}

async function articleFacts() {
  const graph = await readGraph(db);
  return { nodes: graph.nodes.filter((n) => n.owner === 'seed'), edges: graph.edges.filter((e) => e.owner === 'seed') };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hpo-it-'));
  db = openTestDatabase(120_000);
  await wipe(db);
  await reseed(db, silentLogger);
});

afterAll(async () => {
  // Leave the article's seed alone in the database for the integration tests that follow.
  await wipe(db);
  await reseed(db, silentLogger);
  await db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('import:hpo into Neo4j (fixture)', () => {
  it("imports the fixture next to the article's seed without touching the article's facts", async () => {
    const before = await articleFacts();
    const result = await importHpo(db, FIXTURE, silentLogger);
    expect(result.release).toMatchObject({ version: '2025-01-16', annotationsVersion: '2025-01-16' });
    expect(await hpoRelease(db)).toMatchObject({ source: 'hpo', version: '2025-01-16', ontologyVersion: '2025-01-16', annotationsVersion: '2025-01-16' });
    expect(await articleFacts()).toEqual(before);
    const [owned] = await db.read<{ nodes: number; edges: number }>(
      `CALL { MATCH (n:Entity {owner: 'hpo'}) RETURN count(n) AS nodes } CALL { MATCH ()-[r {owner: 'hpo'}]->() RETURN count(r) AS edges } RETURN nodes, edges`,
    );
    // 19 terms (HP:0002380 and HP:0003394 are the article's fasciculations and muscle-cramps), 5 diseases,
    // 10 sources; 21 is_a + 11 disease-term pairs + 2 links to the article's ALS.
    expect(owned).toEqual({ nodes: 34, edges: 34 });
  });

  it('makes HP:0002380 the article node itself, with alt ids and information content', async () => {
    const [row] = await db.read<{ owner: string; name: string; hpoId: string; altIds: string[]; ic: number; category: string; n: number }>(
      `MATCH (f:Entity {id: 'fasciculations'})
       RETURN f.owner AS owner, f.name AS name, f.hpoId AS hpoId, f.altIds AS altIds, f.ic AS ic, f.hpoCategory AS category,
              COUNT { MATCH (n:Entity {id: 'HP:0002380'}) } AS n`,
    );
    expect(row).toMatchObject({ owner: 'seed', name: 'Fasciculations', hpoId: 'HP:0002380', altIds: ['HP:0002468', 'HP:0007092'], category: 'phenotype', n: 0 });
    expect(row?.ic).toBeCloseTo(-Math.log(3 / 4), 5);
    const [alt] = await db.read<{ id: string }>(`MATCH (n:Entity) WHERE 'HP:0002468' IN n.altIds RETURN n.id AS id`);
    expect(alt?.id).toBe('fasciculations');
  });

  it("shows ALS's fasciculations with the article's and HPO's evidence side by side", async () => {
    const rows = await db.read<{ condition: string; sources: string[]; frequencies: string[] | null }>(
      `MATCH (als:Condition {id: 'als'}), (f:Symptom {id: 'fasciculations'})
       MATCH (c:Condition)-[r:HAS_SYMPTOM]->(f)
       WHERE c = als OR (c)-[:SUBCLASS_OF]->(als)
       RETURN c.id AS condition, r.evSources AS sources, r.evFrequencies AS frequencies ORDER BY condition`,
    );
    expect(rows.map((r) => r.condition)).toEqual(['OMIM:105400', 'ORPHA:803', 'als']);
    expect(rows.find((r) => r.condition === 'ORPHA:803')).toMatchObject({ sources: ['ref:ORPHA:803'], frequencies: ['HP:0040282'] });
    expect(rows.find((r) => r.condition === 'OMIM:105400')?.sources).toEqual(['ref:OMIM:105400']);
    expect(rows.find((r) => r.condition === 'als')?.sources.every((s) => s === 'article' || s.startsWith('ref-'))).toBe(true);
    const negated = await db.read(`MATCH (:Condition {id: 'ORPHA:101112'})-[r]->(:Symptom {id: 'fasciculations'}) RETURN type(r) AS type`);
    expect(negated).toEqual([{ type: 'NOT_HAS_SYMPTOM' }]);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    await importHpo(db, FIXTURE, silentLogger);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the HPO identity of the article's symptoms the import joined when the seed is loaded again", async () => {
    const before = await snapshot();
    expect(before.props).toContainEqual(expect.objectContaining({ id: 'fasciculations', hpoId: 'HP:0002380' }));
    await reseed(db, silentLogger);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the graph as it was when the load fails half-way or the files are invalid', async () => {
    const before = await snapshot();
    await expect(importHpo(db, FIXTURE, silentLogger, { batchSize: 5, failAfterBatches: 3 })).rejects.toThrow(/injected failure after 3 batch/);
    expect(await snapshot()).toEqual(before);
    const broken = fixtureWith('broken', (text) => text.replace('\tHP:0003394\t', '\tHP:9999999\t'));
    const error = await importHpo(db, broken, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).issues.map((i) => `${i.record} ${i.field}: ${i.message}`)).toEqual(['line 11 hpo_id: HP:9999999 is not a term of the ontology']);
    expect(await snapshot()).toEqual(before);
  });

  it("replaces what the older release owned with a newer one, leaving the article's facts alone", async () => {
    const facts = await articleFacts();
    const newer = fixtureWith('newer', (text) =>
      text
        .replace('#version: 2025-01-16', '#version: 2025-02-01')
        .split('\n')
        .filter((line) => !line.startsWith('ORPHA:101112\t'))
        .join('\n'),
    );
    const result = await importHpo(db, newer, silentLogger);
    expect(result.load.removedNodes).toBe(2); // ORPHA:101112 and its reference source
    expect(result.load.removedEdges).toBe(1); // its NOT_HAS_SYMPTOM
    expect(await hpoRelease(db)).toMatchObject({ annotationsVersion: '2025-02-01' });
    expect(await db.read(`MATCH (n:Entity) WHERE n.id IN ['ORPHA:101112', 'ref:ORPHA:101112'] RETURN n.id`)).toEqual([]);
    expect(await articleFacts()).toEqual(facts);
  });

  it('keeps what curators added, changed and retracted when HPO is imported again', async () => {
    await importHpo(db, FIXTURE, silentLogger);
    const graph = await readGraph(db);
    const hpoEdge = graph.edges.find((e) => e.owner === 'hpo' && e.type === 'HAS_SYMPTOM');
    const quoted = graph.edges.find((e) => e.owner === 'seed' && e.evidence[0]?.source === 'article');
    const retracted = graph.edges.find((e) => e.owner === 'hpo' && e.type === 'HAS_SYMPTOM' && e.subject !== hpoEdge?.subject);
    if (!hpoEdge || !quoted || !retracted) throw new Error('the fixture has HPO HAS_SYMPTOM edges of two diseases and the seed quotes the article');
    const { quote, source } = quoted.evidence[0]!;
    await curate(db, {
      operation: 'ASSERT_RELATIONSHIP',
      edge: { ...hpoEdge, owner: 'curation', evidence: [{ source, quote, knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'curation' }] },
    });
    await curate(db, { operation: 'UPDATE_ENTITY', id: hpoEdge.object, version: 1, set: { description: 'Curated description.' } });
    await curate(db, { operation: 'RETRACT_ENTITY', id: retracted.subject });

    const result = await importHpo(db, FIXTURE, silentLogger);
    expect(result.load.retiredNodes).toBe(1);
    const after = await readGraph(db);
    const edge = after.edges.find((e) => e.subject === hpoEdge.subject && e.type === hpoEdge.type && e.object === hpoEdge.object);
    expect(edge?.evidence.map((ev) => ev.owner)).toEqual([...hpoEdge.evidence.map(() => 'hpo'), 'curation']);
    expect(after.nodes.find((n) => n.id === hpoEdge.object)?.description).toBe('Curated description.');
    expect(after.nodes.find((n) => n.id === retracted.subject)).toBeUndefined();
    expect(after.edges.some((e) => e.subject === retracted.subject || e.object === retracted.subject)).toBe(false);
  });
});
