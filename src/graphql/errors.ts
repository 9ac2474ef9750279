import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DatabaseError } from '../db';
import { CurationError } from '../domain/curation/change.types';
import { BadArgumentError } from '../domain/errors';
import type { Logger } from '../logger';

/** Codes whose message was written for the client and is safe to show. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_NOT_TRUSTED',
  'SERVICE_UNAVAILABLE',
  'QUERY_TIMEOUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
]);

const MAX_MESSAGE_LENGTH = 500;

/** A bad argument found by the GraphQL layer itself (planner, cursors, list filters): the same error as the domain's. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return badArgument(new BadArgumentError(argument ?? '', message));
}

/** A bad argument: a 400 whose message says what to change, naming the argument and any ids the client may have meant. */
function badArgument(error: BadArgumentError): GraphQLError {
  const suggestions = error.suggestions.length > 0 ? { suggestions: error.suggestions } : {};
  return new GraphQLError(error.message, {
    extensions: { code: 'BAD_USER_INPUT', ...(error.argument ? { argument: error.argument } : {}), ...suggestions, http: { status: 400 } },
  });
}

/**
 * The one boundary between resolvers and the domain: a resolver wrapped here has its domain and
 * database failures turned into client-facing errors (a bad argument → BAD_USER_INPUT 400, an
 * unavailable database → 503) before Apollo sees them, so the HTTP status follows. Every root field
 * is wrapped (src/graphql/resolvers/index.ts).
 */
export function atBoundary<Args extends unknown[], Result>(resolver: (...args: Args) => Result): (...args: Args) => Result {
  const rethrow = (error: unknown): never => {
    throw toGraphQLError(error) ?? error;
  };
  return (...args: Args): Result => {
    try {
      const result = resolver(...args);
      return (result instanceof Promise ? result.catch(rethrow) : result) as Result;
    } catch (error) {
      return rethrow(error);
    }
  };
}

/** No usable credentials: a 401 that tells the client to send (or renew) a bearer token. */
export function unauthenticated(message: string): GraphQLError {
  const headers = new HeaderMap([['www-authenticate', 'Bearer realm="condition-graph"']]);
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } } });
}

/** Signed in, but without the role this operation needs: a 403. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Seconds a client should wait before retrying a request the database could not serve. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * Turns domain and database failures into client-facing GraphQL errors, each with the HTTP status
 * (and headers) the whole response gets: see `databaseFailurePlugin`.
 */
export function toGraphQLError(error: unknown): GraphQLError | undefined {
  if (error instanceof BadArgumentError) return badArgument(error);
  if (error instanceof CurationError) {
    if (error.kind === 'INVALID') return badUserInput(error.message);
    if (error.kind === 'NOT_YOURS' || error.kind === 'FORBIDDEN') return forbidden(error.message);
    const current = error.currentVersion === undefined ? {} : { currentVersion: error.currentVersion };
    return new GraphQLError(error.message, { extensions: { code: 'CONFLICT', ...current, http: { status: 409 } } });
  }
  if (error instanceof DatabaseError) {
    if (error.kind === 'UNAVAILABLE') {
      return new GraphQLError('The database is unavailable right now; try again shortly.', {
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
      });
    }
    if (error.kind === 'TIMEOUT') {
      return new GraphQLError('The query took longer than the server allows; ask for fewer results or a smaller depth.', {
        extensions: { code: 'QUERY_TIMEOUT', http: { status: 504 } },
      });
    }
  }
  return undefined;
}

/**
 * A request the database could not serve fails as a whole: HTTP 503 with Retry-After (unavailable,
 * frozen, out of connections) or 504 (QUERY_TIMEOUT), and a body with that one error and no `data`.
 * Without `data` the GraphQL-over-HTTP spec allows a 5xx for both media types (with `data`, even
 * partial, `application/graphql-response+json` requires 2xx), and a load balancer or client reading
 * only the status sees the truth. Set here, where Apollo reads the status, not in formatError.
 */
