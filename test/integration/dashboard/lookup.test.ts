import path from 'node:path';
import { importHpo } from '../../../src/hpo/import';
import { readGraph } from '../../../src/ingest/read-graph';
import { countFlights } from '../../helpers/count-flights';
import { silentLogger } from '../../helpers/seeded-graph';
import { useChangingApi } from './dashboard-api';

jest.setTimeout(180_000);

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'hpo');
const LOOKUP = `query ($ids: [ID!]!) {
  lookup(ids: $ids) { results { input matchedBy candidates entity { id name kind } } unresolved }
}`;

interface LookupData {
  lookup: {
    results: Array<{ input: string; matchedBy: string | null; candidates: number; entity: { id: string; name: string; kind: string } | null }>;
    unresolved: string[];
  };
}

const api = useChangingApi();

describe('batch lookup by id, CURIE and xref', () => {
  it('answers every input in input order, in one round trip, and lists the unresolved ones', async () => {
    const graph = await readGraph(api().db);
    // Expected answers computed from the stored graph, independently of the API's statement.
    const withXref = graph.nodes.filter((n) => n.xrefs.length > 0);
    const xref = withXref[0]!.xrefs[0]!;
    const xrefOwners = graph.nodes.filter((n) => n.xrefs.includes(xref)).map((n) => n.id).sort();
    const ids = ['bfs', 'no-such-entity', xref, 'als', 'MONDO:9999999', 'bfs', '::'];
    const { flights, result } = await countFlights<LookupData>(api(), LOOKUP, { ids });
    expect(result.errors).toBeUndefined();
    expect(flights).toBe(1);
    const { results, unresolved } = result.data!.lookup;
    expect(results.map((r) => r.input)).toEqual(ids);
    expect(results.map((r) => r.entity?.id ?? null)).toEqual(['bfs', null, xrefOwners[0], 'als', null, 'bfs', null]);
    expect(results.map((r) => r.matchedBy)).toEqual(['ID', null, 'XREF', 'ID', null, 'ID', null]);
    expect(results[2]?.candidates).toBe(xrefOwners.length);
    expect(unresolved).toEqual(['no-such-entity', 'MONDO:9999999', '::']);
  });

  it('finds ALS by each of its xrefs', async () => {
    const als = (await readGraph(api().db)).nodes.find((n) => n.id === 'als')!;
    expect(als.xrefs.length).toBeGreaterThan(3);
    const { data } = await api().query<LookupData>(LOOKUP, { ids: als.xrefs });
    expect(data?.lookup.results.map((r) => r.entity?.id)).toEqual(als.xrefs.map(() => 'als'));
    expect(data?.lookup.unresolved).toEqual([]);
  });

  it('answers 1,000 inputs and refuses 1,001 with a message that says the cap', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 'als' : `missing-${i}`));
    const { data, errors } = await api().query<LookupData>(LOOKUP, { ids: many });
    expect(errors).toBeUndefined();
    expect(data?.lookup.results).toHaveLength(1000);
    expect(data?.lookup.unresolved).toHaveLength(500);
    const refused = await api().query<LookupData>(LOOKUP, { ids: [...many, 'one-more'] });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/at most 1000/);
  });

  it('finds HPO terms by HP id and by alt id once HPO is imported', async () => {
    await importHpo(api().db, FIXTURE, silentLogger);
    const { data } = await api().query<LookupData>(LOOKUP, { ids: ['HP:0002380', 'HP:0002468'] });
    const [byId, byAlt] = data!.lookup.results;
    // Fasciculations is the article's entity, joined to HP:0002380: its node keeps the article's id.
    expect(byId).toMatchObject({ matchedBy: 'HPO_ID', entity: { id: 'fasciculations' } });
    expect(byAlt).toMatchObject({ matchedBy: 'ALT_ID', entity: { id: 'fasciculations' } });
  });
});
