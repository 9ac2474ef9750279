/**
 * Curation over HTTP on the seeded graph: proposals by curators, reviews by someone else, change
 * records as the audit trail, idempotent retries, denials and bad input that write nothing, and curated
 * data surviving a re-seed. Every id made here starts with `cur-` and is removed afterwards.
 */
import { ensureSchema } from '../../../src/ingest/load';
import { reseed } from '../../../src/ingest/seed';
import type { Database } from '../../../src/db';
import { withTestDatabase, silentLogger } from '../../helpers/seeded-graph';
import { tokenFor } from '../../helpers/tokens';
import { useSeededApi } from './seeded-api';

const api = useSeededApi();
let alice: string; // curator
let bob: string; // reviewer
let carol: string; // reviewer only

const CHANGE = 'change { id operation status actor reason entityIds reviewer before after requestId } replayed';
const CREATE_SOURCE = `mutation($input: CreateSourceInput!, $key: String) { createSource(input: $input, idempotencyKey: $key) { ${CHANGE} } }`;
const CREATE_ENTITY = `mutation($input: CreateEntityInput!, $key: String) { createEntity(input: $input, idempotencyKey: $key) { ${CHANGE} } }`;
const ASSERT = `mutation($input: AssertRelationshipInput!, $key: String) { assertRelationship(input: $input, idempotencyKey: $key) { ${CHANGE} } }`;
const REVIEW = `mutation($id: ID!, $decision: ReviewDecision!, $reason: String) { reviewChange(id: $id, decision: $decision, reason: $reason) { ${CHANGE} } }`;

const SOURCE_TEXT =
  'Restless legs syndrome often comes with muscle cramps at night. In a small cohort, twitching of the calves\n' +
  'was reported by most participants; it eased with magnesium. Night-time muscle cramps were the most common complaint.';

interface ChangeView {
  id: string;
  operation: string;
  status: string;
  actor: string;
  reason: string | null;
  entityIds: string[];
  reviewer: string | null;
  before: string | null;
  after: string | null;
  requestId: string;
}
type Payload = { change: ChangeView; replayed: boolean };

async function changeCount(): Promise<number> {
  const [row] = await api.db.read<{ n: number }>('MATCH (c:Change) RETURN count(c) AS n');
  return row?.n ?? 0;
}
async function graphFingerprint(): Promise<string> {
  const [row] = await api.db.read<{ nodes: number; rels: number; ev: number }>(
    'MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(r.evSources)) AS ev } RETURN nodes, rels, ev',
  );
  return JSON.stringify(row);
}
async function propose(mutation: string, field: string, input: Record<string, unknown>, token = alice, key?: string) {
  return api.query<Record<string, Payload>>(mutation, { input, ...(key ? { key } : {}) }, { token }).then((r) => ({ ...r, payload: r.data?.[field] }));
}
async function review(id: string, decision: 'ACCEPT' | 'REJECT', token = bob, reason?: string) {
  return api.query<{ reviewChange: Payload }>(REVIEW, { id, decision, ...(reason ? { reason } : {}) }, { token });
}
async function proposeAndAccept(mutation: string, field: string, input: Record<string, unknown>): Promise<ChangeView> {
  const proposed = await propose(mutation, field, input);
  expect(proposed.errors).toBeUndefined();
  const accepted = await review(proposed.payload!.change.id, 'ACCEPT');
  expect(accepted.errors).toBeUndefined();
  return accepted.data!.reviewChange.change;
}

async function removeCurated(db: Database = api.db): Promise<void> {
  await db.write(async (tx) => {
    await tx.run("MATCH (n) WHERE (n:Entity OR n:Retired) AND n.id STARTS WITH 'cur-' DETACH DELETE n");
    await tx.run("MATCH ()-[r]->() WHERE r.owner = 'curation' DELETE r");
    await tx.run('MATCH (c:Change) DELETE c');
  });
}

