/**
 * Correcting the graph over HTTP: updates with versions, retractions of entities and of single pieces
 * of evidence, merges, the history of an entity, and a re-seed that keeps all of it. Ids made here start
 * with `fix-`; the seed entities this file changes are restored in afterAll (curated state removed, then
 * a re-seed).
 */
import { ensureSchema } from '../../../src/ingest/load';
import { reseed } from '../../../src/ingest/seed';
import { restoreSeed } from '../../helpers/curate';
import type { Database } from '../../../src/db';
import { withTestDatabase, silentLogger } from '../../helpers/seeded-graph';
import { tokenFor } from '../../helpers/tokens';
import { useSeededApi } from './seeded-api';

const api = useSeededApi();
let curator: string;
let reviewer: string;
let admin: string;

const CHANGE = 'change { id operation status actor entityIds before after } replayed';
const MUTATIONS = {
  createSource: `mutation($input: CreateSourceInput!) { createSource(input: $input) { ${CHANGE} } }`,
  createEntity: `mutation($input: CreateEntityInput!) { createEntity(input: $input) { ${CHANGE} } }`,
  assertRelationship: `mutation($input: AssertRelationshipInput!) { assertRelationship(input: $input) { ${CHANGE} } }`,
  updateEntity: `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { ${CHANGE} } }`,
  retractEntity: `mutation($id: ID!, $reason: String!) { retractEntity(id: $id, reason: $reason) { ${CHANGE} } }`,
  retractEvidence: `mutation($input: RetractEvidenceInput!) { retractEvidence(input: $input) { ${CHANGE} } }`,
  mergeEntities: `mutation($keep: ID!, $merge: ID!, $reason: String) { mergeEntities(keep: $keep, merge: $merge, reason: $reason) { ${CHANGE} } }`,
} as const;
type Mutation = keyof typeof MUTATIONS;
interface ChangeView {
  id: string;
  operation: string;
  status: string;
  before: string | null;
  after: string | null;
}

const TEXT =
  'Eyelid twitching is common after long screen sessions. Magnesium glycinate eased nightly calf cramps in most participants. ' +
  'Some participants also described tingling in the feet.';

async function propose(mutation: Mutation, variables: Record<string, unknown>, token = curator) {
  const result = await api.query<Record<string, { change: ChangeView }>>(MUTATIONS[mutation], variables, { token });
  return { ...result, change: result.data?.[mutation]?.change };
}
async function accept(id: string) {
  return api.query<{ reviewChange: { change: ChangeView } }>(`mutation($id: ID!) { reviewChange(id: $id, decision: ACCEPT) { ${CHANGE} } }`, { id }, { token: reviewer });
}
async function applied(mutation: Mutation, variables: Record<string, unknown>, token = curator): Promise<ChangeView> {
  const proposed = await propose(mutation, variables, token);
  expect(proposed.errors).toBeUndefined();
  const accepted = await accept(proposed.change!.id);
  expect(accepted.errors).toBeUndefined();
  return accepted.data!.reviewChange.change;
}
async function graphFingerprint(): Promise<string> {
  const [row] = await api.db.read<{ nodes: number; rels: number; ev: number; props: string }>(
    `MATCH (n) WITH count(n) AS nodes, collect(n.version) AS versions
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(r.evSources)) AS ev }
     RETURN nodes, rels, ev, reduce(s = '', v IN versions | s + toString(v)) AS props`,
  );
  return JSON.stringify(row);
}
async function symptomIds(condition: string): Promise<string[]> {
  const read = await api.query<{ condition: { symptoms: { id: string }[] } | null }>(`{ condition(id: "${condition}") { symptoms { id } } }`);
  return (read.data?.condition?.symptoms ?? []).map((s) => s.id);
}

const restore = (db: Database) => restoreSeed(db, 'fix-');

