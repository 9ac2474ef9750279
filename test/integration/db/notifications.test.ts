/**
 * The driver asks Neo4j not to send notifications: nothing here reads them, and curation's statements
 * drew 1–2.5 KB of warnings per answer (a property key the graph does not hold yet), which the driver
 * unpacked every time (src/db/database.ts createDriver, bench/README.md issue 12).
 */
import { createDriver } from '../../../src/db/database';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

describe('answers from Neo4j', () => {
  const env = neo4jTestEnv();
  const driver = createDriver({ uri: env.uri, user: env.user, password: env.password }, { poolSize: 2, timeoutMs: 10_000 });

  afterAll(async () => {
    await driver.close();
  });

  it('carry no warnings, even for a statement that names a property key the graph has never held', async () => {
    const session = driver.session({ database: env.database });
    try {
      const result = await session.run('MATCH (n:Entity) WHERE n.aPropertyKeyNoGraphHolds = 1 RETURN n LIMIT 1');
      expect(result.summary.notifications).toEqual([]);
      expect(result.summary.gqlStatusObjects.filter((status) => status.severity !== 'UNKNOWN')).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
