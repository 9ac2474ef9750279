/**
 * The JSON body reader of POST /graphql: body-parser's (express.json), with a shorter way for the
 * request nearly every client sends.
 *
 * Why: for a light question body-parser's per-request work (content-type parsing with type-is, raw-body,
 * an iconv-lite decoder) was ~30 µs of Node CPU, about 5 % of the API's whole request against the
 * hand-written floor's bare JSON.parse (bench/README.md, issue 19). A body whose headers leave nothing
 * to decide — Content-Type exactly `application/json` (optionally `; charset=utf-8`), a Content-Length
 * within the limit, no Content-Encoding or Transfer-Encoding — is read here with body-parser's outcomes:
 * a UTF-8 BOM dropped, an empty body read as `{}`, only an object or array accepted (strict), and its
 * error types and statuses (`entity.parse.failed` 400, `request.size.invalid` 400, `request.aborted` 400).
 * Every other request goes to body-parser itself. test/unit/http/read-json.test.ts sends the same
 * requests to both and compares what they make of them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';

export type BodyReader = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The Content-Type values read here (lower case); anything else, or any parameter but this charset, is body-parser's. */
const PLAIN_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const DIGITS = /^\d{1,15}$/;
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*(.)/s;

/** Reads a JSON body of at most `limit` bytes into `req.body`, as `express.json({ limit, type })` does. */
export function jsonBodyReader(limit: number, types: string[]): BodyReader {
  const general = express.json({ limit, type: types }) as unknown as BodyReader;
  const plain = types.includes('application/json');
  return (req, res, next) => {
    const length = plain ? plainLength(req, limit) : undefined;
    if (length === undefined) general(req, res, next);
    else readPlain(req, length, next);
  };
}

/** The Content-Length of a body that needs no decision of body-parser's, or undefined. */
function plainLength(req: IncomingMessage, limit: number): number | undefined {
  const { headers } = req;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_TYPES.has(type.toLowerCase())) return undefined;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
  const declared = headers['content-length'];
  if (declared === undefined || !DIGITS.test(declared)) return undefined;
  const length = Number(declared);
  return length <= limit ? length : undefined; // too large: body-parser answers 413 without reading it
}

function readPlain(req: IncomingMessage & { body?: unknown }, length: number, next: (error?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = (error: unknown, body?: unknown): void => {
    if (done) return;
    done = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('aborted', onAborted);
    req.off('close', onClose);
    req.off('error', finish);
    if (error) {
      req.resume(); // drain what is left, as raw-body does, so the connection can answer
      next(error);
      return;
    }
    req.body = body;
    next();
  };
  const onData = (chunk: Buffer): void => {
    received += chunk.length;
    chunks.push(chunk);
  };
  const onEnd = (): void => {
    if (received !== length) {
      finish(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
      return;
    }
    try {
      finish(undefined, parse(Buffer.concat(chunks, received).toString('utf8')));
    } catch (error) {
      finish(error);
    }
  };
  const onAborted = (): void => finish(bodyError(400, 'request.aborted', 'request aborted'));
  const onClose = (): void => {
    if (!req.complete) onAborted();
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('close', onClose);
  req.on('error', finish);
}

/** body-parser's strict JSON parse: BOM dropped (its decoder does), empty is `{}`, an object or an array only. */
function parse(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = body[0] === '{' || body[0] === '[' ? body[0] : FIRST_NON_WHITESPACE.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw bodyError(400, 'entity.parse.failed', 'Unexpected token in JSON: the body must be an object or an array');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw bodyError(400, 'entity.parse.failed', (error as Error).message);
  }
}

function bodyError(status: number, type: string, message: string): Error & { status: number; statusCode: number; type: string; expose: boolean } {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}
