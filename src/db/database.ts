import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape, type Session } from 'neo4j-driver';
import { joinBoltChunks } from './bolt-messages';
import { coalesceBoltWrites } from './bolt-writes';
import { assignUnpackedMaps } from './packstream-maps';
import { isAbandoned, withinDeadline } from './deadline';
import { DatabaseError, isResendable, mapNeo4jError } from './errors';
import { GroupCommit, type GroupedWork } from './group-commit';
import { StatementRows } from './statement-rows';
import { Neo4jHealth, type Neo4jHealthOptions } from './health';
import { toPlain } from './values';

export interface DatabaseOptions {
  database: string;
  /** Every query runs with this server-side timeout; a request's whole budget is this plus `deadlineMarginMs`. */
  queryTimeoutMs: number;
  /** How long a call may wait for a pooled connection before it fails as unavailable (default 1000 ms). */
  acquisitionTimeoutMs?: number;
  /**
   * The client-side deadline of a call is its server-side timeout plus this (default 500 ms): time for
   * Neo4j's own timeout to fire and its answer to arrive. Past it, Neo4j counts as not answering.
   */
  deadlineMarginMs?: number;
  /** Most pooled connections (default 50). */
  maxConnections?: number;
  /** The background check behind /readyz and fail-fast refusals (src/db/health.ts). */
  health?: Omit<Neo4jHealthOptions, 'database'>;
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
}

export interface DriverTuning {
  poolSize: number;
  /** Connection acquisition and connection set-up timeout. */
  timeoutMs: number;
  /** Longest the driver keeps retrying a managed transaction. */
  maxRetryMs?: number;
}

/** The one place a Driver is made. Integers arrive as JS numbers (ids and counts fit easily). */
export function createDriver(connection: Neo4jConnection, tuning: DriverTuning): Driver {
  joinBoltChunks();
  assignUnpackedMaps();
  coalesceBoltWrites();
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: tuning.poolSize,
    connectionAcquisitionTimeout: tuning.timeoutMs,
    connectionTimeout: tuning.timeoutMs,
    maxTransactionRetryTime: tuning.maxRetryMs ?? tuning.timeoutMs,
    userAgent: 'condition-graph',
    // Neo4j's notifications (warnings such as a property key the graph does not hold yet) are read by
    // nothing here, yet each one travels with its statement's answer (1–2.5 KB each on curation's writes)
    // and is unpacked by the driver: the server is asked not to send them (bench/README.md, issue 12).
    notificationFilter: { minimumSeverityLevel: 'OFF' },
  });
}

type Params = Record<string, unknown>;
type Row = Record<string, unknown>;

/** State shared by a Database and its per-request views (`forRequest`). */
interface Shared {
  driver: Driver;
  health: Neo4jHealth;
  options: Required<Omit<DatabaseOptions, 'health'>>;
  roundTrips: number;
  /** Sessions open now (reads, streams and writes in flight). */
  active: number;
  /** Curation's writes, committed in shared transactions (`writeGrouped`). */
  group: GroupCommit<WriteTransaction>;
}

/**
 * The single path from the application to Neo4j: reads, writes, value conversion, timeouts,
 * deadlines, retries and error mapping all happen here. Every call is bounded by a client-side
 * deadline (a frozen Neo4j enforces no timeout of its own), fails at once with UNAVAILABLE while the
 * background health check says Neo4j is down, and waits at most `acquisitionTimeoutMs` for a pooled
 * connection. `flights` counts Bolt round trips so tests can assert on them.
 */
export class Database {
  private readonly shared: Shared;
  /** Set on per-request views: no call of the request runs past it (ms since epoch). */
  private deadlineAt: number | undefined;
  /** Set on maintenance views (`forMaintenance`): their budget, and whether they pass a down health check. */
  private maintenanceBudgetMs: number | undefined;
  /**
   * Per-request views: the request's first failure for want of Neo4j (no pooled connection, Neo4j
   * gone). Its later calls fail at once with it instead of waiting once more for the same pool.
   */
  private unavailable: DatabaseError | undefined;

