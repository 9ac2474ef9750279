import type { Database } from '../db';
import { ENTITY_LABEL } from '../domain/model';
import { contentVersion } from '../domain/releases';
import type { Logger } from '../logger';
import { ensureSchema, loadGraph, type LoadOptions, type LoadResult } from './load';
import { SEED_OWNER, defaultSeedDir, validatedSeed } from './seed-files';

export interface SeedOptions extends Pick<LoadOptions, 'batchSize' | 'failAfterBatches'> {
  seedDir?: string;
}

/**
 * Validates seed/ (throwing ValidationFailed with every problem before anything is written), creates
 * the schema, and loads the seed in one transaction, replacing what the seed owns: seed-owned nodes
 * and relationships that are no longer in the files are removed; other owners' data is untouched.
 */
export async function reseed(db: Database, log: Logger, options: SeedOptions = {}): Promise<LoadResult> {
  const input = validatedSeed(options.seedDir ?? defaultSeedDir());
  log.info({ nodes: input.nodes.length, relationships: input.edges.length }, 'seed files valid');
  await ensureSchema(db);
  const result = await loadGraph(db, input, {
    replaceOwner: SEED_OWNER,
    releaseSource: 'seed',
    releaseVersion: contentVersion(input),
    batchSize: options.batchSize,
    failAfterBatches: options.failAfterBatches,
    onProgress: (p) => log.info({ ...p }, `seed: ${p.phase} ${p.group} ${p.done}/${p.total}`),
  });
  log.info({ ...result }, 'seed loaded');
  return result;
}

/** Used by `npm start`: seeds when the database holds nothing of the seed yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Database, log: Logger, options: SeedOptions = {}): Promise<boolean> {
  await ensureSchema(db);
  const [row] = await db.read<{ n: number }>(`MATCH (n:${ENTITY_LABEL} {owner: $owner}) RETURN count(n) AS n`, { owner: SEED_OWNER });
  if ((row?.n ?? 0) > 0) {
    log.info({ seedNodes: row?.n }, 'seed already loaded');
    return false;
  }
  await reseed(db, log, options);
  return true;
}
