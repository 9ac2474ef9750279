import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { exportKgx } from '../../../src/ingest/import-kgx';
import type { KgxFile } from '../../../src/ingest/kgx';
import { loadGraph } from '../../../src/ingest/load';
import { useChangingApi } from './dashboard-api';

jest.setTimeout(180_000);

const api = useChangingApi();

interface Listing {
  current: number;
  releases: Array<{ release: number; files: Array<{ name: string; url: string; bytes: number; sha256: string; mediaType: string }> }>;
}

async function listing(): Promise<Listing> {
  const response = await fetch(`${api().url}/releases`);
  expect(response.status).toBe(200);
  return (await response.json()) as Listing;
}

async function download(url: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const response = await fetch(`${api().url}${url}`);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const byId = <T extends { id?: string }>(records: T[]) => [...records].sort((a, b) => ((a.id ?? '') < (b.id ?? '') ? -1 : 1));

describe('downloads of the data release', () => {
  it('lists KGX JSON and KGX TSV of the current release with sizes and checksums that match the files', async () => {
    const { data } = await api().query<{ meta: { release: number } }>('{ meta { release } }');
    const list = await listing();
    expect(list.current).toBe(data!.meta.release);
    const [release] = list.releases;
    expect(release?.files.map((f) => f.name)).toEqual(['graph.kgx.json', 'nodes.tsv', 'edges.tsv']);
    for (const file of release!.files) {
      expect(file.url).toBe(`/releases/${list.current}/${file.name}`);
      const { status, body, headers } = await download(file.url);
      expect(status).toBe(200);
      expect(headers.get('x-data-version')).toBe(String(list.current));
      expect(body.length).toBe(file.bytes);
      expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
      expect(headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
      expect((await download(`${file.url}.sha256`)).body.toString()).toBe(`${file.sha256}  ${file.name}\n`);
    }
  });

  it('streams the same nodes and edges as `npm run export`, in KGX JSON and in TSV', async () => {
    const { current } = await listing();
    const exported = JSON.parse(await exportKgx(api().db)) as KgxFile;
    const json = JSON.parse((await download(`/releases/${current}/graph.kgx.json`)).body.toString()) as KgxFile;
    expect(byId(json.nodes)).toEqual(byId(exported.nodes));
    expect(byId(json.edges)).toEqual(byId(exported.edges));

    const read = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, delimiter: '\t', skipEmptyLines: true });
    const nodes = read((await download(`/releases/${current}/nodes.tsv`)).body.toString());
    expect(nodes.errors).toEqual([]);
    expect(nodes.data).toHaveLength(exported.nodes.length);
    const als = nodes.data.find((row) => row.id === exported.nodes.find((n) => n.name === 'Amyotrophic lateral sclerosis')?.id);
    const alsExported = exported.nodes.find((n) => n.id === als?.id)!;
    expect(als).toMatchObject({ name: alsExported.name, category: alsExported.category.join('|'), xref: (alsExported.xref ?? []).join('|') });
    const edges = read((await download(`/releases/${current}/edges.tsv`)).body.toString());
    expect(edges.errors).toEqual([]);
    expect(edges.data.map((e) => e.id).sort()).toEqual(exported.edges.map((e) => e.id ?? '').sort());
    const quoted = exported.edges.find((e) => (e.supporting_text?.[0] ?? '').includes(','))!;
    expect(edges.data.find((e) => e.id === quoted.id)?.supporting_text).toBe(quoted.supporting_text?.[0]);
  });

  it('answers an old or unknown release and an unknown file with a 404 that names the current release', async () => {
    const before = (await listing()).current;
    await loadGraph(api().db, { nodes: [{ id: 'download-test', kind: 'Symptom', name: 'Download test', aliases: [], xrefs: [], owner: 'test-downloads' }], edges: [] });
    const after = await listing();
    expect(after.current).toBe(before + 1);
    const old = await download(`/releases/${before}/nodes.tsv`);
    expect(old.status).toBe(404);
    expect(JSON.parse(old.body.toString())).toEqual({ error: `Release ${before} is not served: only the current release, ${after.current}, can be downloaded (see /releases).` });
    expect((await download('/releases/99999/nodes.tsv')).status).toBe(404);
    expect((await download(`/releases/${after.current}/graph.ttl`)).status).toBe(404);
    const fresh = (await download(`/releases/${after.current}/nodes.tsv`)).body.toString();
    expect(fresh).toContain('Download test');
  });
});
