/**
 * Group commit for curation's writes. Most of what a write transaction that touches entities costs
 * Neo4j is paid once per commit, not per statement: the indexes of `:Entity` (the full-text index
 * above all) are updated at commit. Measured on the 100k bench graph, warm: one `:Entity` created per
 * transaction cost 6.5–13 ms of Neo4j CPU at any concurrency (1–10 transactions at once), ten per
 * transaction (two at once) 1.3–1.5 ms each (bench/README.md, "Writes (issue 12)").
 *
 * So writes that arrive while another transaction is committing wait, and then commit together: at most
 * `maxInFlight` transactions run at once, each taking up to `maxBatch` queued writes. A write that finds
 * a free slot starts at once, alone, and a lone writer sees no difference. Only after a shared
 * transaction may the next one wait, briefly (`lingerMs`), for the writers it answered to come back.
 * Inside a shared transaction the writes run side by side, their statements pipelined, unless they
 * touch the same thing: each names the keys (ids) it reads or writes, and one that takes a key an
 * earlier one holds waits for it to finish (src/db/key-locks.ts), so it sees what that one wrote,
 * exactly as if they had committed one by one. Writes that arrived together were all unanswered, so
 * any order of the ones that touch nothing in common is an order they could have committed in.
 * Run one after the other, each write's round trips added up: a shared transaction of k writes took
 * about 5 + 3k ms on the 100k bench graph (bench/README.md, "Writes (issue 12)"). Side by side, they
 * also reach the same statement together, and send it once for all (src/db/statement-rows.ts).
 *
 * All of a shared transaction commits, or none of it: when one write in it fails (a refusal, a conflict,
 * a constraint), the transaction is rolled back and every write of it runs again alone, in the same
 * order, so each gets the answer it would have got without grouping. When the database itself fails
 * (unavailable, timed out), every write of the transaction gets that failure; none was committed, and
 * callers retry with their idempotency keys as they do for a write of their own.
 *
 * Under overload it fails fast rather than late: a write that waits longer than `maxWaitMs` for a
 * transaction fails at once as UNAVAILABLE (as waiting for a pooled connection did), and after a shared
 * transaction runs out of time (a cold Neo4j after a restart plans slowly) the next ones take half as many
 * writes, growing back by one per commit.
 */
import { DatabaseError } from './errors';
import { KeyLocks, type TakeKeys } from './key-locks';

/** One transaction: runs `work` and commits (src/db/database.ts `write`), or fails mapped. */
export interface TransactionRunner<Tx> {
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Time left before this caller's deadline (ms); a shared transaction runs within the earliest. */
  remainingMs(): number;
}

export interface GroupCommitOptions {
  /**
   * Transactions committing at once (default 1). Every shared transaction of accepted changes updates
   * the one `(:DataVersion)` node, so a second one only waits for the first's lock, and waiting cost
   * Neo4j CPU: on the 100k bench graph at c=10, 2 at once spent 10.4–11.0 ms of Neo4j CPU per accepted
   * pair against 5.3–5.7 ms for 1, and accepted 104–110 pairs/s against 135–141 (bench/README.md, "Writes (issue 12)").
   */
  maxInFlight?: number;
  /** Most writes in one transaction (default 16), which bounds how long the last one waits. */
  maxBatch?: number;
  /**
   * Longest a write waits for a transaction to start (default 1000 ms, like waiting for a pooled
   * connection): past it, it fails at once as UNAVAILABLE (503, retry) instead of spending its budget
   * in the queue and then timing out a transaction it shares.
   */
  maxWaitMs?: number;
  /**
   * After a shared transaction commits, how long the next one may wait for the writers just answered
   * to send their next write (default 0: it starts at once). A transaction then takes the writes
   * queued meanwhile plus as many as the last one held, or what has come when the time is up. A
   * write that was alone in its transaction never makes the next one wait.
   */
  lingerMs?: number;
}

/** A write's work: `take` waits for more keys once the work knows them (e.g. after reading a change). */
export type GroupedWork<Tx, T> = (tx: Tx, take: TakeKeys) => Promise<T>;

interface Pending<Tx> {
  runner: TransactionRunner<Tx>;
  keys: readonly string[];
  work: GroupedWork<Tx, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer?: NodeJS.Timeout;
}

