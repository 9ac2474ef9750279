/** Curation without HTTP, for tests of the loaders and exports: alice proposes (as an admin), bob accepts. */
import type { Database } from '../../src/db';
import type { ChangePayload } from '../../src/domain/curation/change.types';
import { CurationRepository } from '../../src/domain/curation/curation.repository';

export async function curate(db: Database, payload: ChangePayload): Promise<void> {
  const curation = new CurationRepository(db);
  const { change } = await curation.propose({ payload, reason: 'test', actor: { subject: 'alice', requestId: 'test', admin: true } });
  await curation.review(change.id, 'ACCEPT', null, { subject: 'bob', requestId: 'test' });
}
