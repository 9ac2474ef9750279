/**
 * Group commit for curation's writes. Most of what a write transaction that touches entities costs
 * Neo4j is paid once per commit, not per statement: the indexes of `:Entity` (the full-text index
 * above all) are updated at commit. Measured on the 100k bench graph, warm: one `:Entity` created per
 * transaction cost 6.5–13 ms of Neo4j CPU at any concurrency (1–10 transactions at once), ten per
 * transaction (two at once) 1.3–1.5 ms each (bench/README.md, "Writes (issue 12)").
 *
 * So writes that arrive while others are committing wait, and then commit together: at most
 * `maxInFlight` transactions run at once, each taking up to `maxBatch` queued writes. A write that finds
 * a free slot starts at once, alone: nothing waits on a timer, and a lone writer sees no difference.
 * Inside a shared transaction the writes run one after the other, in arrival order, so each sees what
 * the ones before it wrote, exactly as if they had committed one by one.
 *
 * All of a shared transaction commits, or none of it: when one write in it fails (a refusal, a conflict,
 * a constraint), the transaction is rolled back and every write of it runs again alone, in the same
 * order, so each gets the answer it would have got without grouping. When the database itself fails
 * (unavailable, timed out), every write of the transaction gets that failure; none was committed, and
 * callers retry with their idempotency keys as they do for a write of their own.
 */
import { DatabaseError } from './errors';

/** One transaction: runs `work` and commits (src/db/database.ts `write`), or fails mapped. */
export interface TransactionRunner<Tx> {
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Time left before this caller's deadline (ms); a shared transaction runs within the earliest. */
  remainingMs(): number;
}

export interface GroupCommitOptions {
  /** Transactions committing at once (default 2: one per core of the machine Neo4j was measured on). */
  maxInFlight?: number;
  /** Most writes in one transaction (default 16), which bounds how long the last one waits. */
  maxBatch?: number;
}

interface Pending<Tx> {
  runner: TransactionRunner<Tx>;
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<Tx> {
  private readonly queue: Array<Pending<Tx>> = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  /** Transactions committed, writes in them, and shared transactions split into single writes (tests, benchmarks). */
  readonly stats = { transactions: 0, writes: 0, split: 0 };

  constructor(options: GroupCommitOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxBatch = options.maxBatch ?? 16;
  }

  /** Runs `work` in a write transaction of `runner`'s, possibly shared with other writes submitted meanwhile. */
  submit<T>(runner: TransactionRunner<Tx>, work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ runner, work, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async commit(batch: Array<Pending<Tx>>): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    // The caller with the least time left bounds the shared transaction.
    const runner = batch.reduce((earliest, item) => (item.runner.remainingMs() < earliest.remainingMs() ? item.runner : earliest), batch[0]!.runner);
    let results: unknown[];
    try {
      // A retried attempt (after a transient failure) runs every write again from the start.
      results = await runner.write(async (tx) => {
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.work(tx));
        return out;
      });
    } catch (error) {
      // Neo4j gone, frozen or too slow: the same for all of them, and running each alone would only wait longer.
      if (isDatabaseFailure(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      // One of them cannot commit: each alone, in order, as if they had never been grouped.
      this.stats.split += 1;
      for (const item of batch) await this.alone(item);
      return;
    }
    this.stats.transactions += 1;
    this.stats.writes += batch.length;
    batch.forEach((item, i) => item.resolve(results[i]));
  }

  private async alone(item: Pending<Tx>): Promise<void> {
    try {
      const result = await item.runner.write(item.work);
      this.stats.transactions += 1;
      this.stats.writes += 1;
      item.resolve(result);
    } catch (error) {
      item.reject(error);
    }
  }
}

/** Failures of the database, not of a write: the same for every write of the transaction. */
function isDatabaseFailure(error: unknown): boolean {
  return error instanceof DatabaseError && (error.kind === 'UNAVAILABLE' || error.kind === 'TIMEOUT');
}