beforeAll(async () => {
  await ensureSchema(api.db);
  await restore(api.db);
  [curator, reviewer, admin] = await Promise.all([tokenFor('erin', ['curator']), tokenFor('frank', ['reviewer']), tokenFor('grace', ['admin'])]);
  await applied('createSource', { input: { id: 'fix-screen-study', title: 'Screens and twitching', year: 2025, text: TEXT } });
  await applied('createEntity', { input: { id: 'fix-screen-fatigue', kind: 'Condition', name: 'Screen fatigue' } });
  await applied('assertRelationship', {
    input: {
      subject: 'fix-screen-fatigue',
      type: 'HAS_SYMPTOM',
      object: 'eyelid-twitching',
      evidence: [
        { source: 'fix-screen-study', quote: 'Eyelid twitching is common after long screen sessions.' },
        { source: 'fix-screen-study', quote: 'Some participants also described tingling in the feet.' },
      ],
    },
  });
}, 120_000);
afterAll(async () => {
  await withTestDatabase(restore);
}, 120_000);

describe('updating an entity', () => {
  it('applies an update based on the current version and counts the version up', async () => {
    const read = await api.query<{ entity: { version: number } }>('{ entity(id: "fix-screen-fatigue") { version } }');
    expect(read.data?.entity.version).toBe(1);
    const change = await applied('updateEntity', { input: { id: 'fix-screen-fatigue', version: 1, aliases: ['Digital eye strain'], description: 'Tiredness after long screen use.' } });
    expect(JSON.parse(change.before!).aliases).toEqual([]);
    const after = await api.query<{ entity: { version: number; aliases: string[]; description: string } }>('{ entity(id: "fix-screen-fatigue") { version aliases description } }');
    expect(after.data?.entity).toEqual({ version: 2, aliases: ['Digital eye strain'], description: 'Tiredness after long screen use.' });
  });

  it('answers an update based on a stale version with 409 CONFLICT and the current version, and writes nothing', async () => {
    const before = await graphFingerprint();
    const stale = await propose('updateEntity', { input: { id: 'fix-screen-fatigue', version: 1, name: 'Computer vision syndrome' } });
    expect(stale.status).toBe(409);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(stale.errors?.[0]?.message).toMatch(/is at version 2, not 1/);
    expect(await graphFingerprint()).toBe(before);
  });

  it('refuses at review an update whose entity changed since it was proposed', async () => {
    const first = await propose('updateEntity', { input: { id: 'fix-screen-fatigue', version: 2, name: 'Screen fatigue syndrome' } });
    const second = await propose('updateEntity', { input: { id: 'fix-screen-fatigue', version: 2, name: 'Digital fatigue' } });
    expect((await accept(first.change!.id)).errors).toBeUndefined();
    const late = await accept(second.change!.id);
    expect(late.status).toBe(409);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    const read = await api.query<{ entity: { name: string } }>('{ entity(id: "fix-screen-fatigue") { name } }');
    expect(read.data?.entity.name).toBe('Screen fatigue syndrome');
  });

  it('shows every change about an entity in its history, newest first', async () => {
    const read = await api.query<{ entity: { history: { operation: string; status: string }[] } }>('{ entity(id: "fix-screen-fatigue") { history { operation status } } }');
    expect(read.data?.entity.history).toEqual([
      { operation: 'UPDATE_ENTITY', status: 'PROPOSED' },
      { operation: 'UPDATE_ENTITY', status: 'ACCEPTED' },
      { operation: 'UPDATE_ENTITY', status: 'ACCEPTED' },
      { operation: 'ASSERT_RELATIONSHIP', status: 'ACCEPTED' },
      { operation: 'CREATE_ENTITY', status: 'ACCEPTED' },
    ]);
  });

  it('refuses an update without any change, or with a bad value, saying what to fix', async () => {
    const before = await graphFingerprint();
    const empty = await propose('updateEntity', { input: { id: 'fix-screen-fatigue', version: 3 } });
    expect(empty.status).toBe(400);
    expect(empty.errors?.[0]?.message).toMatch(/give at least one of name, aliases, xrefs, description/);
    const duplicate = await propose('updateEntity', { input: { id: 'fix-screen-fatigue', version: 3, aliases: ['Eye strain', 'eye strain'] } });
    expect(duplicate.errors?.[0]?.message).toMatch(/input.aliases: must not repeat aliases/);
    const badXref = await propose('updateEntity', { input: { id: 'fix-screen-fatigue', version: 3, xrefs: ['not a curie'] } });
    expect(badXref.status).toBe(400);
    expect(badXref.errors?.[0]?.message).toMatch(/input.xrefs/);
    const unknown = await propose('updateEntity', { input: { id: 'fix-nobody', version: 1, name: 'Nobody' } });
    expect(unknown.errors?.[0]?.message).toMatch(/no entity has the id "fix-nobody"/);
    expect(await graphFingerprint()).toBe(before);
  });
});

