/**
 * Unfiltered `facets` answered from the whole graph's count stored once per data release
 * (src/domain/stats/facet-summary.ts): equal to counting live, never from an older release, kept up
 * to date by the server in the background. Live counting itself is checked against the stored graph
 * in facets.test.ts.
 */
import { DEFAULT_CACHING } from '../../../src/config';
import { readRelease } from '../../../src/domain/releases';
import { FACET_SUMMARY_LABEL, computeSummary } from '../../../src/domain/stats/facet-summary';
import { liveFacets } from '../../../src/domain/stats/facets';
import { EMPTY_NODE_PLAN } from '../../../src/domain/projection/plan';
import { loadGraph } from '../../../src/ingest/load';
import { startApi } from '../../helpers/api-client';
import { countFlights } from '../../helpers/count-flights';
import { useChangingApi } from './dashboard-api';

jest.setTimeout(120_000);

const FACETS = `query ($top: Int, $first: Int, $kinds: [EntityKind!]) {
  facets(kinds: $kinds, top: $top, first: $first) {
    total statements evidence
    kinds { value count } relationshipTypes { value count } sources { value count }
    knowledgeLevels { value count } agentTypes { value count } evidenceCodes { value count }
    frequencies { value count } frequencyClasses { value count }
    degrees { min max count }
    entities { entity { id kind } degree symptoms evidence }
  }
}`;

// No response cache: these tests ask the same question before and after changing what answers it.
const api = useChangingApi({ caching: { ...DEFAULT_CACHING, releasePollMs: 3_600_000, responseCacheBytes: 0, facetSummary: false } });

/** What counting now gives, in the API's shape (entities as id and kind, as FACETS selects them). */
async function counted(top: number, first: number) {
  const live = await liveFacets(api().db, { kinds: null, filter: {}, top, first, node: EMPTY_NODE_PLAN });
  return { ...live, entities: live.entities.map((e) => ({ ...e, entity: { id: e.entity.id, kind: e.entity.kind } })) };
}

async function answered(variables: Record<string, unknown>) {
  const { flights, result } = await countFlights<{ facets: Record<string, unknown> }>(api(), FACETS, variables);
  expect(result.errors).toBeUndefined();
  return { flights, facets: result.data!.facets };
}

describe('facets counted once per data release', () => {
  it('answers unfiltered facets from the stored count of the release in service, equal to counting live, in one round trip', async () => {
    // A server another test file started may have counted this release already.
    await api().db.write((tx) => tx.run(`MATCH (s:${FACET_SUMMARY_LABEL}) DELETE s`));
    expect(await computeSummary(api().db, 60_000)).toBe('stored');
    expect(await computeSummary(api().db, 60_000)).toBe('current');
    for (const [top, first] of [[20, 20], [3, 2], [100, 100]] as const) {
      const { flights, facets } = await answered({ top, first });
      expect(flights).toBe(1);
      expect(facets).toEqual(await counted(top, first));
    }
  });

  it('reads the stored count for unfiltered facets only', async () => {
    await computeSummary(api().db, 60_000);
    const total = (await counted(20, 20)).total;
    await api().db.write((tx) => tx.run(`MATCH (s:${FACET_SUMMARY_LABEL} {id: 'graph'}) SET s.facets = replace(s.facets, '"total":' + toString(toInteger($total)), '"total":-1')`, { total }));
    expect((await answered({})).facets['total']).toBe(-1);
    // Filtered (by kind) or asking more than a summary holds: counted live.
    const conditions = await liveFacets(api().db, { kinds: ['Condition'], filter: {}, top: 20, first: 20, node: EMPTY_NODE_PLAN });
    expect((await answered({ kinds: ['Condition'] })).facets['total']).toBe(conditions.total);
    // Without a stored count: counted live.
    await api().db.write((tx) => tx.run(`MATCH (s:${FACET_SUMMARY_LABEL}) DELETE s`));
    expect((await answered({})).facets['total']).toBe(total);
  });

  it('never answers from an older release: after a load, facets are counted live until the new release is counted', async () => {
    await computeSummary(api().db, 60_000);
    const before = (await answered({})).facets;
    await loadGraph(api().db, {
      nodes: [{ id: 'summary-probe', kind: 'Symptom', name: 'Summary probe', aliases: [], xrefs: [], owner: 'test-summary' }],
      edges: [{ type: 'HAS_SYMPTOM', subject: 'bfs', object: 'summary-probe', owner: 'test-summary', evidence: [{ source: 'article', quote: '', knowledgeLevel: 'observation', agentType: 'manual_agent', owner: 'test-summary' }] }],
    } as never);
    const after = (await answered({})).facets;
    expect(after['total']).toBe((before['total'] as number) + 1);
    expect(after['statements']).toBe((before['statements'] as number) + 1);
    expect(after).toEqual(await counted(20, 20));
    expect(await computeSummary(api().db, 60_000)).toBe('stored');
    expect((await answered({})).facets).toEqual(after);
  });

  it('stores nothing when a write makes a new release while it counts', async () => {
    const db = api().db;
    const probe = (id: string) => loadGraph(db, { nodes: [{ id, kind: 'Symptom', name: id, aliases: [], xrefs: [], owner: 'test-summary' }], edges: [] } as never);
    await probe('summary-stale');
    const stale = await readRelease(db);
    // The write commits after the count and before the release is read again.
    expect(await computeSummary(db, 60_000, async () => void (await probe('summary-race')))).toBe('superseded');
    expect((await readRelease(db)).number).toBe(stale.number + 1);
    const [row] = await db.read<{ number: number }>(`MATCH (s:${FACET_SUMMARY_LABEL} {id: 'graph'}) RETURN s.number AS number`);
    expect(row?.number).toBeLessThan(stale.number);
    expect((await answered({})).facets).toEqual(await counted(20, 20));
    expect(await computeSummary(db, 60_000)).toBe('stored');
  });

  it('keeps the count of each new release in the background when the server runs with FACET_SUMMARY on', async () => {
    const server = await startApi({ db: api().db, config: { caching: { ...DEFAULT_CACHING, releasePollMs: 100, facetSummary: true } } });
    try {
      await loadGraph(api().db, { nodes: [{ id: 'summary-background', kind: 'Symptom', name: 'Summary background', aliases: [], xrefs: [], owner: 'test-summary' }], edges: [] } as never);
      const release = await readRelease(api().db);
      const deadline = Date.now() + 60_000;
      let stored: number | undefined;
      while (Date.now() < deadline) {
        const [row] = await api().db.read<{ number: number }>(`MATCH (s:${FACET_SUMMARY_LABEL} {id: 'graph'}) RETURN s.number AS number`);
        stored = row?.number;
        if (stored === release.number) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stored).toBe(release.number);
      expect(await computeSummary(api().db, 60_000)).toBe('current');
      expect((await server.query<{ facets: unknown }>(FACETS, {})).data?.facets).toEqual(await counted(20, 20));
    } finally {
      await server.stop();
    }
  });
});
