/**
 * The bench's @neo4j/graphql peer (bench/peers, issue 19) gives the floor's answer, after the mapping
 * to this API's shape, for every operation it is asked, on the seeded graph. The timed comparison is
 * `npm run bench`; the floor is checked against the API by floor-agrees.test.ts.
 */
import { OPERATIONS } from '../../../bench/operations';
import { PEER_OPERATIONS } from '../../../bench/peers/neo4j-graphql';
import { startNeo4jGraphqlPeer, type RunningPeer } from '../../../bench/peers/server';
import type { Database } from '../../../src/db';
import { ensureSeeded, openTestDatabase } from '../../helpers/seeded-graph';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

describe('bench peer: @neo4j/graphql', () => {
  let db: Database;
  let peer: RunningPeer;
  beforeAll(async () => {
    db = openTestDatabase();
    await ensureSeeded(db);
    peer = await startNeo4jGraphqlPeer(neo4jTestEnv());
  }, 120_000);
  afterAll(async () => {
    await peer?.stop();
    await db?.close();
  });

  const asked = OPERATIONS.filter((op) => PEER_OPERATIONS[op.name]);

  it('is asked Q1 (Entity), Q2, Q3c, Q4 and Q5', () => {
    expect(asked.map((op) => op.name).sort()).toEqual(['Entity', 'Nested', 'PageCounts', 'Shared', 'TopSymptoms']);
  });

  it.each(asked.map((op) => [op.name, op] as const))('%s: the peer answers as the floor', async (name, op) => {
    const peerOp = PEER_OPERATIONS[name]!;
    const response = await fetch(`${peer.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: name, query: peerOp.query, variables: peerOp.variables(op.variables.seed) }),
    });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    const floor = await op.floor(db, op.variables.seed);
    // Not vacuous: the seed's answers have items.
    expect(JSON.stringify(floor)).toMatch(/"id":"[^"]+"/);
    expect(JSON.stringify(peerOp.toApi(answer.data))).toBe(JSON.stringify(floor));
  });
});