export class GroupCommit<Tx> {
  private readonly queue: Array<Pending<Tx>> = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly lingerMs: number;
  /** While lingering: until when (ms since epoch), for how many queued writes, and the timer that ends it. */
  private linger: { until: number; writes: number; timer?: NodeJS.Timeout } | undefined;
  /**
   * Writes the next transaction may take: halved when a shared transaction runs out of time (a cold or
   * overloaded Neo4j), grown by one after each that commits, up to `maxBatch`.
   */
  private batchLimit: number;
  /** Transactions committed, writes in them, shared transactions split into single writes, writes refused for waiting too long. */
  readonly stats = { transactions: 0, writes: 0, split: 0, refused: 0 };

  constructor(options: GroupCommitOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 1;
    this.maxBatch = options.maxBatch ?? 16;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.lingerMs = options.lingerMs ?? 0;
    this.batchLimit = this.maxBatch;
  }

  /**
   * Runs `work` in a write transaction of `runner`'s, possibly shared with other writes submitted
   * meanwhile; `keys` are what it touches, taken before it starts.
   */
  submit<T>(runner: TransactionRunner<Tx>, keys: readonly string[], work: GroupedWork<Tx, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: Pending<Tx> = { runner, keys, work, resolve: resolve as (value: unknown) => void, reject };
      pending.timer = setTimeout(() => this.giveUp(pending), this.maxWaitMs);
      pending.timer.unref();
      this.queue.push(pending);
      this.pump();
    });
  }

  private giveUp(pending: Pending<Tx>): void {
    const at = this.queue.indexOf(pending);
    if (at < 0) return;
    this.queue.splice(at, 1);
    this.stats.refused += 1;
    pending.reject(new DatabaseError('UNAVAILABLE', `no write transaction was free within ${this.maxWaitMs} ms (too many writes at once); send it again`));
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      if (this.lingering()) return;
      const batch = this.queue.splice(0, this.batchLimit);
      for (const item of batch) clearTimeout(item.timer);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** True while the next transaction waits for more writes (see `lingerMs`); a timer pumps when the time is up. */
  private lingering(): boolean {
    const linger = this.linger;
    if (!linger) return false;
    const left = linger.until - Date.now();
    if (left <= 0 || this.queue.length >= Math.min(this.batchLimit, linger.writes)) {
      clearTimeout(linger.timer);
      this.linger = undefined;
      return false;
    }
    linger.timer ??= setTimeout(() => this.pump(), left);
    return true;
  }

  private async commit(batch: Array<Pending<Tx>>): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    // The caller with the least time left bounds the shared transaction.
    const runner = batch.reduce((earliest, item) => (item.runner.remainingMs() < earliest.remainingMs() ? item.runner : earliest), batch[0]!.runner);
    let results: unknown[];
    try {
      // A retried attempt (after a transient failure) runs every write again from the start.
      results = await runner.write((tx) => together(tx, batch));
    } catch (error) {
      // Neo4j gone, frozen or too slow: the same for all of them, and running each alone would only wait longer.
      if (isDatabaseFailure(error)) {
        this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
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
    this.batchLimit = Math.min(this.maxBatch, this.batchLimit + 1);
    if (this.lingerMs > 0) this.linger = { until: Date.now() + this.lingerMs, writes: this.queue.length + batch.length };
    batch.forEach((item, i) => item.resolve(results[i]));
  }

  private async alone(item: Pending<Tx>): Promise<void> {
    try {
      const result = await item.runner.write((tx) => item.work(tx, alreadyAlone));
      this.stats.transactions += 1;
      this.stats.writes += 1;
      item.resolve(result);
    } catch (error) {
      item.reject(error);
    }
  }
}

const alreadyAlone: TakeKeys = () => Promise.resolve();

/**
 * Every write of a batch on one transaction, each after the earlier takers of its keys. All of them
 * settle before the first failure (in time: the cause, not a statement refused after it) is thrown.
 */
async function together<Tx>(tx: Tx, batch: Array<Pending<Tx>>): Promise<unknown[]> {
  const locks = new KeyLocks();
  let failure: { error: unknown } | undefined;
  const runs = batch.map((item) => {
    const holder = locks.holder();
    return holder
      .take(item.keys)
      .then(() => item.work(tx, holder.take))
      .finally(holder.release)
      .catch((error: unknown) => {
        failure ??= { error };
        throw error;
      });
  });
  const settled = await Promise.allSettled(runs);
  if (failure) throw failure.error;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value);
}

/** Failures of the database, not of a write: the same for every write of the transaction. */
function isDatabaseFailure(error: unknown): boolean {
  return error instanceof DatabaseError && (error.kind === 'UNAVAILABLE' || error.kind === 'TIMEOUT');
}