describe('proposals in reads', () => {
  it('shows a proposed statement only when a read asks includeProposed, marked PROPOSED with its change', async () => {
    const proposed = await propose('assertRelationship', {
      input: { subject: 'fix-screen-fatigue', type: 'HAS_SYMPTOM', object: 'muscle-cramps', evidence: [{ source: 'fix-screen-study', quote: 'Magnesium glycinate eased nightly calf cramps in most participants.' }] },
    });
    const query = (include: boolean) =>
      api.query<{ entity: { statements: { totalCount: number; edges: { status: string; type: string; direction: string; node: { id: string }; change: { id: string } | null; evidence: { quote: string }[] }[] } } }>(
        `{ entity(id: "fix-screen-fatigue") { statements(includeProposed: ${include}) { totalCount edges { status type direction node { id } change { id } evidence { quote } } } } }`,
      );
    const plain = await query(false);
    expect(plain.errors).toBeUndefined();
    expect(plain.data?.entity.statements.edges.map((e) => e.node.id)).not.toContain('muscle-cramps');
    const withProposals = await query(true);
    expect(withProposals.errors).toBeUndefined();
    const shown = withProposals.data?.entity.statements.edges.filter((e) => e.status === 'PROPOSED');
    expect(shown).toEqual([
      { status: 'PROPOSED', type: 'HAS_SYMPTOM', direction: 'OUT', node: { id: 'muscle-cramps' }, change: { id: proposed.change!.id }, evidence: [{ quote: 'Magnesium glycinate eased nightly calf cramps in most participants.' }] },
    ]);
    expect(withProposals.data?.entity.statements.totalCount).toBe(plain.data?.entity.statements.totalCount);
    const rejected = await api.query(`mutation { reviewChange(id: "${proposed.change!.id}", decision: REJECT) { change { status } } }`, {}, { token: reviewer });
    expect(rejected.errors).toBeUndefined();
    expect((await query(true)).data?.entity.statements.edges.filter((e) => e.status === 'PROPOSED')).toEqual([]);
  });
});

describe('retracting evidence', () => {
  it('removes one piece of evidence and keeps the statement while evidence is left', async () => {
    const change = await applied('retractEvidence', {
      input: { subject: 'fix-screen-fatigue', type: 'HAS_SYMPTOM', object: 'eyelid-twitching', source: 'fix-screen-study', quote: 'Some participants also described  tingling in the feet.', reason: 'not about eyelids' },
    });
    expect(JSON.parse(change.before!).evQuotes).toHaveLength(2);
    expect(JSON.parse(change.after!).evQuotes).toEqual(['Eyelid twitching is common after long screen sessions.']);
    expect(await symptomIds('fix-screen-fatigue')).toEqual(['eyelid-twitching']);
  });

  it('refuses a quote the statement does not hold, listing what it holds', async () => {
    const result = await propose('retractEvidence', {
      input: { subject: 'fix-screen-fatigue', type: 'HAS_SYMPTOM', object: 'eyelid-twitching', source: 'fix-screen-study', quote: 'Not said.', reason: 'test' },
    });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/no evidence of that relationship cites "fix-screen-study" with this quote; it holds: fix-screen-study: "Eyelid twitching/);
  });

  it('no longer returns a statement whose last evidence is retracted, from either end', async () => {
    const change = await applied('retractEvidence', {
      input: { subject: 'fix-screen-fatigue', type: 'HAS_SYMPTOM', object: 'eyelid-twitching', source: 'fix-screen-study', quote: 'Eyelid twitching is common after long screen sessions.', reason: 'superseded' },
    });
    expect(change.after).toBeNull();
    expect(await symptomIds('fix-screen-fatigue')).toEqual([]);
    const fromSymptom = await api.query<{ symptom: { conditions: { id: string }[] } }>('{ symptom(id: "eyelid-twitching") { conditions { id } } }');
    expect(fromSymptom.data?.symptom.conditions.map((c) => c.id)).not.toContain('fix-screen-fatigue');
  });
});

