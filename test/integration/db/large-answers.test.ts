/**
 * Answers larger than one Bolt chunk (src/db/bolt-messages.ts joins the chunks before the driver
 * unpacks them) arrive whole: every string, including multi-byte characters cut by chunk boundaries,
 * equals what Neo4j built.
 */
import { Database } from '../../../src/db';
import { joinBoltChunks } from '../../../src/db/bolt-messages';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

describe('a read whose answer spans many Bolt chunks', () => {
  const env = neo4jTestEnv();
  const db = new Database({ uri: env.uri, user: env.user, password: env.password }, { database: env.database, queryTimeoutMs: 30_000 });

  afterAll(async () => {
    await db.close();
  });

  it('returns every string and map exactly as Neo4j built them', async () => {
    const rows = await db.read<{ items: Array<{ id: string; name: string; n: number }>; long: string }>(
      `RETURN [i IN range(1, $count) | { id: 'item-' + toString(i), name: 'ß€𝄞 ' + toString(i) + ' café', n: i }] AS items,
              reduce(s = '', i IN range(1, 20000) | s + 'é') AS long`,
      { count: 20_000 },
    );
    const expected = Array.from({ length: 20_000 }, (_, k) => ({ id: `item-${k + 1}`, name: `ß€𝄞 ${k + 1} café`, n: k + 1 }));
    expect(joinBoltChunks()).toBe(true); // the joined path is the one tested
    expect(rows).toHaveLength(1);
    expect(rows[0]?.items).toEqual(expected);
    expect(rows[0]?.long).toBe('é'.repeat(20_000));
  });
});
