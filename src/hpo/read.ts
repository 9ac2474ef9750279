/**
 * Reads and checks both HPO files (streaming), without touching any database: parse, build the
 * ontology, cross-check. Throws ValidationFailed with every error.
 */
import { ValidationFailed } from '../ingest/validate';
import { HPOA_FILE, OBO_FILE, openHpoFiles } from './files';
import { parseHpoa, type HpoaDocument } from './hpoa';
import { parseObo, type OboDocument } from './obo';
import { Ontology } from './ontology';
import { checkHpo, type HpoCheck } from './validate';

export interface HpoData {
  obo: OboDocument;
  hpoa: HpoaDocument;
  ontology: Ontology;
  check: HpoCheck;
  files: { obo: string; hpoa: string };
}

export async function readHpo(path: string): Promise<HpoData> {
  const opened = await openHpoFiles(path);
  try {
    const files = { obo: opened.describe(OBO_FILE), hpoa: opened.describe(HPOA_FILE) };
    const obo = await parseObo(await opened.lines(OBO_FILE));
    const hpoa = await parseHpoa(await opened.lines(HPOA_FILE));
    const ontology = new Ontology(obo.terms);
    const check = checkHpo(obo, hpoa, ontology, files);
    if (check.errors.length > 0) throw new ValidationFailed(check.errors);
    return { obo, hpoa, ontology, check, files };
  } finally {
    await opened.close();
  }
}
