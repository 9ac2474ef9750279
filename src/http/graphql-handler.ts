import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { Logger } from '../logger';
import { knownRequestOf, type KnownOperations, type KnownOutcome, type KnownRequest } from './known-operations';
import { jsonBodyReader } from './read-json';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Largest request body accepted, in bytes (config.http.maxBodyBytes). */
  maxBodyBytes: number;
  /** Builds a request's context from its id and headers (the Authorization header is verified there, never logged). */
  context: (requestId: string, headers: IncomingHttpHeaders) => Promise<TContext>;
  logger: Logger;
  /** Answers repeats of queries Apollo answered cleanly without its pipeline (src/http/known-operations.ts); off when absent. */
  knownOperations?: KnownOperations | undefined;
}

/** A request the known-operations lane ran and hands to Apollo to answer: its context and result. */
type HandOver = Extract<KnownOutcome, { kind: 'hand-over' }>;

/**
 * Apollo's documented integration point (`executeHTTPGraphQLRequest`) on plain node:http objects.
 * server.ts sends every POST /graphql here before Express sees it: the router, Express's request and
 * response decorations and its ETag add CPU to every API request and nothing that endpoint needs
 * (measured in bench/README.md). Express mounts the same handler for the remaining /graphql GETs.
 */
export function graphqlHandler<TContext extends BaseContext>({ apollo, maxBodyBytes, context, logger, knownOperations }: GraphQLHandlerOptions<TContext>): NodeHandler {
  apollo.assertStarted('graphqlHandler()');
  // body-parser's JSON reader (plain requests read the short way, same outcomes): same limit, charset, inflation and error types as before.
  const readJson = jsonBodyReader(maxBodyBytes, ['application/json', 'application/graphql-response+json']);

  const execute = async (req: IncomingMessage & { body?: unknown }, res: ServerResponse, requestId: string, known?: KnownRequest, handOver?: HandOver): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const queryStart = url.indexOf('?');
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: queryStart >= 0 ? url.slice(queryStart) : '',
      body: req.body,
    };
    if (handOver) knownOperations?.handOver(httpGraphQLRequest, handOver.result);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: handOver ? async () => handOver.context as TContext : () => context(requestId, req.headers),
    });
    if (known) knownOperations?.learn(known, httpGraphQLRequest, req.headers.accept, response.status, response.headers);
    if (response.body.kind === 'complete') {
      send(res, response.status ?? 200, response.headers, response.body.string);
      return;
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    readJson(req, res, (error) => {
      if (error) {
        sendBodyError(res, error as BodyError, logger);
        return;
      }
      const known = knownOperations ? knownRequestOf(req) : undefined;
      const answered = knownOperations && known ? answerKnown(knownOperations, req, res, requestId, known) : execute(req, res, requestId);
      answered.catch((failure: unknown) => sendBodyError(res, failure as BodyError, logger));
    });
  };

  async function answerKnown(lane: KnownOperations, req: IncomingMessage, res: ServerResponse, requestId: string, known: KnownRequest): Promise<void> {
    const outcome = await lane.answer(known, req.headers, () => context(requestId, req.headers));
    if (outcome.kind === 'answered') send(res, 200, outcome.headers, outcome.body);
    else await execute(req, res, requestId, known, outcome.kind === 'hand-over' ? outcome : undefined);
  }
}

function send(res: ServerResponse, status: number, headers: Iterable<readonly [string, string]>, body: string): void {
  for (const [key, value] of headers) res.setHeader(key, value);
  res.statusCode = status;
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** The caller's X-Request-Id when it is a sane token, else a fresh UUID. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.\-]{1,64}$/.test(given) ? given : randomUUID();
}

interface BodyError {
  status?: number;
  type?: string;
}

/** Body-reader failures (too large, malformed JSON) and anything unexpected answer in GraphQL's JSON error shape. */
export function sendBodyError(res: ServerResponse, error: BodyError, logger: Logger): void {
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const [code, message] =
    error.type === 'entity.too.large'
      ? ['PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts; send a smaller query or fewer variables.']
      : error.type === 'entity.parse.failed'
        ? ['BAD_REQUEST', 'Invalid JSON: the request body could not be parsed; send a JSON object such as {"query": "{ serverInfo { version } }"}.']
        : status < 500
          ? ['BAD_REQUEST', 'The request could not be read.']
          : ['INTERNAL_SERVER_ERROR', 'Internal server error. The error has been logged.'];
  if (status >= 500) logger.error({ err: error }, 'unexpected HTTP error');
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