beforeAll(async () => {
  // The current seed (with the article's text, against which quotes are checked), whatever an older run left.
  await ensureSchema(api.db);
  await reseed(api.db, silentLogger);
  await removeCurated();
  [alice, bob, carol] = await Promise.all([tokenFor('alice', ['curator']), tokenFor('bob', ['reviewer']), tokenFor('carol', ['reviewer'])]);
});
afterAll(async () => {
  // useSeededApi's own afterAll has closed api.db by now.
  await withTestDatabase(removeCurated);
});

describe('proposing and reviewing', () => {
  it('keeps a proposed source out of every read until a different person accepts it', async () => {
    const proposed = await propose(CREATE_SOURCE, 'createSource', {
      id: 'cur-rls-cohort',
      title: 'Cramps and twitching in restless legs syndrome',
      year: 2024,
      url: 'https://example.org/rls-cohort',
      text: SOURCE_TEXT,
      reason: 'a cohort that reports twitching',
    });
    expect(proposed.status).toBe(200);
    const change = proposed.payload!.change;
    expect(change).toMatchObject({ operation: 'CREATE_SOURCE', status: 'PROPOSED', actor: 'alice', reason: 'a cohort that reports twitching', entityIds: ['cur-rls-cohort'] });
    expect((await api.query('{ source(id: "cur-rls-cohort") { id } }')).data).toEqual({ source: null });

    const accepted = await review(change.id, 'ACCEPT', bob, 'checked the DOI');
    expect(accepted.data!.reviewChange.change).toMatchObject({ status: 'ACCEPTED', reviewer: 'bob', before: null });
    const read = await api.query<{ source: { id: string; name: string } }>('{ source(id: "cur-rls-cohort") { id name } }');
    expect(read.data?.source).toEqual({ id: 'cur-rls-cohort', name: 'Cramps and twitching in restless legs syndrome' });
  });

  it('adds an accepted statement with its quote, readable from the condition', async () => {
    await proposeAndAccept(CREATE_ENTITY, 'createEntity', { id: 'cur-restless-legs', kind: 'Condition', name: 'Restless legs syndrome', aliases: ['RLS', 'Willis-Ekbom disease'] });
    const change = await proposeAndAccept(ASSERT, 'assertRelationship', {
      subject: 'cur-restless-legs',
      type: 'HAS_SYMPTOM',
      object: 'muscle-cramps',
      evidence: [{ source: 'cur-rls-cohort', quote: 'Restless legs syndrome often comes with muscle cramps at night.' }],
    });
    expect(change.before).toBeNull();
    const read = await api.query<{ condition: { symptomsConnection: { edges: { node: { id: string }; evidence: { quote: string; source: { id: string } }[] }[] } } }>(
      '{ condition(id: "cur-restless-legs") { symptomsConnection { edges { node { id } evidence { quote source { id } } } } } }',
    );
    expect(read.data?.condition.symptomsConnection.edges).toEqual([
      { node: { id: 'muscle-cramps' }, evidence: [{ quote: 'Restless legs syndrome often comes with muscle cramps at night.', source: { id: 'cur-rls-cohort' } }] },
    ]);
  });

  it('adds evidence to an existing statement and records what the edge held before', async () => {
    const change = await proposeAndAccept(ASSERT, 'assertRelationship', {
      subject: 'cur-restless-legs',
      type: 'HAS_SYMPTOM',
      object: 'muscle-cramps',
      evidence: [{ source: 'cur-rls-cohort', quote: 'Night-time muscle cramps were the most common complaint.', knowledgeLevel: 'observation' }],
    });
    expect(JSON.parse(change.before!).evQuotes).toEqual(['Restless legs syndrome often comes with muscle cramps at night.']);
    expect(JSON.parse(change.after!).evQuotes).toEqual(['Restless legs syndrome often comes with muscle cramps at night.', 'Night-time muscle cramps were the most common complaint.']);
    expect(JSON.parse(change.after!).evKnowledgeLevels).toEqual(['knowledge_assertion', 'observation']);
  });

  it('records a rejection and changes nothing in the graph', async () => {
    const proposed = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-rejected', kind: 'Symptom', name: 'Not a real symptom' });
    const before = await graphFingerprint();
    const rejected = await review(proposed.payload!.change.id, 'REJECT', carol, 'no source');
    expect(rejected.data!.reviewChange.change).toMatchObject({ status: 'REJECTED', reviewer: 'carol' });
    expect(await graphFingerprint()).toBe(before);
    expect((await api.query('{ entity(id: "cur-rejected") { id } }')).data).toEqual({ entity: null });
  });

  it('lists the audit trail by actor, status and entity, newest first, page by page', async () => {
    const all = await api.query<{ changes: { totalCount: number; nodes: ChangeView[]; endCursor: string | null } }>(
      '{ changes(actor: "alice", first: 2) { totalCount endCursor nodes { operation status entityIds } } }',
    );
    expect(all.errors).toBeUndefined();
    expect(all.data?.changes.totalCount).toBe(5);
    expect(all.data?.changes.nodes.map((c) => c.status)).toEqual(['REJECTED', 'ACCEPTED']);
    const next = await api.query<{ changes: { nodes: ChangeView[] } }>(`{ changes(actor: "alice", first: 2, after: "${all.data!.changes.endCursor}") { nodes { operation } } }`);
    expect(next.data?.changes.nodes).toHaveLength(2);
    const about = await api.query<{ changes: { nodes: ChangeView[] } }>('{ changes(entityId: "muscle-cramps") { nodes { operation status } } }');
    expect(about.data?.changes.nodes).toEqual([
      { operation: 'ASSERT_RELATIONSHIP', status: 'ACCEPTED' },
      { operation: 'ASSERT_RELATIONSHIP', status: 'ACCEPTED' },
    ]);
    const rejected = await api.query<{ changes: { totalCount: number } }>('{ changes(status: REJECTED) { totalCount } }');
    expect(rejected.data?.changes.totalCount).toBe(1);
  });
});

