/**
 * A request that finds every pooled connection taken fails once, after the acquisition timeout, with
 * UNAVAILABLE (503), and its further calls fail at once instead of waiting for the same pool again:
 * its whole answer comes within one acquisition timeout, not one per statement.
 */
import { Database, DatabaseError } from '../../../src/db';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

const ACQUISITION_TIMEOUT_MS = 400;

describe('a request when the connection pool is exhausted', () => {
  const env = neo4jTestEnv();
  const db = new Database({ uri: env.uri, user: env.user, password: env.password }, { database: env.database, queryTimeoutMs: 5_000, maxConnections: 1, acquisitionTimeoutMs: ACQUISITION_TIMEOUT_MS });

  afterAll(async () => {
    await db.close();
  });

  it('fails its first statement after the acquisition timeout and its next at once, both UNAVAILABLE; a later request is served', async () => {
    const holder = db.driver.session({ database: env.database });
    const tx = await holder.beginTransaction();
    await tx.run('RETURN 1');
    const request = db.forRequest();
    try {
      const firstStarted = Date.now();
      const first = await request.read('RETURN 1 AS one').catch((error: unknown) => error);
      const firstMs = Date.now() - firstStarted;
      const secondStarted = Date.now();
      const second = await request.read('RETURN 2 AS two').catch((error: unknown) => error);
      const secondMs = Date.now() - secondStarted;

      expect(first).toBeInstanceOf(DatabaseError);
      expect(first).toMatchObject({ kind: 'UNAVAILABLE', message: expect.stringMatching(/acquisition timed out/) });
      expect(firstMs).toBeGreaterThanOrEqual(ACQUISITION_TIMEOUT_MS - 50);
      expect(second).toBe(first);
      expect(secondMs).toBeLessThan(50);
    } finally {
      await tx.rollback();
      await holder.close();
    }
    await expect(db.forRequest().read('RETURN 3 AS three')).resolves.toEqual([{ three: 3 }]);
  });
});
