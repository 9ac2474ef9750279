import Papa from 'papaparse';
import { loadGraph } from '../../../src/ingest/load';
import { useChangingApi } from './dashboard-api';

jest.setTimeout(120_000);

const api = useChangingApi();

/** Rows of a CSV/TSV text read by an independent parser (papaparse), header as keys. */
function parse(text: string, options: { delimiter?: string } = {}): Array<Record<string, string>> {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: options.delimiter ?? ',' });
  expect(result.errors).toEqual([]);
  return result.data;
}

async function table(query: string, extra = ''): Promise<Response> {
  return fetch(`${api().url}/tables?query=${encodeURIComponent(query)}${extra}`);
}

describe('tables as CSV and TSV', () => {
  it('answers a list as CSV with a header, the release in every row and the file named after the list and release', async () => {
    const { data } = await api().query<{ conditions: { edges: Array<{ node: { id: string; name: string; aliases: string[] } }> }; meta: { release: number } }>(
      '{ conditions(first: 100) { edges { node { id name aliases } } } meta { release } }',
    );
    const response = await table('{ conditions(first: 100) { edges { node { id name aliases } } } }');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const release = String(data!.meta.release);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="conditions-release-${release}.csv"`);
    const rows = parse(await response.text());
    expect(rows).toEqual(data!.conditions.edges.map((e) => ({ id: e.node.id, name: e.node.name, aliases: e.node.aliases.join('; '), dataRelease: release })));
  });

  it('quotes commas, quotes and line breaks so that a CSV reader gets the names back exactly, in CSV and TSV', async () => {
    const name = 'Odd, "quoted"\nname\twith tab';
    await loadGraph(api().db, { nodes: [{ id: 'table-quoting', kind: 'Condition', name, aliases: ['a,b', 'c"d'], xrefs: [], owner: 'test-tables' }], edges: [] });
    const query = '{ conditions(where: { ids: ["table-quoting", "als"] }) { edges { node { id name aliases } } } }';
    const csv = await (await table(query)).text();
    expect(csv).toContain('"Odd, ""quoted""\nname\twith tab"');
    const fromCsv = parse(csv);
    expect(fromCsv.find((r) => r.id === 'table-quoting')).toMatchObject({ name, aliases: 'a,b; c"d' });
    const tsvResponse = await table(query, '&format=tsv');
    expect(tsvResponse.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8');
    const fromTsv = parse(await tsvResponse.text(), { delimiter: '\t' });
    expect(fromTsv.find((r) => r.id === 'table-quoting')).toMatchObject({ name, aliases: 'a,b; c"d' });
  });

  it('flattens nested objects into dotted columns (a batch lookup as a table)', async () => {
    const rows = parse(await (await table('{ lookup(ids: ["als", "nothing"]) { results { input matchedBy entity { id kind } } } }')).text());
    expect(rows.map((r) => [r.input, r.matchedBy, r['entity.id'], r['entity.kind']])).toEqual([
      ['als', 'ID', 'als', 'Condition'],
      ['nothing', '', '', ''],
    ]);
  });

  it('refuses an answer that is not one flat list, and a GraphQL error, with a message in the GraphQL error shape', async () => {
    const several = await table('{ facets { kinds { value count } sources { value count } } }');
    expect(several.status).toBe(400);
    expect(((await several.json()) as { errors: Array<{ message: string; extensions: { code: string } }> }).errors[0]).toMatchObject({ extensions: { code: 'NOT_A_TABLE' }, message: expect.stringMatching(/several lists \(kinds, sources\)/) });
    const nested = await table('{ conditions { edges { node { id symptoms { id } } } } }');
    expect(nested.status).toBe(400);
    expect(await nested.text()).toMatch(/list of objects/);
    const bad = await table('{ conditions(first: -1) { edges { node { id } } } }');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