describe('who may change what', () => {
  it('answers a mutation without a token with 401 and writes nothing', async () => {
    const before = await changeCount();
    const result = await api.query(CREATE_ENTITY, { input: { id: 'cur-anon', kind: 'Symptom', name: 'Anonymous' } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await changeCount()).toBe(before);
  });

  it('answers a reviewer who proposes, and a curator who reviews, with 403', async () => {
    const proposal = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-by-reviewer', kind: 'Symptom', name: 'By a reviewer' }, bob);
    expect(proposal.status).toBe(403);
    expect(proposal.errors?.[0]?.message).toMatch(/needs the curator role; your token has reviewer/);
    const own = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-own', kind: 'Symptom', name: 'Own proposal' });
    const byCurator = await review(own.payload!.change.id, 'ACCEPT', alice);
    expect(byCurator.status).toBe(403);
  });

  it('never lets the proposer accept their own change, even as an admin', async () => {
    const admin = await tokenFor('dana', ['admin']);
    const own = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-self-review', kind: 'Symptom', name: 'Self review' }, admin);
    const result = await review(own.payload!.change.id, 'ACCEPT', admin);
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.message).toMatch(/another reviewer must review it/);
  });
});

describe('retries and conflicts', () => {
  it('answers a retry with the same idempotency key with the first change and writes nothing new', async () => {
    const input = { id: 'cur-retried', kind: 'Trigger', name: 'Retried trigger' };
    const first = await propose(CREATE_ENTITY, 'createEntity', input, alice, 'key-1');
    const count = await changeCount();
    const again = await propose(CREATE_ENTITY, 'createEntity', input, alice, 'key-1');
    expect(again.payload).toEqual({ change: first.payload!.change, replayed: true });
    expect(await changeCount()).toBe(count);
  });

  it('accepts the key from the Idempotency-Key header too', async () => {
    const input = { id: 'cur-header-key', kind: 'Trigger', name: 'Header key' };
    const headers = { 'idempotency-key': 'header-key-1' };
    const first = await api.query<{ createEntity: Payload }>(CREATE_ENTITY, { input }, { token: alice, headers });
    const again = await api.query<{ createEntity: Payload }>(CREATE_ENTITY, { input }, { token: alice, headers });
    expect(again.data?.createEntity).toEqual({ change: first.data!.createEntity.change, replayed: true });
  });

  it('answers the same key with a different request with 409 CONFLICT', async () => {
    await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-key-a', kind: 'Trigger', name: 'A' }, alice, 'key-2');
    const other = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-key-b', kind: 'Trigger', name: 'B' }, alice, 'key-2');
    expect(other.status).toBe(409);
    expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(other.errors?.[0]?.message).toMatch(/already used for a different request/);
  });

  it('refuses to review a change twice, and answers a repeated identical review as a replay', async () => {
    const proposed = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-twice', kind: 'Trigger', name: 'Twice' });
    await review(proposed.payload!.change.id, 'ACCEPT', bob);
    const repeated = await review(proposed.payload!.change.id, 'ACCEPT', bob);
    expect(repeated.data?.reviewChange.replayed).toBe(true);
    const other = await review(proposed.payload!.change.id, 'REJECT', carol);
    expect(other.status).toBe(409);
    expect(other.errors?.[0]?.message).toMatch(/already accepted by bob/);
  });

  it('refuses to accept a proposal whose id was taken after it was proposed', async () => {
    const first = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-race', kind: 'Trigger', name: 'First' });
    const second = await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-race', kind: 'Trigger', name: 'Second' });
    await review(first.payload!.change.id, 'ACCEPT', bob);
    const before = await graphFingerprint();
    const late = await review(second.payload!.change.id, 'ACCEPT', bob);
    expect(late.status).toBe(409);
    expect(late.errors?.[0]?.message).toMatch(/no longer fits the graph: input.id: "cur-race" is already taken by a Trigger; choose another id/);
    expect(await graphFingerprint()).toBe(before);
  });
});