  /**
   * Opens a driver (and the health check's) for a connection; given another Database instead, shares
   * its driver and health check (test and benchmark wrappers).
   */
  constructor(source: Neo4jConnection | Database, options: DatabaseOptions) {
    const { health, ...given } = options;
    // Options given as undefined keep their defaults.
    const rest = {
      ...given,
      acquisitionTimeoutMs: given.acquisitionTimeoutMs ?? 1000,
      deadlineMarginMs: given.deadlineMarginMs ?? 500,
      maxConnections: given.maxConnections ?? 50,
    };
    // A shared transaction waits up to 3 ms for the writers it answered to come back: at ten connections it
    // then takes ~9 writes instead of 5, for about the same cost (bench/README.md, "Writes (issue 12)").
    const group = new GroupCommit<WriteTransaction>({ maxWaitMs: rest.acquisitionTimeoutMs, lingerMs: 3 });
    const counters = { options: rest, roundTrips: 0, active: 0, group };
    this.shared =
      source instanceof Database
        ? { driver: source.driver, health: source.health, ...counters }
        : {
            driver: createDriver(source, { poolSize: rest.maxConnections, timeoutMs: rest.acquisitionTimeoutMs, maxRetryMs: rest.queryTimeoutMs }),
            health: new Neo4jHealth((tuning) => createDriver(source, tuning), { ...health, database: rest.database }),
            ...counters,
          };
  }

  get driver(): Driver {
    return this.shared.driver;
  }

  /** The background check of Neo4j (started by the HTTP server; idle otherwise). */
  get health(): Neo4jHealth {
    return this.shared.health;
  }

  /** The longest a request may spend on the database: the query timeout plus the deadline margin. */
  get budgetMs(): number {
    return this.maintenanceBudgetMs ?? this.shared.options.queryTimeoutMs + this.shared.options.deadlineMarginMs;
  }

  /** Bolt round trips since this Database was made (reads are 1 each, writes 3: BEGIN, RUN, COMMIT). */
  get flights(): number {
    return this.shared.roundTrips;
  }

  /** Sessions open now (reads and writes in flight): the pool in use, for /metrics. */
  get inFlight(): number {
    return this.shared.active;
  }

  /**
   * A view for one request: the same driver and pool, with one deadline for all the request's calls,
   * so a request with several statements still ends within its budget.
   */
  forRequest(startedAt = Date.now()): Database {
    const view = Object.create(this) as Database;
    view.deadlineAt = startedAt + this.budgetMs;
    return view;
  }

  /**
   * A view for the server's own work while requests are refused (the warm-up after Neo4j restarted):
   * it is not refused while the health check holds Neo4j down, and each call may take `timeoutMs`
   * (a freshly started Neo4j plans its first statements slowly).
   */
  forMaintenance(timeoutMs: number): Database {
    const view = Object.create(this) as Database;
    view.maintenanceBudgetMs = timeoutMs + this.shared.options.deadlineMarginMs;
    return view;
  }

