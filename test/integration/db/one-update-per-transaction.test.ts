/**
 * Releases are bumped once per transaction (bumpReleaseAtCommit), because in Neo4j 5.26 a transaction
 * that updates the `(:DataVersion)` node a second time deadlocks with another transaction already
 * waiting to update it (`NODE` against `NODE_RELATIONSHIP_GROUP_DELETE`), and the driver retries the
 * victim after a second or more. Two interleaved transactions, as two group-commit lanes run curation's
 * reviews: the first asks for a release, the second starts and asks for one, then the first asks twice more.
 */
import type { Database, WriteTransaction } from '../../../src/db';
import { bumpRelease, bumpReleaseAtCommit } from '../../../src/domain/releases';
import { ensureSchema } from '../../../src/ingest/load';
import { openTestDatabase } from '../../helpers/seeded-graph';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function releaseNumber(db: Database): Promise<number> {
  const [row] = await db.read<{ n: number | null }>("OPTIONAL MATCH (v:DataVersion {id: 'graph'}) RETURN v.number AS n");
  return row?.n ?? 0;
}

/** Runs the interleaving with `release` as the way each change asks for its release; returns the attempts each transaction took. */
async function interleaved(db: Database, release: (tx: WriteTransaction) => Promise<unknown>): Promise<[number, number]> {
  let firstAttempts = 0;
  let secondAttempts = 0;
  let second: Promise<unknown> | undefined;
  const first = db.write(async (tx) => {
    firstAttempts += 1;
    await release(tx);
    second ??= db.write(async (tx2) => {
      secondAttempts += 1;
      await release(tx2);
    });
    await sleep(300); // the second is now waiting for the DataVersion node, if the first holds it
    await release(tx);
    await release(tx);
  }, 20_000);
  await first;
  await second;
  return [firstAttempts, secondAttempts];
}

describe('data releases asked for by transactions that run at the same time', () => {
  let db: Database;
  beforeAll(async () => {
    db = openTestDatabase();
    // The unique constraint on (:DataVersion {id}) must exist before two transactions MERGE the node at
    // once: on a fresh test database each would otherwise create its own, and every later schema step fails.
    await ensureSchema(db);
    // The deadlock is between updates of an existing node; on a database that has never had a release,
    // the first MERGE creates it and the second transaction waits on the constraint instead.
    await db.write((tx) => bumpRelease(tx, 'curation'));
  });
  afterAll(async () => {
    await db.close();
  });

  it('deadlock when one transaction updates the release node twice while another waits (why curation bumps once per transaction)', async () => {
    const before = await releaseNumber(db);
    const [first, second] = await interleaved(db, (tx) => bumpRelease(tx, 'curation'));
    expect(first + second).toBeGreaterThan(2); // one of them was the deadlock's victim and ran again
    expect((await releaseNumber(db)) - before).toBe(4);
  });

  it('commit without a deadlock or a retry when each transaction bumps once, by its count, before it commits', async () => {
    const before = await releaseNumber(db);
    const [first, second] = await interleaved(db, async (tx) => bumpReleaseAtCommit(tx, 'curation'));
    expect([first, second]).toEqual([1, 1]);
    expect((await releaseNumber(db)) - before).toBe(4);
  });
});
