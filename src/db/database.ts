import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { mapNeo4jError } from './errors';
import { toPlain } from './values';

export interface DatabaseOptions {
  database: string;
  /** Every query runs with this server-side timeout. */
  queryTimeoutMs: number;
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
}

/** The one place a Driver is made. Integers arrive as JS numbers (ids and counts fit easily). */
export function createDriver(connection: Neo4jConnection): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    userAgent: 'condition-graph',
  });
}

type Params = Record<string, unknown>;
type Row = Record<string, unknown>;

/**
 * The single path from the application to Neo4j: reads, writes, value conversion, timeouts and
 * error mapping all happen here. `flights` counts Bolt round trips so tests can assert on them.
 */
export class Database {
  private roundTrips = 0;
  private active = 0;

  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions,
  ) {}

  /** Bolt round trips since this Database was made (reads are 1 each, writes 3: BEGIN, RUN, COMMIT). */
  get flights(): number {
    return this.roundTrips;
  }

  /** Sessions open now (reads and writes in flight): the pool in use, for /metrics. */
  get inFlight(): number {
    return this.active;
  }

  /**
   * One read-only statement as an auto-commit query in a read session: RUN and PULL are pipelined,
   * so it costs one round trip (a managed executeRead would cost three).
   */
  async read<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    this.roundTrips += 1;
    this.active += 1;
    try {
      const result = await withoutCallerStack(() => session.run(cypher, params, { timeout: this.options.queryTimeoutMs }));
      return rows<T>(result);
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.active -= 1;
      await session.close();
    }
  }

  /**
   * Read statements in one read transaction whose rows are consumed as they arrive (`for await`),
   * `fetchSize` records at a time with the driver's back-pressure: for downloads of the whole graph,
   * which must never be held in memory. `timeoutMs` replaces the query timeout (a download takes longer).
   */
  async readStream<T>(work: (run: (cypher: string, params?: Params) => AsyncIterable<Row>) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ, fetchSize: 1000 });
    const tx = session.beginTransaction({ timeout: timeoutMs ?? this.options.queryTimeoutMs });
    this.active += 1;
    const roundTrip = () => (this.roundTrips += 1);
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
      this.active -= 1;
      await session.close();
    }
  }

  /**
   * Several statements in one managed write transaction: all of them commit, or none does.
   * `timeoutMs` replaces the default query timeout for this transaction (bulk loads need longer).
   * Callbacks given to `tx.afterCommit` run once the transaction has committed (of a retried
   * attempt, only those of the attempt that committed).
   */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    let committed: Array<() => void> = [];
    this.active += 1;
    try {
      const result = await session.executeWrite(
        async (tx) => {
          this.roundTrips += 2;
          committed = [];
          return work(new WriteTransaction(tx, () => (this.roundTrips += 1), committed));
        },
        { timeout: timeoutMs ?? this.options.queryTimeoutMs },
      );
      for (const callback of committed) callback();
      return result;
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.active -= 1;
      await session.close();
    }
  }

  /**
   * One write statement that commits in batches itself (`CALL { … } IN TRANSACTIONS`): Neo4j runs
   * those only as auto-commit queries, never inside a managed transaction like `write`'s.
   */
  async writeInBatches(cypher: string, params: Params = {}, timeoutMs?: number): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    this.roundTrips += 1;
    try {
      await session.run(cypher, params, { timeout: timeoutMs ?? this.options.queryTimeoutMs });
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with data writes. */
  async schema(cypher: string): Promise<void> {
    await this.write((tx) => tx.run(cypher));
  }

  /** Resolves when Neo4j answers a trivial query; used by /readyz. */
  async ping(): Promise<void> {
    await this.read('RETURN 1 AS ok');
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

export class WriteTransaction {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly countFlight: () => void,
    private readonly committed: Array<() => void> = [],
  ) {}

  /** Runs `callback` after this transaction commits (never when it rolls back). */
  afterCommit(callback: () => void): void {
    this.committed.push(callback);
  }

  async run<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    this.countFlight();
    return rows<T>(await this.tx.run(cypher, params));
  }
}

/**
 * neo4j-driver formats a JavaScript stack trace for every query it starts (Result's constructor), only
 * to decorate a possible later error: ~10-20 µs per read on this machine. Errors are mapped to our own
 * (src/db/errors.ts) and never show that stack, so reads start with stack capture off.
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

function rows<T extends Row>(result: QueryResult<RecordShape>): T[] {
  return result.records.map((record) => toPlain(record.toObject()) as T);
}