  /**
   * One read-only statement as an auto-commit query in a read session: RUN and PULL are pipelined,
   * so it costs one round trip (a managed executeRead would cost three). A read whose connection
   * broke (a restarted server, a stale pooled connection) is sent once more if time is left.
   */
  async read<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    try {
      return await this.readOnce<T>(cypher, params);
    } catch (error) {
      const mapped = mapNeo4jError(error);
      if (!isResendable(mapped) || this.remainingMs() <= this.shared.options.deadlineMarginMs) throw mapped;
      return this.readOnce<T>(cypher, params).catch((again: unknown) => {
        throw mapNeo4jError(again);
      });
    }
  }

  private async readOnce<T extends Row>(cypher: string, params: Params): Promise<T[]> {
    const { timeoutMs, deadlineMs } = this.limits();
    const session = this.session('READ');
    this.shared.roundTrips += 1;
    this.shared.active += 1;
    try {
      return rows<T>(await this.bounded(withoutCallerStack(() => session.run(cypher, params, { timeout: timeoutMs })), deadlineMs, session));
    } finally {
      this.shared.active -= 1;
      await closeUnlessAbandoned(session);
    }
  }

  /**
   * Read statements in one read transaction whose rows are consumed as they arrive (`for await`),
   * `fetchSize` records at a time with the driver's back-pressure: for downloads of the whole graph,
   * which must never be held in memory. `timeoutMs` replaces the query timeout (a download takes
   * longer); a stream is bounded by that server-side timeout, not by a request's deadline.
   */
  async readStream<T>(work: (run: (cypher: string, params?: Params) => AsyncIterable<Row>) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.session('READ', 1000);
    const tx = session.beginTransaction({ timeout: timeoutMs ?? this.shared.options.queryTimeoutMs });
    this.shared.active += 1;
    const roundTrip = () => (this.shared.roundTrips += 1);
    async function* run(cypher: string, params: Params = {}): AsyncIterable<Row> {
      roundTrip();
      try {
        for await (const record of tx.run(cypher, params)) yield toPlain(record.toObject()) as Row;
      } catch (error) {
        throw mapNeo4jError(error);
      }
    }
    try {
      const result = await work(run);
      await tx.commit().catch((error: unknown) => Promise.reject(mapNeo4jError(error)));
      return result;
    } catch (error) {
      // Rows arrive mapped (run); the caller's own errors (e.g. a download that must stop) pass as they are.
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      this.shared.active -= 1;
      await session.close();
    }
  }

  /**
   * Several statements in one managed write transaction: all of them commit, or none does. The
   * driver retries transient failures within the same deadline as a read; a write whose deadline
   * passes is reported UNAVAILABLE and may or may not have committed (callers that retry need an
   * idempotency key). `timeoutMs` replaces the request budget for this transaction (bulk loads need longer).
   * Callbacks given to `tx.afterCommit` run once the transaction has committed (of a retried
   * attempt, only those of the attempt that committed).
   */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const { timeoutMs: serverTimeoutMs, deadlineMs } = this.limits(timeoutMs);
    const session = this.session('WRITE');
    let committed: Array<() => void> = [];
    this.shared.active += 1;
    try {
      const done = session.executeWrite(
        async (tx) => {
          this.shared.roundTrips += 2;
          committed = [];
          const writeTx = new WriteTransaction(tx, () => (this.shared.roundTrips += 1), committed);
          const result = await work(writeTx);
          await writeTx.finish();
          return result;
        },
        { timeout: serverTimeoutMs },
      );
      const result = await this.bounded(done, deadlineMs, session);
      for (const callback of committed) callback();
      return result;
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.shared.active -= 1;
      await closeUnlessAbandoned(session);
    }
  }

  /**
   * Like `write`, for many small writes arriving at once (curation's): a write that arrives while
   * others are committing may share the next transaction with the writes queued beside it, which
   * commit together or, when one of them fails, each alone (src/db/group-commit.ts). Answers and
   * failures are each write's own, as with `write`; callbacks of `tx.afterCommit` run after the commit.
   * `keys` name what the write reads or writes (ids): writes sharing a transaction run side by side
   * unless their keys overlap, and `take` adds keys the work learns on the way (src/db/key-locks.ts).
   */
  writeGrouped<T>(keys: readonly string[], work: GroupedWork<WriteTransaction, T>): Promise<T> {
    return this.shared.group.submit(this, keys, (tx, take) => work(tx.lane(), take));
  }

  /** Writes committed through `writeGrouped` and the transactions they took (tests, benchmarks). */
  get groupedWrites(): Readonly<{ transactions: number; writes: number; split: number; refused: number }> {
    return this.shared.group.stats;
  }

  /**
   * One write statement that commits in batches itself (`CALL { … } IN TRANSACTIONS`): Neo4j runs
   * those only as auto-commit queries, never inside a managed transaction like `write`'s.
   */
  async writeInBatches(cypher: string, params: Params = {}, timeoutMs?: number): Promise<void> {
    const { timeoutMs: serverTimeoutMs, deadlineMs } = this.limits(timeoutMs);
    const session = this.session('WRITE');
    this.shared.roundTrips += 1;
    try {
      await this.bounded(session.run(cypher, params, { timeout: serverTimeoutMs }), deadlineMs, session);
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await closeUnlessAbandoned(session);
    }
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with data writes. */
  async schema(cypher: string): Promise<void> {
    await this.write((tx) => tx.run(cypher));
  }

  /** Resolves when Neo4j answers a trivial query (through the request pool, with the same deadline). */
  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.shared.health.stop();
    await this.shared.driver.close();
  }

  private session(mode: 'READ' | 'WRITE', fetchSize?: number): Session {
    if (this.unavailable) throw this.unavailable;
    const refusal = this.maintenanceBudgetMs === undefined ? this.shared.health.refusal() : undefined;
    if (refusal !== undefined) throw new DatabaseError('UNAVAILABLE', refusal);
    return this.shared.driver.session({ database: this.shared.options.database, defaultAccessMode: neo4j.session[mode], ...(fetchSize ? { fetchSize } : {}) });
  }

  /** Time left before this view's deadline (ms); the whole budget outside requests. */
  remainingMs(): number {
    return this.deadlineAt === undefined ? this.budgetMs : this.deadlineAt - Date.now();
  }

  /**
   * The server-side timeout and client-side deadline of one call: the request's remaining budget, or
   * the given timeout (bulk work outside requests) plus the margin.
   */
  private limits(timeoutMs?: number): { timeoutMs: number; deadlineMs: number } {
    const margin = this.shared.options.deadlineMarginMs;
    if (timeoutMs !== undefined) return { timeoutMs, deadlineMs: timeoutMs + margin };
    const remaining = this.remainingMs();
    if (remaining <= 0) throw this.expired(this.deadlineAt! - this.budgetMs);
    return { timeoutMs: Math.max(1, Math.min(this.budgetMs, remaining) - margin), deadlineMs: remaining };
  }

  /**
   * Runs `work` within the deadline; failures leave mapped (src/db/errors.ts). A timeout Neo4j reports
   * itself while it answered no health check (it was frozen, and terminated the transaction on
   * waking), or any timeout while a restarted Neo4j is still warming up, is UNAVAILABLE, like a
   * deadline passing: the query was not too slow, Neo4j was gone or cold.
   */
  private async bounded<T>(work: PromiseLike<T>, deadlineMs: number, session: Session): Promise<T> {
    const since = Date.now();
    try {
      return await withinDeadline(work, deadlineMs, session, () => this.expired(since));
    } catch (error) {
      const mapped = mapNeo4jError(error);
      const { warming } = this.shared.health;
      const neo4jAway = warming !== undefined || (mapped.neo4jCode !== undefined && !this.answeredSince(since));
      const failure = mapped.kind === 'TIMEOUT' && neo4jAway ? new DatabaseError('UNAVAILABLE', warming ? `${mapped.message} (${warming})` : mapped.message, mapped.neo4jCode, { cause: error }) : mapped;
      if (this.deadlineAt !== undefined && failure.kind === 'UNAVAILABLE' && !isResendable(failure)) this.unavailable = failure;
      return Promise.reject(failure);
    }
  }

  private answeredSince(since: number): boolean {
    const answered = this.shared.health.lastAnswerAt;
    return answered !== undefined && answered >= since;
  }

  /**
   * A call started at `since` that got no answer in time. If Neo4j answered a health check meanwhile,
   * it is alive and the query itself was too slow (TIMEOUT); otherwise Neo4j is not answering
   * (UNAVAILABLE: frozen, half-started, gone).
   */
  private expired(since: number): DatabaseError {
    const { warming } = this.shared.health;
    // Out of budget before a call even starts (the earlier calls took it) counts the same: cold Neo4j, 503.
    if (warming !== undefined) return new DatabaseError('UNAVAILABLE', `Neo4j gave no answer within the request's budget of ${this.budgetMs} ms (${warming})`);
    return this.answeredSince(since)
      ? new DatabaseError('TIMEOUT', `Neo4j gave no answer within the request's budget of ${this.budgetMs} ms`)
      : new DatabaseError('UNAVAILABLE', `Neo4j gave no answer within the request's budget of ${this.budgetMs} ms, nor to its health check`);
  }
}

