/**
 * Known operations: a repeat of a query that Apollo has already answered cleanly is answered here,
 * without Apollo's request pipeline.
 *
 * Why: for a light question Apollo's pipeline (request parsing, the document cache's SHA-256, plugin
 * dispatch, content negotiation, response shaping) costs about as much Node CPU as the hand-written
 * floor's whole request (bench/README.md, issue 19 part 5). A known operation skips it and keeps the rest:
 * - Apollo decides what is known. A document becomes known only after Apollo parsed, validated and
 *   accepted it (depth, aliases, cost, trusted documents) and answered a POST of it with 200 and no
 *   errors; the lane keeps Apollo's own parsed document.
 * - It runs the same way: the same context (sign-in, per-request loaders, one deadline) and the same
 *   compiled execution (src/graphql/compiled-execution.ts); the cost limit and the cache policy come
 *   from the objects Apollo's plugins use (OperationCosts, SchemaCachePolicy).
 * - It answers the same bytes: Content-Type is the one Apollo chose for the same Accept value, and a
 *   document is known only if the headers the lane would have sent equal Apollo's on that answer.
 * - Anything else is Apollo's: another method or body shape, an Authorization header (private answers),
 *   `extensions` (persisted queries), an unknown document or Accept value, a cost over the limit.
 *   A result with errors is handed to Apollo, which shapes it (error formatting, 503/504 statuses,
 *   plugins) without running the operation again.
 * server.ts uses it only when the response cache is off (its hits are Apollo's) and reads need no sign-in.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, ExecutionResult, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import type { ReleaseWatcher } from '../domain/releases';
import { cacheControlValue, type SchemaCachePolicy } from '../graphql/cache-policy';
import type { CompiledExecution } from '../graphql/compiled-execution';
import type { OperationCosts } from '../graphql/cost';
import { fragmentsOf } from '../graphql/document';
import { DATA_VERSION_HEADER } from './caching';
import type { Metrics } from './metrics';

/** A POST body the lane may answer: only `query`, `variables` and `operationName`. */
export interface KnownRequest {
  key: string;
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

/** What `answer` did: answered it, left it to Apollo, or ran it and hands Apollo the result (with errors) to shape. */
export type KnownOutcome =
  | { kind: 'answered'; headers: ReadonlyArray<readonly [string, string]>; body: string }
  | { kind: 'apollo' }
  | { kind: 'hand-over'; context: unknown; result: ExecutionResult };

interface KnownOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
}

export interface KnownOperationsDependencies {
  execution: CompiledExecution;
  costs: OperationCosts;
  cachePolicy: SchemaCachePolicy;
  releases: ReleaseWatcher;
  metrics?: Metrics | undefined;
}

/** Distinct query texts (with operation names) and Accept values kept; past these the lane starts over. */
const MAX_OPERATIONS = 1_000;
const MAX_ACCEPT_VALUES = 64;
const TO_APOLLO: KnownOutcome = { kind: 'apollo' };

export class KnownOperations {
  private readonly operations = new Map<string, KnownOperation>();
  private readonly contentTypes = new Map<string, string>();
  /** Per Apollo request (its HTTPGraphQLRequest): the document of a clean answer, until `learn` reads it. */
  private readonly cleanAnswers = new WeakMap<object, KnownOperation>();

  constructor(private readonly deps: KnownOperationsDependencies) {}

