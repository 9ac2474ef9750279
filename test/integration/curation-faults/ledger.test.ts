/**
 * Issue 12, part 6: 1,000 concurrent curator writes over HTTP while the server's own supervised
 * Neo4j (.neo4j/test-curation-faults, never the shared test instance) is SIGKILLed and restarted
 * three times. Clients retry with the same idempotency key on 503, 504 and network errors until
 * acknowledged (bounded). The test keeps a ledger of what was acknowledged and checks the graph
 * against it afterwards: every acknowledged write present exactly once, no duplicates, and nothing
 * half-written (each change record complete, and an accepted change's effect and release bump
 * committed with it). Prints the figures.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config';
import { killAndAwaitReturn, sleep, startRig, type KillAndReturn, type Rig } from '../../../bench/faults/rig';
import { readRelease } from '../../../src/domain/releases';
import { sendMutation, untilAcknowledged, acknowledged, type Slowest, type Tally } from '../../helpers/curator-writes';
import pino from 'pino';
import { TEST_AUTH, tokenFor } from '../../helpers/tokens';

const WRITES = 1_000;
const KILLS = 3;
/** Every fifth acknowledged proposal is then accepted by a reviewer: the accepted change applies it to the graph. */
const ACCEPT_EVERY = 5;
/** A new write starts every LAUNCH_MS; a kill comes once this many more have started (mid-stream), and at least GAP_MS after Neo4j was back. */
const LAUNCH_MS = 10;
const GAP_MS = 3_000;
/** Clients stop retrying this long after Neo4j was back from the last kill, and in any case this long after the start. */
const GIVE_UP_AFTER_LAST_KILL_MS = 60_000;
const GIVE_UP_MS = 300_000;
const PREFIX = 'ledger-';
const CURATOR = 'ledger-alice';
const REVIEWER = 'ledger-bob';

const PROPOSE = `mutation Propose($input: CreateEntityInput!) { createEntity(input: $input) { change { id status } replayed } }`;
const REVIEW = `mutation Review($id: ID!) { reviewChange(id: $id, decision: ACCEPT, reason: "ledger") { change { id status } replayed } }`;

interface Entry {
  entityId: string;
  key: string;
  proposed?: { changeId: string; replayed: boolean };
  /** Only for every ACCEPT_EVERY-th entry whose proposal was acknowledged. */
  accepted?: boolean;
  /** What the last unacknowledged attempt got, if the client gave up. */
  failure?: string;
}

interface StoredChange extends Record<string, unknown> {
  id: string | null;
  key: string | null;
  operation: string | null;
  status: string | null;
  actor: string | null;
  requestId: string | null;
  payload: string | null;
  fingerprint: string | null;
  entityIds: string[] | null;
  proposedAt: string | null;
  reviewer: string | null;
  reviewRequestId: string | null;
  after: string | null;
}

