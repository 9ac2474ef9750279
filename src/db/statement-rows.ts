/**
 * One statement for many rows: the writes sharing a transaction (src/db/group-commit.ts) run side by
 * side, so they reach the same step in the same tick (their answers arrive in one socket read) and each
 * asks for the same statement with its own parameters. Neo4j spends as much on starting a statement
 * (cache lookup, execution set-up) as on running it (bench/README.md, "Writes (issue 12)"), so rows of
 * one statement given in one tick go as one `UNWIND $rows AS row …` statement at the end of the tick.
 *
 * Each write keeps its own order: a row joins an earlier statement only if the write gave nothing after
 * that statement, and while anything is waiting for the end of the tick, other statements wait behind
 * it. Writes sharing a transaction touch nothing in common (key locks), so moving one write's statement
 * before another's changes no answer. A statement that fails fails every row of it, and the transaction.
 */
type Params = Record<string, unknown>;
type Row = Record<string, unknown>;

/** Sends one statement on the transaction and answers its rows (pipelined: not awaited before the next). */
export type SendStatement = (cypher: string, params: Params) => Promise<Row[]>;

interface Entry {
  cypher: string;
  /** Rows of a row statement (`$rows`); undefined for a statement sent as it was given. */
  rows?: Params[];
  params?: Params;
  waiters: Array<{ resolve: (rows: Row[]) => void; reject: (error: unknown) => void }>;
}

/** The name each row's position travels under: a row statement returns `row.i AS i` with each answer. */
export const ROW_INDEX = 'i';

/** The parameters of a row statement run for one row by itself (outside a shared transaction). */
export function onlyRow(row: Params): { rows: Params[] } {
  return { rows: [{ ...row, [ROW_INDEX]: 0 }] };
}

export class StatementRows {
  private entries: Entry[] = [];
  /** For each write (lane), the position of the last statement it gave this tick. */
  private readonly lastOf = new Map<number, number>();

  constructor(private readonly send: SendStatement) {}

  /**
   * Runs `row` as one row of `cypher`, which reads it as `row` from `UNWIND $rows AS row` and returns
   * `row.i AS i` with every answer; answers this row's answers.
   */
  row(lane: number, cypher: string, row: Params): Promise<Row[]> {
    const from = this.lastOf.get(lane) ?? 0;
    let at = this.entries.length - 1;
    while (at >= from && !(this.entries[at]!.rows && this.entries[at]!.cypher === cypher)) at -= 1;
    if (at < from) at = this.push({ cypher, rows: [], waiters: [] });
    const entry = this.entries[at]!;
    this.lastOf.set(lane, at);
    entry.rows!.push(row);
    return new Promise((resolve, reject) => entry.waiters.push({ resolve, reject }));
  }

  /** Runs `cypher` as given: at once, unless statements wait for the end of the tick (then after them). */
  statement(lane: number, cypher: string, params: Params): Promise<Row[]> {
    if (this.entries.length === 0) return this.send(cypher, params);
    const at = this.push({ cypher, params, waiters: [] });
    this.lastOf.set(lane, at);
    return new Promise((resolve, reject) => this.entries[at]!.waiters.push({ resolve, reject }));
  }

  private push(entry: Entry): number {
    if (this.entries.length === 0) process.nextTick(() => this.flush());
    return this.entries.push(entry) - 1;
  }

  private flush(): void {
    const entries = this.entries;
    this.entries = [];
    this.lastOf.clear();
    for (const entry of entries) {
      if (!entry.rows) {
        const [waiter] = entry.waiters;
        this.send(entry.cypher, entry.params ?? {}).then(waiter!.resolve, waiter!.reject);
        continue;
      }
      const rows = entry.rows.map((row, i) => ({ ...row, [ROW_INDEX]: i }));
      this.send(entry.cypher, { rows }).then(
        (answers) => {
          const byRow = entry.waiters.map((): Row[] => []);
          for (const answer of answers) byRow[answer[ROW_INDEX] as number]?.push(answer);
          entry.waiters.forEach((waiter, i) => waiter.resolve(byRow[i]!));
        },
        (error: unknown) => entry.waiters.forEach((waiter) => waiter.reject(error)),
      );
    }
  }
}
