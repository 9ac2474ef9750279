import { DatabaseError } from '../../../src/db/errors';
import { GroupCommit, type TransactionRunner } from '../../../src/db/group-commit';
import { EVERY_KEY, type TakeKeys } from '../../../src/db/key-locks';

/**
 * An in-memory stand-in for one Neo4j database: a transaction buffers its writes and sees them, and
 * commit appends them all to `committed`, or nothing when the work throws. Each `write` takes `commitMs`.
 */
class FakeStore {
  committed: string[] = [];
  transactions: string[][] = [];
  down: DatabaseError | undefined;
  /** Transactions with more writes than this run out of time (a cold Neo4j). */
  timesOutAbove = Infinity;

  constructor(private readonly commitMs = 5) {}

  runner(remainingMs = 1000): TransactionRunner<FakeTx> {
    return {
      remainingMs: () => remainingMs,
      write: async <T>(work: (tx: FakeTx) => Promise<T>): Promise<T> => {
        if (this.down) throw this.down;
        const tx = new FakeTx(this.committed);
        const result = await work(tx);
        await new Promise((resolve) => setTimeout(resolve, this.commitMs));
        if (tx.written.length > this.timesOutAbove) throw new DatabaseError('TIMEOUT', 'the transaction ran out of time');
        this.committed.push(...tx.written);
        this.transactions.push(tx.written);
        return result;
      },
    };
  }
}

class FakeTx {
  written: string[] = [];
  constructor(private readonly committed: readonly string[]) {}
  has(value: string): boolean {
    return this.committed.includes(value) || this.written.includes(value);
  }
  add(value: string): string {
    if (this.has(value)) throw new Error(`"${value}" is already taken`);
    this.written.push(value);
    return value;
  }
}

const add = (value: string) => async (tx: FakeTx) => tx.add(value);