describe('retracting an entity', () => {
  it('takes it and its statements out of every read, and shows it only with includeRetracted', async () => {
    await applied('createEntity', { input: { id: 'fix-doomed', kind: 'Symptom', name: 'Doomed twitch' } });
    await applied('assertRelationship', {
      input: { subject: 'fix-screen-fatigue', type: 'HAS_SYMPTOM', object: 'fix-doomed', evidence: [{ source: 'fix-screen-study', quote: 'Eyelid twitching is common after long screen sessions.' }] },
    });
    expect(await symptomIds('fix-screen-fatigue')).toEqual(['fix-doomed']);
    const change = await applied('retractEntity', { id: 'fix-doomed', reason: 'a duplicate of eyelid twitching' });
    expect(JSON.parse(change.before!).relationships).toHaveLength(1);

    expect((await api.query('{ entity(id: "fix-doomed") { id } }')).data).toEqual({ entity: null });
    expect(await symptomIds('fix-screen-fatigue')).toEqual([]);
    const search = await api.query<{ search: { entity: { id: string } }[] }>('{ search(text: "Doomed twitch") { entity { id } } }');
    expect(search.errors).toBeUndefined();
    expect(search.data?.search.map((hit) => hit.entity.id)).not.toContain('fix-doomed');
    const list = await api.query<{ symptoms: { totalCount: number } }>('{ symptoms(where: { ids: ["fix-doomed"] }) { totalCount } }');
    expect(list.data?.symptoms.totalCount).toBe(0);

    const shown = await api.query<{ entity: { id: string; name: string; retirement: { status: string; reason: string; by: string; changeId: string } } }>(
      '{ entity(id: "fix-doomed", includeRetracted: true) { id name retirement { status reason by changeId } } }',
    );
    expect(shown.data?.entity).toEqual({ id: 'fix-doomed', name: 'Doomed twitch', retirement: { status: 'RETRACTED', reason: 'a duplicate of eyelid twitching', by: 'erin', changeId: change.id } });
  });

  it('keeps a retracted id taken', async () => {
    const again = await propose('createEntity', { input: { id: 'fix-doomed', kind: 'Symptom', name: 'Again' } });
    expect(again.status).toBe(400);
    expect(again.errors?.[0]?.message).toMatch(/"fix-doomed" was retracted and its id stays taken/);
  });

  it('lets only an admin retract a Source, with every piece of evidence citing it', async () => {
    const byCurator = await propose('retractEntity', { id: 'fix-screen-study', reason: 'paper withdrawn' });
    expect(byCurator.status).toBe(403);
    expect(byCurator.errors?.[0]?.message).toMatch(/needs the admin role/);
    await applied('assertRelationship', {
      input: { subject: 'fix-screen-fatigue', type: 'HAS_SYMPTOM', object: 'muscle-cramps', evidence: [{ source: 'fix-screen-study', quote: 'Magnesium glycinate eased nightly calf cramps in most participants.' }] },
    });
    expect(await symptomIds('fix-screen-fatigue')).toEqual(['muscle-cramps']);
    await applied('retractEntity', { id: 'fix-screen-study', reason: 'paper withdrawn' }, admin);
    expect(await symptomIds('fix-screen-fatigue')).toEqual([]);
  });
});

