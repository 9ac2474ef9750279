import { apply } from '../../../../src/domain/curation/change-apply';
import type { ChangePayload } from '../../../../src/domain/curation/change.types';

/** A transaction whose statements answer only when the test says so, recording the order they were sent in. */
function heldTransaction() {
  const sent: string[] = [];
  const answers: Array<{ resolve: (rows: unknown[]) => void; reject: (error: Error) => void }> = [];
  const run = <T>(cypher: string) =>
    new Promise<T[]>((resolve, reject) => {
      // The first clause after a row statement's UNWIND.
      sent.push(cypher.replace(/^\s*UNWIND \$rows AS row\s+/, '').trim().split(/\s+/)[0]!);
      answers.push({ resolve: resolve as (rows: unknown[]) => void, reject });
    });
  const tx = { run, runRow: run };
  return { tx, sent, answers };
}

const creation: ChangePayload = {
  operation: 'CREATE_ENTITY',
  node: { id: 'TEST:new-condition', kind: 'Condition', name: 'A new condition', aliases: [], xrefs: [], owner: 'curation' },
};
const context = { changeId: 'change-1', actor: 'alice', reason: null, admin: false };
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('applying an accepted creation and recording it', () => {
  it('sends the change record right behind the CREATE, before the CREATE has answered (one round trip)', async () => {
    const { tx, sent, answers } = heldTransaction();
    const kept: Array<[unknown, unknown]> = [];
    const done = apply(tx, creation, context, (before, after) => {
      kept.push([before, after]);
      return tx.run<string>('MATCH (c:Change) SET c.status = "ACCEPTED"');
    });
    await tick();
    expect(sent).toEqual(['CREATE', 'MATCH']); // nothing has answered yet
    expect(kept).toEqual([[null, expect.objectContaining({ id: 'TEST:new-condition', name: 'A new condition' })]]);
    answers[0]!.resolve([]);
    answers[1]!.resolve(['recorded']);
    await expect(done).resolves.toEqual(['recorded']);
  });

  it("fails with the CREATE's refusal even when the record, sent behind it, answered first", async () => {
    const { tx, answers } = heldTransaction();
    const done = apply(tx, creation, context, () => tx.run('MATCH (c:Change) SET c.status = "ACCEPTED"'));
    await tick();
    answers[1]!.resolve(['recorded']);
    answers[0]!.reject(new Error('Node already exists with label `Entity` and property `id`'));
    await expect(done).rejects.toThrow('already exists');
  });
});