  /** Answers a known request, or says why Apollo should. Never throws for the request's sake. */
  async answer(request: KnownRequest, headers: IncomingHttpHeaders, createContext: () => Promise<unknown>): Promise<KnownOutcome> {
    const started = process.hrtime.bigint();
    const known = this.operations.get(request.key);
    if (!known) return TO_APOLLO;
    const contentType = this.contentTypes.get(headers.accept ?? '');
    if (!contentType) return TO_APOLLO;
    const variables = request.variables ?? {};
    const { costs, execution } = this.deps;
    if (costs.costOf(execution.schema, known.operation, known.fragments, variables) > costs.maxCost) return TO_APOLLO;
    let context: unknown;
    try {
      context = await createContext();
    } catch {
      return TO_APOLLO; // Apollo makes the context again and answers the failure its way
    }
    let result: ExecutionResult;
    try {
      result = await execution.run({ document: known.document, operation: known.operation, operationName: request.operationName, variables, context });
    } catch {
      return TO_APOLLO; // execution itself failed (not a field): Apollo runs it and answers that failure its way
    }
    if (result.errors || result.extensions || !result.data) return { kind: 'hand-over', context, result };
    this.deps.metrics?.answeredKnown(request.operationName ?? known.operation.name?.value, started);
    // Apollo's stringifyResult: JSON of { errors, data, extensions } in that order, and a newline.
    return { kind: 'answered', headers: this.headersFor(known, variables, contentType), body: `${JSON.stringify({ data: result.data })}\n` };
  }

  /** Apollo's plugin side: notes each clean answer to a POSTed query, for `learn`. Goes last among the plugins. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async (rc) => {
          const { http, extensions } = rc.request;
          if (!http || http.method !== 'POST' || rc.operation?.operation !== 'query' || !rc.document) return;
          if (rc.errors?.length || rc.metrics.responseCacheHit || (extensions && Object.keys(extensions).length > 0)) return;
          const body = rc.response.body;
          if (body.kind !== 'single' || body.singleResult.errors || body.singleResult.extensions) return;
          if (rc.response.http.status !== undefined && rc.response.http.status !== 200) return;
          this.cleanAnswers.set(http, { document: rc.document, operation: rc.operation, fragments: fragmentsOf(rc.document) });
        },
      }),
    };
  }

  /**
   * After Apollo answered `http` (the request it was given for `request`): a clean answer makes the
   * document known, if the lane would have sent exactly the headers Apollo sent.
   */
  learn(request: KnownRequest, http: object, accept: string | undefined, status: number | undefined, sent: Iterable<[string, string]>): void {
    const known = this.cleanAnswers.get(http);
    if (!known || (status ?? 200) !== 200) return;
    const apollo = new Map(sent);
    const contentType = apollo.get('content-type');
    if (!contentType) return;
    const expected = this.headersFor(known, request.variables ?? {}, contentType);
    if (expected.length !== apollo.size || expected.some(([name, value]) => apollo.get(name) !== value)) return;
    bounded(this.contentTypes, MAX_ACCEPT_VALUES).set(accept ?? '', contentType);
    bounded(this.operations, MAX_OPERATIONS).set(request.key, known);
  }

  /** Makes Apollo's next execution of `http` return `result` (see CompiledExecution.handOver). */
  handOver(http: object, result: ExecutionResult): void {
    this.deps.execution.handOver(http, result);
  }

  /** The headers of a clean answer, as Apollo's plugins set them for an anonymous POSTed query. */
  private headersFor(known: KnownOperation, variables: Readonly<Record<string, unknown>>, contentType: string): Array<[string, string]> {
    const headers: Array<[string, string]> = [['cache-control', cacheControlValue(this.deps.cachePolicy.policyOf(known.operation, known.fragments, variables))]];
    const release = this.deps.releases.current;
    if (release) headers.push([DATA_VERSION_HEADER, String(release.number)]);
    headers.push(['content-type', contentType]);
    return headers;
  }
}

/** The request as the lane sees it, when it is one the lane may answer: an anonymous POST of only `query`, `variables`, `operationName`. */
export function knownRequestOf(req: IncomingMessage & { body?: unknown }): KnownRequest | undefined {
  if (req.method !== 'POST' || req.headers.authorization !== undefined) return undefined;
  const body = req.body;
  if (!isRecord(body)) return undefined;
  for (const key in body) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return undefined;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  const name = operationName ?? undefined;
  return { key: `${name ?? ''}\0${query}`, query, operationName: name, variables: variables ?? undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bounded<K, V>(map: Map<K, V>, max: number): Map<K, V> {
  if (map.size >= max) map.clear();
  return map;
}
