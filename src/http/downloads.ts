/**
 * Downloads of the data release in service, listed at GET /releases (src/domain/releases
 * DOWNLOADS_PATH): KGX JSON and KGX TSV (nodes.tsv, edges.tsv), each with its size and sha256, at
 * /releases/<release>/<file> (and <file>.sha256 in sha256sum's format). Files are streamed from Neo4j
 * (src/ingest/export-stream.ts: the export's own mapping, batch by batch, with back-pressure), never
 * built in memory. Only the current release is kept: an older or unknown release is a 404 that names
 * the current one. If the release changes while a file streams, the download is cut off (the
 * client sees an incomplete transfer, never a file mixing two releases). Checksums are computed by
 * streaming each file once per release, then kept in memory.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { DOWNLOADS_PATH, readRelease, type DataReleaseInfo, type ReleaseWatcher } from '../domain/releases';
import { DOWNLOAD_FILES, streamKgx, type DownloadFile } from '../ingest/export-stream';
import { DATA_VERSION_HEADER } from './caching';

const MEDIA_TYPES: Record<DownloadFile, string> = {
  'graph.kgx.json': 'application/json',
  'nodes.tsv': 'text/tab-separated-values; charset=utf-8',
  'edges.tsv': 'text/tab-separated-values; charset=utf-8',
};

export class ReleaseChangedDuringDownload extends Error {
  constructor() {
    super('the data release changed while the file was being written');
  }
}

interface Checksum {
  sha256: string;
  bytes: number;
}

export class Downloads {
  private checksums = new Map<string, Promise<Checksum>>();
  private computed = new Map<string, Checksum>();

  constructor(
    private readonly db: Database,
    private readonly releases: ReleaseWatcher,
  ) {
    releases.onChange(() => {
      this.checksums = new Map();
      this.computed = new Map();
    });
  }

  /** Streams a file of `release`; fails with ReleaseChangedDuringDownload if the stored release moved meanwhile. */
  stream(release: DataReleaseInfo, file: DownloadFile, write: (chunk: string) => unknown): Promise<void> {
    return streamKgx(this.db, file, write, async () => {
      if ((await readRelease(this.db)).tag !== release.tag) throw new ReleaseChangedDuringDownload();
    });
  }

  checksum(release: DataReleaseInfo, file: DownloadFile): Promise<Checksum> {
    const key = `${release.tag}/${file}`;
    let pending = this.checksums.get(key);
    if (!pending) {
      const hash = createHash('sha256');
      let bytes = 0;
      pending = this.stream(release, file, (chunk) => {
        hash.update(chunk);
        bytes += Buffer.byteLength(chunk);
      }).then(() => {
        const checksum = { sha256: hash.digest('hex'), bytes };
        this.computed.set(key, checksum);
        return checksum;
      });
      pending.catch(() => this.checksums.delete(key));
      this.checksums.set(key, pending);
    }
    return pending;
  }

  listing = async (_req: Request, res: Response): Promise<void> => {
    const release = this.current(res);
    if (!release) return;
    const files = [];
    for (const name of DOWNLOAD_FILES) {
      const { sha256, bytes } = await this.checksum(release, name);
      files.push({ name, url: `${DOWNLOADS_PATH}/${release.number}/${name}`, mediaType: MEDIA_TYPES[name].split(';')[0], bytes, sha256 });
    }
    res.setHeader(DATA_VERSION_HEADER, String(release.number));
    res.setHeader('cache-control', 'no-cache');
    res.json({ current: release.number, releases: [{ release: release.number, releasedAt: release.releasedAt, releasedBy: release.source, files }] });
  };

  file = async (req: Request, res: Response): Promise<void> => {
    const release = this.current(res);
    if (!release) return;
    const asked = String(req.params.release ?? '');
    const requested = String(req.params.file ?? '');
    const sumFile = requested.endsWith('.sha256');
    const name = (sumFile ? requested.slice(0, -'.sha256'.length) : requested) as DownloadFile;
    if (!DOWNLOAD_FILES.includes(name)) return notFound(res, `There is no file ${requested}; a release has ${DOWNLOAD_FILES.join(', ')} (see ${DOWNLOADS_PATH}).`);
    if (asked !== String(release.number)) {
      return notFound(res, `Release ${asked.slice(0, 20)} is not served: only the current release, ${release.number}, can be downloaded (see ${DOWNLOADS_PATH}).`);
    }
    res.setHeader(DATA_VERSION_HEADER, String(release.number));
    if (sumFile) {
      const { sha256 } = await this.checksum(release, name);
      res.type('text/plain').send(`${sha256}  ${name}\n`);
      return;
    }
    res.status(200);
    res.setHeader('content-type', MEDIA_TYPES[name]);
    res.setHeader('content-disposition', `attachment; filename="condition-graph-release-${release.number}-${name}"`);
    res.setHeader('cache-control', 'no-cache');
    const settled = this.computed.get(`${release.tag}/${name}`);
    if (settled) res.setHeader('repr-digest', `sha-256=:${Buffer.from(settled.sha256, 'hex').toString('base64')}:`);
    try {
      await this.stream(release, name, async (chunk) => {
        if (res.destroyed) throw new Error('client went away');
        if (!res.write(chunk)) await once(res, 'drain');
      });
      res.end();
    } catch {
      // Headers are out: the only honest signal left is an incomplete transfer.
      res.destroy();
    }
  };

  private current(res: Response): DataReleaseInfo | null {
    const release = this.releases.current;
    if (!release) {
      res.status(503).setHeader('retry-after', '5').json({ error: 'The data release is not known yet (Neo4j unreachable); try again shortly.' });
      return null;
    }
    return release;
  }
}

function notFound(res: Response, message: string): void {
  res.status(404).json({ error: message });
}