describe('writes that arrive together', () => {
  it('share transactions, and each still gets its own answer: of two accepts of one id, exactly one lands', async () => {
    const ids = Array.from({ length: 14 }, (_, i) => `cur-together-${i}`);
    const proposals = [];
    for (const id of ids) proposals.push(await propose(CREATE_ENTITY, 'createEntity', { id, kind: 'Trigger', name: `Together ${id}` }));
    // Two more proposals of one new id: only the first accepted may create it.
    for (const name of ['Twin one', 'Twin two']) proposals.push(await propose(CREATE_ENTITY, 'createEntity', { id: 'cur-together-twin', kind: 'Trigger', name }));
    const grouped = { ...api.db.groupedWrites };
    const release = async () => (await api.db.read<{ n: number }>("MATCH (v:DataVersion {id: 'graph'}) RETURN v.number AS n"))[0]!.n;
    const releaseBefore = await release();

    const reviews = await Promise.all(proposals.map((p) => review(p.payload!.change.id, 'ACCEPT')));

    const after = api.db.groupedWrites;
    // Every review but the refused twin committed, in fewer transactions than reviews.
    expect(after.writes - grouped.writes).toBe(reviews.length - 1);
    expect(after.transactions - grouped.transactions).toBeLessThan(reviews.length);
    expect(reviews.slice(0, ids.length).map((r) => r.data?.reviewChange.change.status)).toEqual(ids.map(() => 'ACCEPTED'));
    const twins = reviews.slice(ids.length);
    expect(twins.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(twins.find((r) => r.status === 409)?.errors?.[0]?.message).toMatch(/"cur-together-twin" is already taken by a Trigger/);
    const [row] = await api.db.read<{ n: number; twins: number }>(
      "MATCH (n:Entity) WHERE n.id STARTS WITH 'cur-together-' WITH count(n) AS n MATCH (t:Entity {id: 'cur-together-twin'}) RETURN n, count(t) AS twins",
    );
    expect(row).toEqual({ n: ids.length + 1, twins: 1 });
    // Each accepted change is a release of its own, also when the bumps wait for a shared commit.
    expect((await release()) - releaseBefore).toBe(ids.length + 1);
  });
});

describe('writes that arrive together and touch the same thing', () => {
  it('keep every piece of evidence added to one statement, and a merge sent with them runs with nothing beside it', async () => {
    const admin = await tokenFor('dana', ['admin']);
    for (const id of ['cur-together-keep', 'cur-together-gone']) await proposeAndAccept(CREATE_ENTITY, 'createEntity', { id, kind: 'Trigger', name: `Together ${id}` });
    const edge = { subject: 'cur-restless-legs', type: 'HAS_SYMPTOM', object: 'muscle-cramps' };
    const quotes = ['Restless legs syndrome often comes with muscle cramps', 'muscle cramps at night', 'Night-time muscle cramps'];
    const proposals = [];
    for (const quote of quotes) proposals.push(await propose(ASSERT, 'assertRelationship', { ...edge, evidence: [{ source: 'cur-rls-cohort', quote }] }));
    const MERGE = `mutation($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge) { ${CHANGE} } }`;
    const merge = await api.query<{ mergeEntities: Payload }>(MERGE, { keep: 'cur-together-keep', merge: 'cur-together-gone' }, { token: admin });
    expect(merge.errors).toBeUndefined();
    const ids = [merge.data!.mergeEntities.change.id, ...proposals.map((p) => p.payload!.change.id)];

    // Reviews of one statement each read its evidence and write it back: one after the other, none lost.
    const reviews = await Promise.all(ids.map((id) => review(id, 'ACCEPT')));

    expect(reviews.map((r) => r.errors)).toEqual(ids.map(() => undefined));
    const [row] = await api.db.read<{ quotes: string[] }>(
      "MATCH (:Entity {id: 'cur-restless-legs'})-[r:HAS_SYMPTOM]->(:Entity {id: 'muscle-cramps'}) RETURN r.evQuotes AS quotes",
    );
    expect(row!.quotes).toEqual(expect.arrayContaining(quotes));
    const gone = await api.query<{ trigger: { id: string } | null }>('{ trigger(id: "cur-together-gone") { id } }');
    expect(gone.data?.trigger).toEqual({ id: 'cur-together-keep' });
  });
});

describe('bad input is refused with what to fix, and nothing is written', () => {
  const cases: Array<[string, string, string, Record<string, unknown>, RegExp]> = [
    ['an unknown relationship type', ASSERT, 'assertRelationship', { subject: 'als', type: 'LIKES', object: 'fasciculations', evidence: [{ source: 'article', quote: 'x' }] }, /input.type: must be one of HAS_SYMPTOM/],
    ['ends of the wrong kind', ASSERT, 'assertRelationship', { subject: 'fasciculations', type: 'HAS_SYMPTOM', object: 'als', evidence: [{ source: 'article', quote: 'Muscle cramps' }] }, /HAS_SYMPTOM cannot join a Symptom to a Condition/],
    ['an unknown id', ASSERT, 'assertRelationship', { subject: 'als', type: 'HAS_SYMPTOM', object: 'cur-nowhere', evidence: [{ source: 'article', quote: 'Muscle cramps' }] }, /input.object: unknown entity "cur-nowhere"/],
    ['a negation of a type that has none', ASSERT, 'assertRelationship', { subject: 'als', type: 'AFFECTS_REGION', object: 'legs', negated: true, evidence: [{ source: 'article', quote: 'x' }] }, /AFFECTS_REGION has no negative form/],
    ['a quote the article does not hold', ASSERT, 'assertRelationship', { subject: 'als', type: 'HAS_SYMPTOM', object: 'muscle-cramps', evidence: [{ source: 'article', quote: 'ALS is caused by coffee.' }] }, /quote is not an exact span of the source text: "ALS is caused by coffee."; nearest passage .* \(text of "article"\)/],
    ['a quote the source text does not hold', ASSERT, 'assertRelationship', { subject: 'cur-restless-legs', type: 'HAS_SYMPTOM', object: 'fasciculations', evidence: [{ source: 'cur-rls-cohort', quote: 'twitching of the thighs was reported' }] }, /not an exact span of the source text: "twitching of the thighs was reported"; nearest passage \(at \d+-\d+\): "twitching of the calves was reported" \(text of "cur-rls-cohort"\)/],
    ['a source that is not a Source', ASSERT, 'assertRelationship', { subject: 'als', type: 'HAS_SYMPTOM', object: 'muscle-cramps', evidence: [{ source: 'bfs', quote: 'x' }] }, /"bfs" is a Condition, not a Source/],
    ['too many evidence items', ASSERT, 'assertRelationship', { subject: 'als', type: 'HAS_SYMPTOM', object: 'muscle-cramps', evidence: Array.from({ length: 21 }, (_, i) => ({ source: 'article', quote: `q${i}` })) }, /at most 20 pieces of evidence/],
    ['an unknown kind', CREATE_ENTITY, 'createEntity', { id: 'cur-x', kind: 'Source', name: 'x' }, /kind: must be an entity kind other than Source/],
    ['an id that is neither kebab-case nor a CURIE', CREATE_ENTITY, 'createEntity', { id: 'Not An Id', kind: 'Symptom', name: 'x' }, /input.id: "Not An Id" is neither kebab-case nor a CURIE/],
    ['an id that exists', CREATE_ENTITY, 'createEntity', { id: 'als', kind: 'Condition', name: 'ALS again' }, /input.id: "als" is already taken by a Condition; choose another id/],
    ['a name with a control character', CREATE_ENTITY, 'createEntity', { id: 'cur-ctl', kind: 'Symptom', name: 'bad\u0007name' }, /input.name: must be one line without control characters/],
    ['an empty name', CREATE_ENTITY, 'createEntity', { id: 'cur-empty', kind: 'Symptom', name: '   ' }, /input.name: must not be empty/],
    ['a huge name', CREATE_ENTITY, 'createEntity', { id: 'cur-huge', kind: 'Symptom', name: 'x'.repeat(301) }, /input.name: must be at most 300 characters/],
    ['duplicate aliases', CREATE_ENTITY, 'createEntity', { id: 'cur-dup', kind: 'Symptom', name: 'Dup', aliases: ['Twitch', 'twitch'] }, /input.aliases: must not repeat aliases/],
    ['a bad xref', CREATE_ENTITY, 'createEntity', { id: 'cur-xref', kind: 'Symptom', name: 'Xref', xrefs: ['not a curie'] }, /must be a CURIE/],
    ['a URL that is not http(s)', CREATE_SOURCE, 'createSource', { id: 'cur-ftp', title: 'FTP', url: 'ftp://example.org/x' }, /input.url: must be an http\(s\) URL/],
  ];

  it.each(cases)('refuses %s with BAD_USER_INPUT', async (_what, mutation, field, input, message) => {
    const before = await graphFingerprint();
    const changes = await changeCount();
    const result = await propose(mutation, field, input);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await graphFingerprint()).toBe(before);
    expect(await changeCount()).toBe(changes);
  });
});

describe('re-loading the seed', () => {
  it('keeps curated entities, relationships and change records', async () => {
    const changes = await changeCount();
    await reseed(api.db, silentLogger);
    const read = await api.query<{ condition: { name: string; symptoms: { id: string }[] } }>('{ condition(id: "cur-restless-legs") { name symptoms { id } } }');
    expect(read.data?.condition).toEqual({ name: 'Restless legs syndrome', symptoms: [{ id: 'muscle-cramps' }] });
    expect(await changeCount()).toBe(changes);
  });
});
