import path from 'node:path';
import { importHpo } from '../../../src/hpo/import';
import { exportKgx, importKgx } from '../../../src/ingest/import-kgx';
import { reseed } from '../../../src/ingest/seed';
import { silentLogger } from '../../helpers/seeded-graph';
import { useChangingApi } from './dashboard-api';

jest.setTimeout(180_000);

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'hpo');
const META = '{ meta { apiVersion dataVersion release releasedAt releasedBy downloads sources { id name version license } } }';

interface Meta {
  apiVersion: string;
  dataVersion: string;
  release: number;
  releasedAt: string | null;
  releasedBy: string | null;
  downloads: string;
  sources: Array<{ id: string; name: string; version: string; license: string | null }>;
}

const api = useChangingApi();

async function meta(): Promise<Meta> {
  const result = await api().query<{ meta: Meta }>(META);
  expect(result.errors).toBeUndefined();
  return result.data!.meta;
}

describe('data releases', () => {
  it('makes a new release, one higher, with every seed load, and names the seed with its content hash', async () => {
    const before = await meta();
    await reseed(api().db, silentLogger);
    const after = await meta();
    expect(after.release).toBe(before.release + 1);
    expect(after.dataVersion).toBe(String(after.release));
    expect(after.releasedBy).toBe('seed');
    expect(Date.parse(after.releasedAt ?? '')).not.toBeNaN();
    expect(after.apiVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(after.downloads).toBe('/releases');
    expect(after.sources.find((s) => s.id === 'seed')?.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('makes a new release with every KGX import, recording the file\'s content hash', async () => {
    const before = await meta();
    const file = JSON.parse(await exportKgx(api().db)) as unknown;
    await importKgx(api().db, file, silentLogger);
    const after = await meta();
    expect(after.release).toBe(before.release + 1);
    expect(after.releasedBy).toBe('kgx');
    expect(after.sources.find((s) => s.id === 'kgx')?.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('makes new releases with the HPO import and lists the HPO release with its licence among the sources', async () => {
    const before = await meta();
    await importHpo(api().db, FIXTURE, silentLogger);
    const after = await meta();
    // Two transactions (the load, then the term properties and the Release node): each makes a release.
    expect(after.release).toBe(before.release + 2);
    expect(after.releasedBy).toBe('hpo');
    const hpo = after.sources.find((s) => s.id === 'hpo');
    expect(hpo).toMatchObject({ name: 'Human Phenotype Ontology', version: '2025-01-16' });
    expect(hpo?.license).toMatch(/hpo\.jax\.org/);
  });

  it('keeps the release when a load fails half-way, since nothing was committed', async () => {
    const before = await meta();
    await expect(reseed(api().db, silentLogger, { batchSize: 5, failAfterBatches: 2 })).rejects.toThrow(/injected failure after 2 batch/);
    expect((await meta()).release).toBe(before.release);
  });
});
