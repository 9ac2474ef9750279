import path from 'node:path';
import { readHpo, type HpoData } from '../../../src/hpo/read';
import type { ExistingEntity } from '../../../src/hpo/map';

export const FIXTURE_DIR = path.join(__dirname, '..', '..', 'fixtures', 'hpo');

export function readFixture(): Promise<HpoData> {
  return readHpo(FIXTURE_DIR);
}

/** The article's entities that the fixture joins (ids and xrefs as in seed/entities). */
export const ARTICLE_ENTITIES: ExistingEntity[] = [
  { id: 'als', kind: 'Condition', xrefs: ['MONDO:0004976', 'ORPHA:803'] },
  { id: 'fasciculations', kind: 'Symptom', xrefs: ['HP:0002380', 'UMLS:C0015644'] },
];

/** Lines of text as an async iterable, like node:readline gives. */
export async function* linesOf(text: string): AsyncIterable<string> {
  for (const line of text.split('\n')) yield line;
}