describe('curator writes while Neo4j is killed and restarted three times', () => {
  let rig: Rig | undefined;
  /** What the server logged at level warn and above (database errors mapped for clients, errors masked as internal, the warm-ups). */
  const logged: Array<{ level: number; msg: string; code?: string; err?: { neo4jCode?: string; kind?: string; message?: string; code?: string }; ms?: number }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });

  beforeAll(async () => {
    rig = await startRig({
      instanceDir: path.join(PROJECT_ROOT, '.neo4j', 'test-curation-faults'),
      queryTimeoutMs: 4_000,
      logger,
      auth: TEST_AUTH,
      maxRestarts: KILLS + 2,
    });
    // A clean ledger: what earlier runs of this test left in this instance goes.
    await rig.db.write(async (tx) => {
      await tx.run('MATCH (c:Change) WHERE c.actor = $actor DETACH DELETE c', { actor: CURATOR });
      await tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: PREFIX });
    });
  }, 240_000);

  afterAll(async () => {
    await rig?.stop();
  }, 60_000);

  it('stores every acknowledged write exactly once, duplicates none and half-writes none', async () => {
    if (!rig) throw new Error('the rig starts in beforeAll');
    const { url, db } = rig;
    const [alice, bob] = await Promise.all([tokenFor(CURATOR, ['curator'], { expiresIn: '1h' }), tokenFor(REVIEWER, ['reviewer'], { expiresIn: '1h' })]);
    const releaseBefore = (await readRelease(db)).number;
    const tally: Tally = new Map();
    const slowest: Slowest = new Map();
    let inFlight = 0;
    const inFlightAtKill: number[] = [];
    const counted = async <T>(work: () => Promise<T>): Promise<T> => {
      inFlight += 1;
      try {
        return await work();
      } finally {
        inFlight -= 1;
      }
    };

    const started = Date.now();
    const ledger: Entry[] = Array.from({ length: WRITES }, (_, i) => ({ entityId: `${PREFIX}${i}`, key: `ledger-${started}-${i}` }));
    let lastKillBackAt: number | undefined;
    const giveUpAt = () => Math.min(started + GIVE_UP_MS, lastKillBackAt === undefined ? Infinity : lastKillBackAt + GIVE_UP_AFTER_LAST_KILL_MS);
    const write = async (entry: Entry, i: number): Promise<void> => {
      const input = { id: entry.entityId, kind: 'Condition', name: `Ledger condition ${i}`, aliases: [`LC${i}`], reason: `ledger write ${i}` };
      const proposal = await untilAcknowledged(() => sendMutation(url, alice, PROPOSE, { input }, { idempotencyKey: entry.key }), tally, giveUpAt, slowest);
      if (!acknowledged(proposal.last)) {
        entry.failure = `propose: ${proposal.last.status} ${proposal.last.code ?? proposal.last.error ?? ''}`;
        return;
      }
      const answer = proposal.last.data!.createEntity!;
      entry.proposed = { changeId: answer.change.id, replayed: answer.replayed };
      if (i % ACCEPT_EVERY !== 0) return;
      // A review carries no key of its own: the same reviewer accepting the same change again is answered as a replay.
      const review = await untilAcknowledged(() => sendMutation(url, bob, REVIEW, { id: answer.change.id }), tally, giveUpAt, slowest);
      entry.accepted = acknowledged(review.last) && review.last.data!.reviewChange!.change.status === 'ACCEPTED';
      if (!entry.accepted) entry.failure = `review: ${review.last.status} ${review.last.code ?? review.last.error ?? ''}`;
    };

    // Writes start one every LAUNCH_MS; the k-th kill comes once (k + 0.5) / KILLS of them have started.
    let launched = 0;
    const writes: Promise<void>[] = [];
    const launcher = (async () => {
      for (const [i, entry] of ledger.entries()) {
        writes.push(counted(() => write(entry, i)));
        launched += 1;
        await sleep(LAUNCH_MS);
      }
    })();
    const kills: KillAndReturn[] = [];
    for (let k = 0; k < KILLS; k++) {
      const due = Math.floor(((k + 0.5) * WRITES) / KILLS);
      const earliest = (kills.at(-1)?.backAt ?? 0) + GAP_MS;
      const waitStarted = Date.now();
      while ((launched < due || Date.now() < earliest) && Date.now() - waitStarted < 60_000) await sleep(20);
      inFlightAtKill.push(inFlight);
      kills.push(await killAndAwaitReturn(rig, 90_000));
    }
    lastKillBackAt = kills.at(-1)!.backAt;
    await launcher;
    await Promise.all(writes);
    const duration = Date.now() - started;

    // The graph, read back through the server's own Database once Neo4j is back for good.
    const changes = await db.read<StoredChange>(
      `MATCH (c:Change) WHERE c.actor = $actor
       RETURN c.id AS id, c.idempotencyKey AS key, c.operation AS operation, c.status AS status, c.actor AS actor,
              c.requestId AS requestId, c.payload AS payload, c.fingerprint AS fingerprint, c.entityIds AS entityIds,
              toString(c.proposedAt) AS proposedAt, c.reviewer AS reviewer, c.reviewRequestId AS reviewRequestId, c.after AS after`,
      { actor: CURATOR },
    );
    const entities = await db.read<{ id: string; copies: number; owner: string | null }>(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id, count(*) AS copies, collect(n.owner)[0] AS owner',
      { prefix: PREFIX },
    );
    const releaseAfter = (await readRelease(db)).number;

    const byKey = new Map<string, StoredChange[]>();
    for (const change of changes) byKey.set(change.key ?? '', [...(byKey.get(change.key ?? '') ?? []), change]);
    const entityCopies = new Map(entities.map((row) => [row.id, row.copies]));
    const stored = (entry: Entry) => byKey.get(`${CURATOR}\u0000${entry.key}`) ?? [];

    const acknowledgedEntries = ledger.filter((entry) => entry.proposed);
    const acceptedEntries = ledger.filter((entry) => entry.accepted);
    const present = acknowledgedEntries.filter((entry) => stored(entry).length === 1 && stored(entry)[0]!.id === entry.proposed!.changeId);
    const lost = acknowledgedEntries.filter((entry) => stored(entry).length === 0).map((entry) => entry.key);
    const wrongRecord = acknowledgedEntries.filter((entry) => stored(entry).length === 1 && stored(entry)[0]!.id !== entry.proposed!.changeId).map((entry) => entry.key);
    const acceptedLost = acceptedEntries.filter((entry) => stored(entry)[0]?.status !== 'ACCEPTED' || entityCopies.get(entry.entityId) !== 1).map((entry) => entry.entityId);
    const duplicated = [
      ...[...byKey].filter(([, records]) => records.length > 1).map(([key]) => `change ${key}`),
      ...entities.filter((row) => row.copies > 1).map((row) => `entity ${row.id}`),
    ];
    // Half-written: a change record missing what every proposal writes, an accepted change without
    // its entity or its review, an entity without the accepted change that made it.
    const incomplete = changes.filter(
      (c) =>
        !c.id || !c.key || c.operation !== 'CREATE_ENTITY' || !c.actor || !c.requestId || !c.payload || !c.fingerprint || !c.proposedAt ||
        !Array.isArray(c.entityIds) || c.entityIds.length !== 1 || !['PROPOSED', 'ACCEPTED'].includes(c.status ?? ''),
    );
    const acceptedChanges = changes.filter((c) => c.status === 'ACCEPTED');
    const acceptedIds = new Set(acceptedChanges.map((c) => c.entityIds?.[0]));
    const halfWritten = [
      ...incomplete.map((c) => `incomplete change ${c.id}`),
      ...acceptedChanges.filter((c) => !c.reviewer || !c.reviewRequestId || !c.after || entityCopies.get(c.entityIds?.[0] ?? '') === undefined).map((c) => `accepted change ${c.id} without its effect or review`),
      ...changes.filter((c) => c.status === 'PROPOSED' && entityCopies.has(c.entityIds?.[0] ?? '')).map((c) => `entity ${c.entityIds?.[0]} of a change still proposed`),
      ...entities.filter((row) => !acceptedIds.has(row.id)).map((row) => `entity ${row.id} without an accepted change`),
    ];
    const unacknowledged = ledger.filter((entry) => !entry.proposed);
    const storedAnyway = unacknowledged.filter((entry) => stored(entry).length > 0).length;
    const requests = [...tally.values()].reduce((sum, n) => sum + n, 0);

    const figures = {
      writes: WRITES,
      acknowledged: acknowledgedEntries.length,
      present: present.length,
      duplicated: duplicated.length,
      lost: lost.length + wrongRecord.length,
      halfWritten: halfWritten.length,
      unacknowledged: unacknowledged.length,
      unacknowledgedButStored: storedAnyway,
      acknowledgedAsReplay: acknowledgedEntries.filter((entry) => entry.proposed!.replayed).length,
      reviewsAcknowledged: acceptedEntries.length,
      acceptedInGraph: acceptedChanges.length,
      releaseBumps: releaseAfter - releaseBefore,
      requests,
      answers: Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])),
      // The slowest answer of each kind, and when it was sent (ms after the start; compare with the kills').
      slowestMs: Object.fromEntries([...slowest].map(([key, s]) => [key, { ms: s.ms, sentAtMs: s.sentAt - started }])),
      kills: kills.map((kill, k) => ({
        inFlightAtKill: inFlightAtKill[k],
        killedAtMs: kill.killedAt - started,
        restartedMs: kill.restartedAt - kill.killedAt,
        servingAgainMs: kill.backAt - kill.killedAt,
      })),
      durationMs: duration,
      warmUpsMs: logged.filter((line) => /^warm-up done/.test(line.msg)).map((line) => line.ms),
      internalErrors: logged.filter((line) => line.level >= 50).map((line) => `${line.msg}: ${line.err?.neo4jCode ?? line.err?.code ?? ''} ${(line.err?.message ?? '').slice(0, 200)}`),
    };
    console.log(`Ledger under ${KILLS} SIGKILLs of Neo4j (issue 12 part 6):\n${JSON.stringify(figures, null, 2)}`);

    expect(kills).toHaveLength(KILLS);
    // Each kill came with writes in flight.
    for (const n of inFlightAtKill) expect(n).toBeGreaterThan(0);
    // Nothing but acknowledgements and retriable refusals: no internal error, no conflict from a retry.
    expect([...tally.keys()].filter((key) => !/^(200|503 SERVICE_UNAVAILABLE|504 QUERY_TIMEOUT|network .*)$/.test(key))).toEqual([]);
    expect(unacknowledged.map((entry) => `${entry.key}: ${entry.failure}`)).toEqual([]);
    expect(acceptedEntries.length).toBe(WRITES / ACCEPT_EVERY);
    expect(lost).toEqual([]);
    expect(wrongRecord).toEqual([]);
    expect(acceptedLost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(halfWritten).toEqual([]);
    expect(present.length).toBe(acknowledgedEntries.length);
    // An accepted change and its release commit together: one bump per accepted change, no more, no fewer.
    expect(releaseAfter - releaseBefore).toBe(acceptedChanges.length);
    expect(acceptedChanges.length).toBe(acceptedEntries.length);
  }, 420_000);
});
