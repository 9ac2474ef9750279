import type { LocalNeo4jHandle } from './handle';
import { isProcessAlive, sleep } from './process-info';
import { startLocalNeo4j, type LocalNeo4jOptions } from './start';

export interface SuperviseOptions {
  /** Restarts in a row (without a stable run between) before giving up; default 5. */
  maxRestarts?: number;
  /** Wait before restart `attempt` (1-based); default 1 s, 2 s, 4 s … at most 30 s. */
  backoffMs?: (attempt: number) => number;
  /** How often the Java process is looked at; default 500 ms. */
  pollMs?: number;
  /** A server that ran this long counts as stable again: the attempt counter resets (default 60 s). */
  stableMs?: number;
  /**
   * Told whenever the server goes away (with the reason) and when it is back (`undefined`): the
   * Database's health check holds "down" meanwhile, so requests get 503 and /readyz says why.
   */
  onState?: (downReason: string | undefined) => void;
}

/** The project's own Neo4j, restarted when it exits unexpectedly. */
export interface SupervisedNeo4j {
  /** The server currently running (a new handle after each restart, same folder, data and port). */
  readonly current: LocalNeo4jHandle;
  /** Restarts so far. */
  readonly restarts: number;
  /** Stops supervising and stops whatever was started, including a restarted server; safe to call twice. */
  stop(): Promise<void>;
}

const defaultBackoff = (attempt: number): number => Math.min(30_000, 1000 * 2 ** (attempt - 1));

/**
 * Starts (or re-uses) the local Neo4j like `startLocalNeo4j`, then watches its process: when it exits
 * without being asked to (killed, crashed), it is started again from the same instance folder on the
 * same Bolt port — the Driver finds it where it was — after a backoff, at most `maxRestarts` times in
 * a row, each attempt logged. A server owned by another live process is not supervised (that process
 * is). Whatever this started is stopped by `stop()` and, as a last resort, on process exit.
 */
export async function superviseLocalNeo4j(options: LocalNeo4jOptions, supervise: SuperviseOptions = {}): Promise<SupervisedNeo4j> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[local-neo4j] ${line}\n`));
  const maxRestarts = supervise.maxRestarts ?? 5;
  const backoff = supervise.backoffMs ?? defaultBackoff;
  const stableMs = supervise.stableMs ?? 60_000;
  let current = await startLocalNeo4j(options);
  const boltPort = current.boltPort;
  let upSince = Date.now();
  let restarts = 0;
  let attempt = 0;
  let stopping = false;
  let gaveUp = false;
  let restarting: Promise<void> | undefined;

  const onExit = (): void => current.stopSync();
  process.on('exit', onExit);

  const restart = async (): Promise<void> => {
    const pid = current.pid;
    if (Date.now() - upSince >= stableMs) attempt = 0;
    while (!stopping) {
      attempt += 1;
      if (attempt > maxRestarts) {
        const reason = `the local Neo4j exited and ${maxRestarts} restarts failed; restart the server`;
        gaveUp = true;
        log(`Giving up: ${reason}.`);
        supervise.onState?.(reason);
        return;
      }
      const wait = backoff(attempt);
      const reason = `the local Neo4j exited; restarting it (attempt ${attempt} of ${maxRestarts})`;
      supervise.onState?.(reason);
      log(`Neo4j (pid ${pid}) exited unexpectedly; restart attempt ${attempt} of ${maxRestarts} in ${(wait / 1000).toFixed(1)} s.`);
      await sleep(wait);
      if (stopping) return;
      try {
        const started = Date.now();
        current = await startLocalNeo4j({ ...options, boltPort });
        restarts += 1;
        upSince = Date.now();
        log(`Neo4j restarted (pid ${current.pid}) on the same port ${boltPort} in ${((Date.now() - started) / 1000).toFixed(1)} s (restart ${restarts}).`);
        supervise.onState?.(undefined);
        if (stopping) await current.stop();
        return;
      } catch (error) {
        log(`Restart attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const timer = setInterval(() => {
    if (stopping || gaveUp || restarting || !current.owned || isProcessAlive(current.pid)) return;
    restarting = restart().finally(() => {
      restarting = undefined;
    });
  }, supervise.pollMs ?? 500);
  timer.unref();

  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      await restarting;
      await current.stop();
      process.off('exit', onExit);
    },
  };
}
