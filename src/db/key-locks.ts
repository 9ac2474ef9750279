/**
 * Locks on keys (ids) held in memory by the writes that share one transaction (src/db/group-commit.ts).
 * Writes whose keys are disjoint run side by side, their statements pipelined on the transaction; a
 * write that takes a key another one holds waits until that one has finished, so writes that touch the
 * same thing still run one after the other, in the order they took it, and each sees what the one
 * before it wrote. It is two-phase locking within the transaction, as Neo4j locks between transactions.
 *
 * Waits only ever point at an earlier taker of the same key, so they cannot form a cycle as long as a
 * holder takes more keys only while it holds none that a later taker of those keys waits for: curation
 * takes a review's change id first and the ids it touches once, after reading the change.
 */
export type TakeKeys = (keys: readonly string[]) => Promise<void>;

/**
 * Taken by a write that touches more than it can name beforehand (merging an entity moves the edges of
 * its neighbours): a shared transaction refuses it, which makes the group commit run each write of the
 * batch alone, one after the other, where nothing runs beside it.
 */
export const EVERY_KEY = '*';

export interface KeyHolder {
  /** Resolves once every earlier taker of any of `keys` has let go; keys already held are not waited for. */
  take: TakeKeys;
  /** Lets go of every key taken (when the write has finished, whatever its outcome). */
  release(): void;
}

export class KeyLocks {
  /** For each key, when its latest taker lets go. */
  private readonly tails = new Map<string, Promise<void>>();

  holder(): KeyHolder {
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    const held = new Set<string>();
    return {
      take: (keys) => {
        if (keys.includes(EVERY_KEY)) return Promise.reject(new Error('this write touches more than it can name: it runs in a transaction of its own'));
        const waits: Array<Promise<void>> = [];
        for (const key of keys) {
          if (held.has(key)) continue;
          held.add(key);
          const tail = this.tails.get(key);
          if (tail) waits.push(tail);
          this.tails.set(key, released);
        }
        return waits.length === 0 ? Promise.resolve() : Promise.all(waits).then(() => undefined);
      },
      release: () => {
        for (const key of held) if (this.tails.get(key) === released) this.tails.delete(key);
        letGo();
      },
    };
  }
}