export class WriteTransaction {
  private readonly finishers: Map<string, { times: number; finish: (times: number) => Promise<void> }>;
  private readonly statements: StatementRows;
  private lanes = 0;

  constructor(
    private readonly tx: ManagedTransaction,
    private readonly countFlight: () => void,
    private readonly committed: Array<() => void> = [],
    /** Set on a write's own view of a shared transaction (`lane`), with the write's number. */
    private readonly view?: { of: WriteTransaction; lane: number },
  ) {
    this.finishers = view ? view.of.finishers : new Map();
    this.statements = view ? view.of.statements : new StatementRows((cypher, params) => this.send(cypher, params));
  }

  /**
   * This transaction as one of the writes sharing it sees it: the same transaction, whose row
   * statements (`runRow`) it gives join the other writes' rows without leaving its own order.
   */
  lane(): WriteTransaction {
    const of = this.view?.of ?? this;
    of.lanes += 1;
    return new WriteTransaction(this.tx, this.countFlight, this.committed, { of, lane: of.lanes });
  }

  /** Runs `callback` after this transaction commits (never when it rolls back). */
  afterCommit(callback: () => void): void {
    this.committed.push(callback);
  }

  /**
   * Runs `finish` once, after the transaction's work and just before it commits, however many of the
   * writes sharing it asked under `key`; `times` is how many did (the first caller's `finish` runs).
   */
  beforeCommit(key: string, finish: (times: number) => Promise<void>): void {
    const entry = this.finishers.get(key);
    if (entry) entry.times += 1;
    else this.finishers.set(key, { times: 1, finish });
  }