describe('merging entities', () => {
  it('needs the admin role', async () => {
    const result = await propose('mergeEntities', { keep: 'fasciculations', merge: 'limb-fasciculations' });
    expect(result.status).toBe(403);
  });

  it('refuses to merge entities of two kinds', async () => {
    const result = await propose('mergeEntities', { keep: 'als', merge: 'fasciculations' }, admin);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/"fasciculations" is a Symptom and "als" a Condition/);
  });

  it('moves every statement to the kept entity and resolves the merged id to it', async () => {
    const conditionsBefore = await api.query<{ symptom: { conditions: { id: string }[] } }>('{ symptom(id: "limb-fasciculations") { conditions { id } } }');
    const moved = conditionsBefore.data!.symptom.conditions.map((c) => c.id);
    expect(moved.length).toBeGreaterThan(0);
    await applied('mergeEntities', { keep: 'fasciculations', merge: 'limb-fasciculations', reason: 'one concept' }, admin);

    const kept = await api.query<{ symptom: { aliases: string[]; conditions: { id: string }[] } }>('{ symptom(id: "fasciculations") { aliases conditions { id } } }');
    for (const id of moved) expect(kept.data?.symptom.conditions.map((c) => c.id)).toContain(id);
    expect(kept.data?.symptom.aliases).toContain('Limb fasciculations');
    const byOldId = await api.query<{ entity: { id: string } }>('{ entity(id: "limb-fasciculations") { id } }');
    expect(byOldId.data?.entity.id).toBe('fasciculations');
    const lookup = await api.query<{ lookup: { results: { input: string; matchedBy: string; entity: { id: string } }[] } }>(
      '{ lookup(ids: ["limb-fasciculations"]) { results { input matchedBy entity { id } } } }',
    );
    expect(lookup.data?.lookup.results).toEqual([{ input: 'limb-fasciculations', matchedBy: 'MERGED', entity: { id: 'fasciculations' } }]);
  });
});

describe('re-loading the seed', () => {
  it('keeps curated updates, curated evidence on seed statements, retractions and merges', async () => {
    await applied('createSource', { input: { id: 'fix-cohort', title: 'A cohort', text: TEXT } });
    await applied('assertRelationship', {
      input: { subject: 'bfs', type: 'HAS_SYMPTOM', object: 'muscle-tingling', evidence: [{ source: 'fix-cohort', quote: 'Some participants also described tingling in the feet.' }] },
    });
    const version = (await api.query<{ entity: { version: number } }>('{ entity(id: "muscle-cramps") { version } }')).data!.entity.version;
    await applied('updateEntity', { input: { id: 'muscle-cramps', version, description: 'Curated: painful involuntary contractions.' } });
    await applied('retractEntity', { id: 'tongue-fasciculations', reason: 'test retraction of a seed entity' });

    const result = await reseed(api.db, silentLogger);
    expect(result.retiredNodes).toBeGreaterThanOrEqual(2); // tongue-fasciculations, limb-fasciculations
    const evidence = await api.query<{ condition: { symptomsConnection: { edges: { node: { id: string }; evidence: { source: { id: string } }[] }[] } } }>(
      '{ condition(id: "bfs") { symptomsConnection(first: 100) { edges { node { id } evidence { source { id } } } } } }',
    );
    const tingling = evidence.data!.condition.symptomsConnection.edges.find((e) => e.node.id === 'muscle-tingling');
    expect(tingling?.evidence.map((e) => e.source.id)).toEqual(['ref-4', 'fix-cohort']); // the seed's evidence, then the curated
    const cramps = await api.query<{ entity: { description: string; version: number } }>('{ entity(id: "muscle-cramps") { description version } }');
    expect(cramps.data?.entity).toEqual({ description: 'Curated: painful involuntary contractions.', version: version + 1 });
    expect((await api.query('{ entity(id: "tongue-fasciculations") { id } }')).data).toEqual({ entity: null });
    const merged = await api.query<{ entity: { id: string } }>('{ entity(id: "limb-fasciculations") { id } }');
    expect(merged.data?.entity.id).toBe('fasciculations');
    const [limb] = await api.db.read<{ n: number }>("MATCH (n:Entity {id: 'limb-fasciculations'}) RETURN count(n) AS n");
    expect(limb?.n).toBe(0);
  });
});