describe('GroupCommit', () => {
  it('commits a lone write at once, in a transaction of its own', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>();
    await expect(group.submit(store.runner(), ['a'], add('a'))).resolves.toBe('a');
    expect(store.transactions).toEqual([['a']]);
  });

  it('commits writes that arrive while others commit together, in arrival order, each with its own answer', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1, maxBatch: 16 });
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((value) => group.submit(store.runner(), [value], add(value))));
    expect(answers).toEqual(['a', 'b', 'c', 'd']);
    // 'a' found the database idle; the others queued behind it and shared the next transaction.
    expect(store.transactions).toEqual([['a'], ['b', 'c', 'd']]);
    expect(group.stats).toEqual({ transactions: 2, writes: 4, split: 0, refused: 0 });
  });

  it('puts at most maxBatch writes in one transaction and runs at most maxInFlight transactions at once', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 2, maxBatch: 3 });
    let running = 0;
    let most = 0;
    const counted = (): TransactionRunner<FakeTx> => {
      const inner = store.runner();
      return {
        remainingMs: inner.remainingMs,
        write: async (work) => {
          running += 1;
          most = Math.max(most, running);
          try {
            return await inner.write(work);
          } finally {
            running -= 1;
          }
        },
      };
    };
    const slowly = (value: string) => async (tx: FakeTx) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return tx.add(value);
    };
    const values = Array.from({ length: 11 }, (_, i) => `w${i}`);
    await Promise.all(values.map((value) => group.submit(counted(), [value], slowly(value))));
    expect(store.committed.sort()).toEqual([...values].sort());
    expect(Math.max(...store.transactions.map((tx) => tx.length))).toBeLessThanOrEqual(3);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('lets a later write in a shared transaction see what an earlier one wrote, as if they had committed one by one', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
    const first = group.submit(store.runner(), ['x'], add('x'));
    const seen = Promise.all([group.submit(store.runner(), ['y'], add('y')), group.submit(store.runner(), ['y'], async (tx: FakeTx) => tx.has('y'))]);
    await first;
    await expect(seen).resolves.toEqual(['y', true]);
    expect(store.transactions).toEqual([['x'], ['y']]);
  });

  it('runs the writes of a shared transaction side by side when their keys differ, and one at a time in arrival order when they share one', async () => {
    const overlap = async (keysOf: (i: number) => string[]) => {
      const store = new FakeStore();
      const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
      let running = 0;
      let most = 0;
      const order: number[] = [];
      const slowly = (i: number) => async (tx: FakeTx) => {
        running += 1;
        most = Math.max(most, running);
        order.push(i);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return tx.add(`w${i}`);
      };
      const first = group.submit(store.runner(), ['lead'], add('lead'));
      await Promise.all([1, 2, 3, 4].map((i) => group.submit(store.runner(), keysOf(i), slowly(i))));
      await first;
      expect(store.transactions).toEqual([['lead'], expect.arrayContaining(['w1', 'w2', 'w3', 'w4'])]);
      return { most, order };
    };
    await expect(overlap((i) => [`own-${i}`])).resolves.toEqual({ most: 4, order: [1, 2, 3, 4] });
    await expect(overlap((i) => [`own-${i}`, 'shared'])).resolves.toEqual({ most: 1, order: [1, 2, 3, 4] });
  });

  it('makes a write that takes a key on the way wait for the earlier holder of it, and see what that one wrote', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
    const first = group.submit(store.runner(), ['lead'], add('lead'));
    // Like two reviews: each holds its own change, and learns the entity it touches only after reading it.
    const writer = group.submit(store.runner(), ['change-1'], async (tx: FakeTx, take) => {
      await take(['entity-x']);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return tx.add('x');
    });
    const reader = group.submit(store.runner(), ['change-2'], async (tx: FakeTx, take) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await take(['entity-x']);
      return tx.has('x');
    });
    await first;
    await expect(Promise.all([writer, reader])).resolves.toEqual(['x', true]);
    expect(store.transactions).toEqual([['lead'], ['x']]);
  });

  it('runs each write of a batch alone, in order, when one of them takes every key (it touches more than it can name)', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
    const first = group.submit(store.runner(), ['lead'], add('lead'));
    const wide = async (tx: FakeTx, take: TakeKeys) => {
      await take([EVERY_KEY]);
      return tx.add('wide');
    };
    const answers = Promise.all([group.submit(store.runner(), ['a'], add('a')), group.submit(store.runner(), ['c-1'], wide), group.submit(store.runner(), ['b'], add('b'))]);
    await first;
    await expect(answers).resolves.toEqual(['a', 'wide', 'b']);
    expect(store.transactions).toEqual([['lead'], ['a'], ['wide'], ['b']]);
    expect(group.stats.split).toBe(1);
  });

  it('with lingerMs, lets the next transaction wait for the writers just answered to come back, and starts it once they have', async () => {
    const store = new FakeStore(2);
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1, lingerMs: 1000 });
    const first = group.submit(store.runner(), ['lead'], add('lead'));
    // Three writers share the second transaction; each sends its next write as soon as it is answered.
    const writers = ['a', 'b', 'c'].map((name) => group.submit(store.runner(), [`${name}1`], add(`${name}1`)).then(() => group.submit(store.runner(), [`${name}2`], add(`${name}2`))));
    const started = Date.now();
    await first;
    await Promise.all(writers);
    expect(store.transactions).toEqual([['lead'], ['a1', 'b1', 'c1'], ['a2', 'b2', 'c2']]);
    expect(Date.now() - started).toBeLessThan(500); // it started when all three had come, not when the time was up
  });

  it('with lingerMs, starts the next transaction with what has come when the time is up, and never makes a lone writer wait', async () => {
    const store = new FakeStore(2);
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1, lingerMs: 300 });
    const first = group.submit(store.runner(), ['lead'], add('lead'));
    const pair = Promise.all([group.submit(store.runner(), ['a'], add('a')), group.submit(store.runner(), ['b'], add('b'))]);
    await first;
    await pair;
    // Only one of the two writers answered comes back: it waits for the other until the time is up.
    const before = Date.now();
    await group.submit(store.runner(), ['a2'], add('a2'));
    expect(Date.now() - before).toBeGreaterThanOrEqual(250);
    // It was alone: the next write starts at once.
    const alone = Date.now();
    await group.submit(store.runner(), ['a3'], add('a3'));
    expect(Date.now() - alone).toBeLessThan(250);
    expect(store.transactions).toEqual([['lead'], ['a', 'b'], ['a2'], ['a3']]);
  });

  it('when one write of a shared transaction fails, runs each alone in order: the others commit, the failing one gets its own error, nothing is half-written', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
    const first = group.submit(store.runner(), ['a'], add('a'));
    // 'dup' twice: the second is refused, as it would be after the first committed alone.
    const rest = ['b', 'dup', 'dup', 'c'].map((value) => group.submit(store.runner(), [value], add(value)).then(
      (answer) => ({ answer }),
      (error: Error) => ({ error: error.message }),
    ));
    await first;
    expect(await Promise.all(rest)).toEqual([{ answer: 'b' }, { answer: 'dup' }, { error: '"dup" is already taken' }, { answer: 'c' }]);
    expect(store.committed).toEqual(['a', 'b', 'dup', 'c']);
    expect(store.transactions).toEqual([['a'], ['b'], ['dup'], ['c']]);
    expect(group.stats.split).toBe(1);
  });

  it('gives every write of a shared transaction the failure of the database itself, without running them again alone', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
    const first = group.submit(store.runner(), ['a'], add('a'));
    const rest = ['b', 'c'].map((value) => group.submit(store.runner(), [value], add(value)).catch((error: unknown) => error));
    store.down = new DatabaseError('UNAVAILABLE', 'Neo4j is not answering');
    await first;
    const failures = await Promise.all(rest);
    expect(failures).toEqual([store.down, store.down]);
    expect(store.committed).toEqual(['a']);
    expect(group.stats.split).toBe(0);
  });

  it('runs a shared transaction within the deadline of the caller with the least time left', async () => {
    const store = new FakeStore();
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1 });
    const used: number[] = [];
    const runner = (remainingMs: number): TransactionRunner<FakeTx> => {
      const inner = store.runner(remainingMs);
      return { remainingMs: inner.remainingMs, write: (work) => (used.push(remainingMs), inner.write(work)) };
    };
    const first = group.submit(runner(900), ['a'], add('a'));
    await Promise.all([group.submit(runner(800), ['b'], add('b')), group.submit(runner(300), ['c'], add('c')), group.submit(runner(700), ['d'], add('d'))]);
    await first;
    expect(used).toEqual([900, 300]);
  });

  it('refuses a write that waited longer than maxWaitMs for a transaction with UNAVAILABLE (retry), and writes nothing of it', async () => {
    const store = new FakeStore(50);
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1, maxWaitMs: 20 });
    const first = group.submit(store.runner(), ['a'], add('a'));
    const waited = group.submit(store.runner(), ['b'], add('b')).catch((error: unknown) => error);
    await expect(waited).resolves.toMatchObject({ kind: 'UNAVAILABLE', message: expect.stringMatching(/no write transaction was free within 20 ms/) });
    await first;
    expect(store.committed).toEqual(['a']);
    expect(group.stats.refused).toBe(1);
  });

  it('after a shared transaction runs out of time, puts half as many writes in the next ones, growing back as they commit', async () => {
    const store = new FakeStore();
    store.timesOutAbove = 4;
    const group = new GroupCommit<FakeTx>({ maxInFlight: 1, maxBatch: 8 });
    const wave = async (name: string) => {
      const lead = group.submit(store.runner(), [`${name}-lead`], add(`${name}-lead`));
      const rest = Array.from({ length: 8 }, (_, i) => group.submit(store.runner(), [`${name}${i}`], add(`${name}${i}`)).catch((error: { kind: string }) => error.kind));
      await lead;
      return Promise.all(rest);
    };
    expect(await wave('x')).toEqual(Array(8).fill('TIMEOUT'));
    expect(await wave('y')).toEqual(Array.from({ length: 8 }, (_, i) => `y${i}`));
    expect(store.transactions.map((tx) => tx.length)).toEqual([1, 1, 4, 4]);
  });
});
