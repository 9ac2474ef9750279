import type { Database } from '../../../src/db';
import { loadGraph } from '../../../src/ingest/load';
import { decodeSpans } from '../../../src/domain/text/quote-spans';
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

  it('gives every relationship at least one source, and every quote of a source with text as the exact text at its offsets', async () => {
    const sourceRows = await db.read<{ id: string; text: string | null; citedIn: string | null }>('MATCH (s:Source) RETURN s.id AS id, s.text AS text, s.citedIn AS citedIn');
    const sources = new Map(sourceRows.map((row) => [row.id, row]));
    const textOf = (id: string) => sources.get(id)?.text ?? sources.get(sources.get(id)?.citedIn ?? '')?.text ?? null;
    const rows = (
      await db.read<{ id: string; sources: string[] | null; quotes: string[] | null; intros: string[] | null; spans: string[] | null }>(
        'MATCH ()-[r]->() RETURN r.id AS id, r.evSources AS sources, r.evQuotes AS quotes, r.evIntros AS intros, r.evSpans AS spans',
      )
    ).map((row) => ({ ...row, texts: (row.sources ?? []).map(textOf), kinds: (row.sources ?? []).filter((id) => sources.has(id)) }));
    expect(rows.length).toBe(seed.input.edges.length);
    let checked = 0;
    for (const row of rows) {
      expect({ id: row.id, sources: (row.sources ?? []).length > 0 }).toEqual({ id: row.id, sources: true });
      expect(row.quotes?.length).toBe(row.sources?.length);
      expect(row.kinds.length).toBe(row.sources?.length); // every cited source exists as a Source node
      row.sources?.forEach((_source, i) => {
        const text = row.texts[i];
        if (text === null || text === undefined) return;
        const spans = decodeSpans(row.spans?.[i] ?? '') ?? [];
        const [quoteSpan, introSpan] = spans;
        expect({ id: row.id, at: row.spans?.[i], exact: quoteSpan && text.slice(quoteSpan.start, quoteSpan.end) }).toEqual({ id: row.id, at: row.spans?.[i], exact: row.quotes?.[i] });
        if (introSpan) expect(text.slice(introSpan.start, introSpan.end)).toBe(row.intros?.[i]);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(100);
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

  it('rewrites on re-seeding the properties its records carry, and keeps the ones other writers own', async () => {
    await reseed(db, silentLogger);
    const record = seed.input.nodes.find((node) => node.id === 'fasciculations');
    expect(record?.url).toBeUndefined();
    await db.write((tx) =>
      tx.run(`MATCH (n:Entity {id: 'fasciculations'}) SET n.name = 'Renamed', n.nameSearch = 'renamed', n.url = 'https://stale.example', n.hpoId = 'HP:0002380', n.ic = 4.5`),
    );
    await reseed(db, silentLogger);
    const [row] = await db.read(`MATCH (n:Entity {id: 'fasciculations'}) RETURN n.name AS name, n.nameSearch AS nameSearch, n.url AS url, n.hpoId AS hpoId, n.ic AS ic`);
    expect(row).toEqual({
      name: record?.name,
      nameSearch: [record?.name ?? '', ...(record?.aliases ?? [])].map((part) => part.toLowerCase()).join('\n'),
      url: null,
      hpoId: 'HP:0002380',
      ic: 4.5,
    });
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
