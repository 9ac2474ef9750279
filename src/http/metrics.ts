/**
 * Prometheus metrics (prom-client), served at /metrics: GraphQL requests by operation and outcome,
 * their latency, the response cache's hits and misses, 304s and 429s at the HTTP boundary, Neo4j
 * sessions in use, the data release in service, and Node's process metrics. Operation names come
 * from clients, so only the first MAX_OPERATIONS well-formed names get their own label; the rest
 * count as `other`.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db';
import type { ReleaseWatcher } from '../domain/releases';

const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The labelled series one request counts in (prom-client children). */
interface RequestSeries {
  requests: { inc(): void };
  duration: { observe(value: number): void };
  hit: { inc(): void };
  miss: { inc(): void };
}

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly cache: Counter<'result'>;
  private readonly http: Counter<'status'>;
  private readonly known: Counter;
  private readonly series = new Map<string, RequestSeries>();

  constructor(db: Database, releases: ReleaseWatcher, cacheEntries: () => number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation name and outcome (ok, cache_hit, or the error code in lower case).', labelNames: ['operation', 'outcome'], registers });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from the request reaching Apollo to its answer being ready, by operation.',
      labelNames: ['operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.cache = new Counter({ name: 'response_cache_requests_total', help: 'Queries looked up in the response cache, by result (hit, miss).', labelNames: ['result'], registers });
    this.http = new Counter({ name: 'http_short_answers_total', help: 'Requests answered at the HTTP boundary without running GraphQL: 304 (ETag matched), 429 (rate limited).', labelNames: ['status'], registers });
    this.known = new Counter({ name: 'graphql_known_operation_answers_total', help: 'GraphQL requests answered by the known-operations lane (a repeat of a query Apollo answered cleanly) instead of Apollo\'s request pipeline; also counted in graphql_requests_total.', registers });
    new Gauge({ name: 'neo4j_sessions_in_use', help: 'Neo4j sessions (reads and writes) in flight: pooled connections in use.', registers, collect() { this.set(db.inFlight); } });
    new Gauge({ name: 'data_release', help: 'The data release in service (meta.release); -1 while unknown.', registers, collect() { this.set(releases.current?.number ?? -1); } });
    new Gauge({ name: 'response_cache_entries', help: 'Answers held by the response cache.', registers, collect() { this.set(cacheEntries()); } });
  }

  notModified(): void {
    this.http.inc({ status: '304' });
  }

  rateLimited(): void {
    this.http.inc({ status: '429' });
  }

  /** The operation label for a client's operation name (bounded cardinality). */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }

  /** One GraphQL request answered: its outcome, whether it was a query (for the cache counter), and its time since `started`. */
  record(operationName: string | null | undefined, outcome: string, isQuery: boolean, cacheHit: boolean, started: bigint): void {
    const series = this.seriesOf(this.operationLabel(operationName), outcome);
    if (isQuery && (outcome === 'ok' || outcome === 'cache_hit')) (cacheHit ? series.hit : series.miss).inc();
    series.requests.inc();
    series.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
  }

  /**
   * The labelled series a request of this operation and outcome counts in. prom-client hashes the
   * labels on every inc/observe; its children, kept here, skip that (measured in bench/README.md).
   * Bounded: operation labels by MAX_OPERATIONS, outcomes by the error codes.
   */
  private seriesOf(operation: string, outcome: string): RequestSeries {
    const key = `${operation}\u0000${outcome}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        requests: this.requests.labels(operation, outcome),
        duration: this.duration.labels(operation),
        hit: this.cache.labels('hit'),
        miss: this.cache.labels('miss'),
      };
      this.series.set(key, series);
    }
    return series;
  }

  /** A request answered by src/http/known-operations.ts, which `record` counts like the others. */
  answeredKnown(operationName: string | null | undefined, started: bigint): void {
    this.known.inc();
    this.record(operationName, 'ok', true, false, started);
  }

  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async (rc) => {
            const body = rc.response.body;
            const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
            const hit = rc.metrics.responseCacheHit === true;
            const code = errors?.[0]?.extensions?.code;
            const outcome = errors ? (typeof code === 'string' ? code.toLowerCase() : 'error') : hit ? 'cache_hit' : 'ok';
            this.record(rc.operationName ?? rc.request.operationName, outcome, rc.operation?.operation === 'query', hit, started);
          },
        };
      },
    };
  }
}
