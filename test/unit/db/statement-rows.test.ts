import { StatementRows } from '../../../src/db/statement-rows';

type Row = Record<string, unknown>;

/** Records what is sent; a row statement answers each of its rows with its own parameters and position. */
function transaction(fail?: string) {
  const sent: Array<{ cypher: string; params: Record<string, unknown> }> = [];
  const send = async (cypher: string, params: Record<string, unknown>): Promise<Row[]> => {
    sent.push({ cypher, params });
    if (cypher === fail) throw new Error(`${cypher} failed`);
    return Array.isArray(params.rows) ? (params.rows as Row[]) : [{ plain: cypher }];
  };
  return { sent, rows: new StatementRows(send) };
}

describe('StatementRows', () => {
  it('sends the rows that writes give one statement in one tick as one statement, and answers each write with its own rows', async () => {
    const { sent, rows } = transaction();
    const answers = await Promise.all([rows.row(1, 'LOCK', { id: 'a' }), rows.row(2, 'LOCK', { id: 'b' }), rows.row(3, 'LOCK', { id: 'c' })]);
    expect(sent).toEqual([{ cypher: 'LOCK', params: { rows: [{ id: 'a', i: 0 }, { id: 'b', i: 1 }, { id: 'c', i: 2 }] } }]);
    expect(answers).toEqual([[{ id: 'a', i: 0 }], [{ id: 'b', i: 1 }], [{ id: 'c', i: 2 }]]);
  });

  it("never sends a write's statement before one it gave earlier", async () => {
    const { sent, rows } = transaction();
    await Promise.all([rows.row(1, 'CREATE', { n: 1 }), rows.row(1, 'RECORD', { n: 1 }), rows.row(2, 'RECORD', { n: 2 }), rows.row(2, 'CREATE', { n: 2 })]);
    // Write 2's RECORD joins write 1's; its CREATE, given after it, cannot join the CREATE sent before.
    expect(sent.map(({ cypher, params }) => [cypher, (params.rows as Row[]).map((row) => row.n)])).toEqual([
      ['CREATE', [1]],
      ['RECORD', [1, 2]],
      ['CREATE', [2]],
    ]);
  });

  it('sends a statement given as it is at once, or after the rows waiting for the end of the tick', async () => {
    const { sent, rows } = transaction();
    await rows.statement(1, 'ALONE', {});
    await Promise.all([rows.row(1, 'ROWS', { n: 1 }), rows.statement(2, 'AFTER', {}), rows.row(3, 'ROWS', { n: 3 })]);
    expect(sent.map(({ cypher }) => cypher)).toEqual(['ALONE', 'ROWS', 'AFTER']);
    expect(sent[1]!.params).toEqual({ rows: [{ n: 1, i: 0 }, { n: 3, i: 1 }] });
  });

  it('fails every row of a statement that fails', async () => {
    const { rows } = transaction('CREATE');
    const outcomes = await Promise.allSettled([rows.row(1, 'CREATE', { n: 1 }), rows.row(2, 'CREATE', { n: 2 })]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