  /** The `beforeCommit` work, in the order first asked for (src/db/database.ts `write`). */
  async finish(): Promise<void> {
    for (const { times, finish } of this.finishers.values()) await finish(times);
    this.finishers.clear();
  }

  run<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.statements.statement(this.view?.lane ?? 0, cypher, params) as Promise<T[]>;
  }

  /**
   * Runs `row` as one row of `cypher` (an `UNWIND $rows AS row …` statement that returns `row.i AS i`
   * with each answer): the rows the writes sharing this transaction give it in one tick go to Neo4j as
   * one statement (src/db/statement-rows.ts). Answers this row's answers.
   */
  runRow<T extends Row = Row>(cypher: string, row: Params): Promise<T[]> {
    return this.statements.row(this.view?.lane ?? 0, cypher, row) as Promise<T[]>;
  }

  private async send(cypher: string, params: Params): Promise<Row[]> {
    this.countFlight();
    return rows(await withoutCallerStack(() => this.tx.run(cypher, params)));
  }
}

/**
 * neo4j-driver formats a JavaScript stack trace for every query it starts (Result's constructor), only
 * to decorate a possible later error: ~10-20 µs per read on this machine, ~7 % of the API's CPU in a
 * burst of curation writes. Errors are mapped to our own (src/db/errors.ts) and never show that stack,
 * so reads and the statements of write transactions start with stack capture off.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Closes a session, unless its deadline passed (then it was closed without waiting for a server that may not answer). */
async function closeUnlessAbandoned(session: Session): Promise<void> {
  if (!isAbandoned(session)) await session.close();
}

function rows<T extends Row>(result: QueryResult<RecordShape>): T[] {
  return result.records.map((record) => toPlain(record.toObject()) as T);
}
