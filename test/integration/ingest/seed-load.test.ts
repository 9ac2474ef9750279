import type { Database } from '../../../src/db';
import { isArticleSource } from '../../../src/domain/model';
import { loadGraph } from '../../../src/ingest/load';
import { normalizeText, quoteOccursIn } from '../../../src/ingest/normalize';
import { graphCounts, readGraph } from '../../../src/ingest/read-graph';
import { reseed, seedIfEmpty } from '../../../src/ingest/seed';
import { readSeed } from '../../../src/ingest/seed-files';
import { openTestDatabase, silentLogger, wipe } from '../../helpers/seeded-graph';

// Loads run real transactions against Neo4j (the schema is created on first use): allow them time.
jest.setTimeout(120_000);

let db: Database;
const seed = readSeed();

beforeAll(async () => {
  db = openTestDatabase();
  await wipe(db);
});

afterAll(async () => {
  await reseed(db, silentLogger); // leave the seed loaded for the integration tests that follow
  await db.close();
});

describe('seeding the article into Neo4j', () => {
  it('seeds an empty database once, and then leaves it alone', async () => {
    expect(await seedIfEmpty(db, silentLogger)).toBe(true);
    expect(await seedIfEmpty(db, silentLogger)).toBe(false);
    const counts = await graphCounts(db);
    expect(counts.totalNodes).toBe(seed.input.nodes.length);
    expect(counts.totalEdges).toBe(seed.input.edges.length);
  });

  it('keeps node and relationship counts, and every property, identical when seeding twice', async () => {
    const before = await readGraph(db);
    const countsBefore = await graphCounts(db);
    await reseed(db, silentLogger);
    expect(await graphCounts(db)).toEqual(countsBefore);
    expect(await readGraph(db)).toEqual(before);
  });

  it('gives every relationship at least one source and a quote found in the article', async () => {
    const rows = await db.read<{ id: string; sources: string[] | null; quotes: string[] | null; kinds: string[] }>(
      `MATCH ()-[r]->() OPTIONAL MATCH (s:Source) WHERE s.id IN r.evSources
       RETURN r.id AS id, r.evSources AS sources, r.evQuotes AS quotes, collect(s.kind) AS kinds`,
    );
    const article = normalizeText(seed.articleText);
    expect(rows.length).toBe(seed.input.edges.length);
    for (const row of rows) {
      expect({ id: row.id, sources: (row.sources ?? []).length > 0 }).toEqual({ id: row.id, sources: true });
      expect(row.quotes?.length).toBe(row.sources?.length);
      expect(row.kinds.length).toBe(new Set(row.sources).size); // every cited source exists as a Source node
      row.sources?.forEach((source, i) => {
        if (isArticleSource(source)) expect({ id: row.id, quote: row.quotes?.[i], found: quoteOccursIn(row.quotes?.[i] ?? '', article) }).toMatchObject({ found: true });
      });
    }
  });

  it('finds entities through the full-text index by name, alias and xref', async () => {
    const search = (q: string) => db.read<{ id: string }>("CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.id AS id", { q });
    expect((await search('"MONDO:0004976"')).map((r) => r.id)).toContain('als');
    expect((await search('"Lou Gehrig\'s disease"')).map((r) => r.id)).toContain('als');
    expect((await search('"eye spasms"')).map((r) => r.id)).toContain('eyelid-twitching');
  });

  it('leaves the graph exactly as it was when a load fails half-way through its batches', async () => {
    const before = await readGraph(db);
    await expect(reseed(db, silentLogger, { batchSize: 3, failAfterBatches: 20 })).rejects.toThrow(/injected failure after 20 batch/);
    expect(await readGraph(db)).toEqual(before);
  });

  it('writes nothing at all when a load into an empty database fails half-way', async () => {
    await wipe(db);
    await expect(loadGraph(db, seed.input, { batchSize: 5, failAfterBatches: 10 })).rejects.toThrow(/injected failure/);
    expect((await graphCounts(db)).totalNodes).toBe(0);
    await reseed(db, silentLogger);
  });

  it("replaces what the seed owns on re-seeding and never touches another owner's data", async () => {
    // Another owner's node and relationship attached to a seed node, and a stale seed relationship.
    await loadGraph(db, {
      nodes: [{ id: 'PMID:1', kind: 'Source', name: 'PMID:1', aliases: [], xrefs: [], owner: 'kgx' }, { id: 'HP:0001', kind: 'Symptom', name: 'Other symptom', aliases: [], xrefs: [], owner: 'kgx' }],
      edges: [{ type: 'HAS_SYMPTOM', subject: 'als', object: 'HP:0001', owner: 'kgx', evidence: [{ source: 'PMID:1', quote: '', knowledgeLevel: 'observation', agentType: 'manual_agent', owner: 'kgx' }] }],
    });
    await loadGraph(db, {
      nodes: [{ id: 'stale-symptom', kind: 'Symptom', name: 'Stale', aliases: [], xrefs: [], owner: 'seed' }],
      edges: [{ type: 'HAS_SYMPTOM', subject: 'bfs', object: 'stale-symptom', owner: 'seed', evidence: [{ source: 'article', quote: 'BFS', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'seed' }] }],
    });
    const result = await reseed(db, silentLogger);
    expect(result).toMatchObject({ removedNodes: 1, removedEdges: 1 });
    const counts = await graphCounts(db);
    expect(counts.totalNodes).toBe(seed.input.nodes.length + 2);
    expect(counts.totalEdges).toBe(seed.input.edges.length + 1);
    const kgx = await readGraph(db, { owner: 'kgx' });
    expect(kgx.edges.map((e) => `${e.subject} ${e.type} ${e.object}`)).toEqual(['als HAS_SYMPTOM HP:0001']);
    await wipe(db);
  });
});
