import neo4j, { type Driver } from 'neo4j-driver';
import { withinDeadline } from './deadline';
import { mapNeo4jError } from './errors';

export interface Neo4jHealthOptions {
  database: string;
  /** Time between checks while Neo4j answers (default 1000 ms). */
  intervalMs?: number;
  /** Time between checks while it does not (default 500 ms), so recovery is seen quickly. */
  downIntervalMs?: number;
  /** How long one check may take (default 1000 ms). */
  timeoutMs?: number;
  /**
   * Failed checks in a row before Neo4j counts as down (default 2): one slow answer on a busy machine
   * must not turn every request away. A refused connection counts as down at once.
   */
  failuresBeforeDown?: number;
  /** Called on every change of state (logging). */
  onChange?: (state: HealthState) => void;
}

export type HealthStatus = 'unknown' | 'up' | 'down';

export interface HealthState {
  status: HealthStatus;
  /** Why Neo4j counts as down (for /readyz and the logs). */
  reason?: string;
  /** When this status began (ms since epoch). */
  since: number;
}

/** Opens the health check's own connection; kept apart from the request pool so a full pool cannot hide a healthy server. */
export type HealthDriverFactory = (tuning: { poolSize: number; timeoutMs: number }) => Driver;

/**
 * A background check of Neo4j (`RETURN 1` on its own single connection, with a short client-side
 * deadline) whose last answer /readyz reports at once and requests consult before they take a
 * pooled connection: while Neo4j is down, frozen or starting they fail in microseconds with 503
 * instead of queueing for connections. Nothing runs until `start()`.
 */
export class Neo4jHealth {
  private current: HealthState = { status: 'unknown', since: Date.now() };
  private driver: Driver | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private failures = 0;
  private inFlight: Promise<void> | undefined;
  private override: string | undefined;
  private answeredAt: number | undefined;
  private readonly o: Required<Omit<Neo4jHealthOptions, 'onChange'>> & Pick<Neo4jHealthOptions, 'onChange'>;

  constructor(
    private readonly makeDriver: HealthDriverFactory,
    options: Neo4jHealthOptions,
  ) {
    this.o = { intervalMs: 1000, downIntervalMs: 500, timeoutMs: 1000, failuresBeforeDown: 2, ...options };
  }

  get state(): HealthState {
    return this.current;
  }

  /** When Neo4j last answered a check (ms since epoch). */
  get lastAnswerAt(): number | undefined {
    return this.answeredAt;
  }

  get started(): boolean {
    return this.running;
  }

  /** The reason to refuse a request right now without trying Neo4j, if any (only while down, never while unknown). */
  refusal(): string | undefined {
    return this.current.status === 'down' ? this.current.reason : undefined;
  }

  /**
   * While set, Neo4j answers but is still cold (restarted, its statements being planned again): a
   * request that runs out of time then failed for want of a warm Neo4j, not for its own cost, and is
   * told to retry (503) rather than that its query is too slow (504).
   */
  warming: string | undefined;

  /** Starts checking (idempotent); resolves after the first check. */
  start(): Promise<void> {
    if (!this.running) {
      this.running = true;
      this.driver = this.makeDriver({ poolSize: 1, timeoutMs: this.o.timeoutMs });
    }
    return this.checkNow();
  }

  /**
   * Holds the state at down with this reason (the supervisor while it restarts the local Neo4j),
   * or releases it (`undefined`) so the checks decide again.
   */
  hold(reason: string | undefined): void {
    this.override = reason;
    if (reason !== undefined) {
      this.set({ status: 'down', reason });
      return;
    }
    // Back (the supervisor logged in to it): requests may try again at once. A freshly started server
    // can take seconds over its first logins, so until a check succeeds only a definite failure counts.
    this.failures = 0;
    this.set({ status: 'unknown', reason: 'Neo4j is back; waiting for its first answer to a health check' });
    if (this.running) void this.checkNow();
  }

  /** Runs a check now (or joins the one running) and schedules the next. */
  checkNow(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.inFlight ??= this.check().finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    const driver = this.driver;
    this.driver = undefined;
    // A frozen server would make close() wait for it: bounded.
    if (driver) await Promise.race([driver.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, this.o.timeoutMs).unref())]);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.checkNow(), this.current.status === 'up' ? this.o.intervalMs : this.o.downIntervalMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    const session = driver.session({ database: this.o.database, defaultAccessMode: neo4j.session.READ });
    try {
      await withinDeadline(session.run('RETURN 1 AS ok', {}, { timeout: this.o.timeoutMs }), this.o.timeoutMs, session, () => new Error(`Neo4j did not answer a health check within ${this.o.timeoutMs} ms`));
      void session.close().catch(() => undefined);
      this.answeredAt = Date.now();
      this.failures = 0;
      if (this.override === undefined) this.set({ status: 'up' });
    } catch (error) {
      this.failures += 1;
      const reason = describeFailure(error);
      const definite = /refused|not available|starting/.test(reason);
      // Before the first answer, only a definite failure counts: a fresh server's first login can take seconds.
      const enough = this.current.status !== 'unknown' && this.failures >= this.o.failuresBeforeDown;
      if (this.override === undefined && (definite || enough)) {
        this.set({ status: 'down', reason });
      }
    }
  }

  private set(next: { status: HealthStatus; reason?: string }): void {
    if (next.status === this.current.status && next.reason === this.current.reason) return;
    this.current = { ...next, since: Date.now() };
    this.o.onChange?.(this.current);
  }
}

/** A short reason for /readyz and the logs (never Cypher or credentials). */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/within \d+ ms/.test(message) && !/acquisition/.test(message)) return message;
  const mapped = mapNeo4jError(error);
  if (/ECONNREFUSED|Failed to connect/.test(message)) return 'Neo4j is not reachable (connection refused)';
  if (/acquisition timed out/.test(message)) return `Neo4j did not answer a health check within ${/\d+/.exec(message)?.[0] ?? '?'} ms`;
  if (mapped.neo4jCode === 'Neo.TransientError.General.DatabaseUnavailable' || mapped.neo4jCode === 'Neo.ClientError.Database.DatabaseNotFound') {
    return 'Neo4j is starting (its database is not available yet)';
  }
  if (mapped.neo4jCode?.startsWith('Neo.ClientError.Security.')) return 'Neo4j refused the credentials';
  return mapped.kind === 'UNAVAILABLE' ? 'Neo4j is not reachable' : 'Neo4j failed a health check';
}
