import type { Database } from '../../db';
import { PACKAGE_VERSION } from '../server/server-info';
import { toReleaseRecord } from '../stats/releases';
import { readReleaseMeta } from './release';

export interface DataSourceVersionRecord {
  id: string;
  name: string;
  version: string;
  license: string | null;
  url: string | null;
}

export interface MetaRecord {
  apiVersion: string;
  dataVersion: string;
  release: number;
  releasedAt: string | null;
  releasedBy: string | null;
  sources: DataSourceVersionRecord[];
  downloads: string;
}

/** Where the releases are listed for download (src/http/downloads.ts serves it). */
export const DOWNLOADS_PATH = '/releases';

/** `meta`: the API's version and the data release in service, with the versions of its data sets. One statement. */
export async function readMeta(db: Database): Promise<MetaRecord> {
  const meta = await readReleaseMeta(db);
  const sources: DataSourceVersionRecord[] = [];
  if (meta.seedVersion) sources.push({ id: 'seed', name: "The article's curated graph (seed/)", version: meta.seedVersion, license: null, url: null });
  if (meta.kgxVersion) sources.push({ id: 'kgx', name: 'The last KGX file imported', version: meta.kgxVersion, license: null, url: null });
  for (const raw of meta.external) {
    const release = toReleaseRecord(raw);
    sources.push({ id: release.source, name: release.name, version: release.version, license: release.license, url: release.url });
  }
  return {
    apiVersion: PACKAGE_VERSION,
    dataVersion: String(meta.number),
    release: meta.number,
    releasedAt: meta.releasedAt,
    releasedBy: meta.source,
    sources,
    downloads: DOWNLOADS_PATH,
  };
}
