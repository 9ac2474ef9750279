/**
 * A review locks its change and reads it in one statement (LOCK_AND_READ_CHANGE): the SET takes the
 * change's write lock and the properties are read after it, so a second review waits for the first to
 * commit and then sees what it decided. Two transactions on two sessions, as two group-commit lanes
 * (or two server processes) would run them.
 */
import { randomUUID } from 'node:crypto';
import { createDriver } from '../../../src/db/database';
import { onlyRow } from '../../../src/db/statement-rows';
import { LOCK_AND_READ_CHANGE } from '../../../src/domain/curation/curation.repository';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

describe('a review reading its change', () => {
  const env = neo4jTestEnv();
  const driver = createDriver({ uri: env.uri, user: env.user, password: env.password }, { poolSize: 4, timeoutMs: 10_000 });
  const id = `lock-test-${randomUUID()}`;

  beforeAll(async () => {
    await driver.executeQuery("CREATE (:Change {id: $id, status: 'PROPOSED'})", { id }, { database: env.database });
  });
  afterAll(async () => {
    await driver.executeQuery('MATCH (c:Change {id: $id}) DELETE c', { id }, { database: env.database });
    await driver.close();
  });

  it('waits for a concurrent review to commit and then sees its decision, not the state it started from', async () => {
    const first = driver.session({ database: env.database });
    const second = driver.session({ database: env.database });
    const firstTx = first.beginTransaction();
    const secondTx = second.beginTransaction();
    try {
      const seenFirst = await firstTx.run(LOCK_AND_READ_CHANGE, onlyRow({ id, requestId: 'first' }));
      expect(seenFirst.records[0]?.get('change').status).toBe('PROPOSED');
      await firstTx.run("MATCH (c:Change {id: $id}) SET c.status = 'ACCEPTED'", { id });

      let settled = false;
      const seenSecond = secondTx.run(LOCK_AND_READ_CHANGE, onlyRow({ id, requestId: 'second' })).then((result) => {
        settled = true;
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false); // held by the first review's lock

      await firstTx.commit();
      expect((await seenSecond).records[0]?.get('change').status).toBe('ACCEPTED');
    } finally {
      if (secondTx.isOpen()) await secondTx.rollback();
      if (firstTx.isOpen()) await firstTx.rollback();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
