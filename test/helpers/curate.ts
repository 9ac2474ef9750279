/** Curation without HTTP, for tests of the loaders and exports: alice proposes (as an admin), bob accepts. */
import type { Database } from '../../src/db';
import type { ChangePayload } from '../../src/domain/curation/change.types';
import { CurationRepository } from '../../src/domain/curation/curation.repository';
import { reseed } from '../../src/ingest/seed';
import { silentLogger } from './seeded-graph';

export async function curate(db: Database, payload: ChangePayload): Promise<void> {
  const curation = new CurationRepository(db);
  const { change } = await curation.propose({ payload, reason: 'test', actor: { subject: 'alice', requestId: 'test', admin: true } });
  await curation.review(change.id, 'ACCEPT', null, { subject: 'bob', requestId: 'test' });
}

/**
 * The seed as loaded, whatever curation did: retired and curated nodes, curated statements and change
 * records removed (`prefix` also removes the test's own ids), then a re-seed brings back what the seed owns.
 */
export async function restoreSeed(db: Database, prefix: string): Promise<void> {
  await db.write(async (tx) => {
    await tx.run("MATCH (n) WHERE n:Retired OR (n:Entity AND (n.id STARTS WITH $prefix OR n.owner = 'curation')) DETACH DELETE n", { prefix });
    await tx.run("MATCH ()-[r]->() WHERE r.owner = 'curation' OR 'curation' IN coalesce(r.evOwners, []) DELETE r");
    await tx.run('MATCH (c:Change) DELETE c');
  });
  await reseed(db, silentLogger);
}