const DATABASE_FAILURE_CODES = new Set(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']);

export function databaseFailurePlugin(): ApolloServerPlugin<BaseContext> {
  const listener: GraphQLRequestListener<BaseContext> = {
    async willSendResponse({ errors, response }) {
      if (!errors || response.body.kind !== 'single') return;
      let failure: GraphQLError | undefined;
      for (const error of errors) {
        // Root fields map their errors at the boundary (atBoundary), so a database failure may arrive already mapped.
        const original = unwrapResolverError(error);
        const mapped = toGraphQLError(original) ?? (original instanceof GraphQLError ? original : undefined);
        if (!mapped || !DATABASE_FAILURE_CODES.has(String(mapped.extensions.code))) continue;
        if (!failure || mapped.extensions.code === 'SERVICE_UNAVAILABLE') failure = mapped;
      }
      if (!failure) return;
      const { status, headers } = failure.extensions.http as { status: number; headers?: HeaderMap };
      response.http.status = status;
      for (const [name, value] of headers ?? []) response.http.headers.set(name, value);
      response.body.singleResult = { errors: [{ message: failure.message, extensions: { code: failure.extensions.code } }] };
    },
  };
  return { requestDidStart: async () => listener };
}

/**
 * Errors graphql-js and Apollo raise for a client's mistake without an Apollo code: each gets the
 * client code it deserves instead of being masked as an internal error.
 */
const CLIENT_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^Too many errors processing variables/, 'BAD_USER_INPUT'],
  [/^provided sha does not match query/, 'BAD_REQUEST'],
];

/**
 * Every error leaves through here. Messages meant for clients pass (shortened, so a huge input is
 * never echoed back); anything else is logged with the request id and masked, whatever NODE_ENV is.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original) ?? clientMistake(formatted, original);
    const code = String(mapped?.extensions.code ?? formatted.extensions?.code ?? '');
    const requestId = (error as { extensions?: { requestId?: string } } | undefined)?.extensions?.requestId;
    if (mapped || CLIENT_CODES.has(code) || isArmorRejection(formatted)) {
      const { http: _http, stacktrace: _stack, exception: _exception, ...extensions } = {
        ...formatted.extensions,
        ...mapped?.extensions,
      } as Record<string, unknown>;
      if (mapped && original instanceof DatabaseError) logger.warn({ err: original, code }, 'database error mapped for client');
      return {
        message: shorten(mapped?.message ?? formatted.message),
        ...(formatted.locations ? { locations: formatted.locations.slice(0, 5) } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...extensions, code: code || 'BAD_REQUEST' },
      };
    }
    logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error masked for client');
    return {
      message: 'Internal server error. The error has been logged.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * A request error (no path: raised while parsing, validating or coercing variables, or by Apollo's
 * pipeline) that carries no code is the client's mistake, never an internal error.
 */
function clientMistake(formatted: GraphQLFormattedError, original: unknown): GraphQLError | undefined {
  // Apollo fills in INTERNAL_SERVER_ERROR for a missing code; the error as raised tells them apart.
  const raised = original instanceof GraphQLError ? original : undefined;
  if (!raised || raised.extensions.code !== undefined || formatted.path !== undefined) return undefined;
  if (raised.originalError && !(raised.originalError instanceof GraphQLError)) return undefined; // a failure wrapped by Apollo
  const code = CLIENT_MESSAGES.find(([pattern]) => pattern.test(formatted.message))?.[1] ?? 'BAD_REQUEST';
  return new GraphQLError(formatted.message, { extensions: { code } });
}

/** GraphQL Armor reports its rejections as GraphQLErrors without an Apollo code. */
function isArmorRejection(formatted: GraphQLFormattedError): boolean {
  return /^Syntax Error: |^Cannot query|^Too many aliases|^Too many directives|^Query depth limit/.test(
    formatted.message,
  );
}

function shorten(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}… (message shortened)` : message;
}
