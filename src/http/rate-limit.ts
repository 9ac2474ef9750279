/**
 * Per-client request limits (off unless RATE_LIMIT_REQUESTS is set): a fixed window of
 * `windowS` seconds per client, the client being its credentials (hashed) when it sends any, else
 * its address. Every limited answer carries the IETF draft's RateLimit-Limit / -Remaining / -Reset
 * and RateLimit-Policy headers; a client over its limit gets 429 with Retry-After and a GraphQL-shaped
 * JSON error (code RATE_LIMITED), before any other work. Counters live in this process
 * (rate-limiter-flexible's memory store).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config';
import { credentialsOf } from './response-cache';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export const RATE_LIMITED = 'RATE_LIMITED';

export function clientKey(req: IncomingMessage): string {
  const credentials = credentialsOf({ get: (name) => req.headers[name] as string | undefined });
  return credentials ? `token:${credentials}` : `addr:${req.socket.remoteAddress ?? 'unknown'}`;
}

export function withRateLimit(next: NodeHandler, config: RateLimitConfig, onLimited?: () => void): NodeHandler {
  const limiter = new RateLimiterMemory({ points: config.requests, duration: config.windowS });
  const policy = `${config.requests};w=${config.windowS}`;
  const setHeaders = (res: ServerResponse, state: RateLimiterRes) => {
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit-Limit', String(config.requests));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
    res.setHeader('RateLimit-Reset', String(Math.ceil(state.msBeforeNext / 1000)));
  };
  return (req, res) => {
    limiter.consume(clientKey(req)).then(
      (state) => {
        setHeaders(res, state);
        next(req, res);
      },
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) {
          // The memory store does not fail; should it, serve rather than refuse.
          next(req, res);
          return;
        }
        setHeaders(res, rejection);
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const body = JSON.stringify({
          errors: [{ message: `Too many requests: this client may make ${config.requests} per ${config.windowS} s; try again in ${retryAfter} s.`, extensions: { code: RATE_LIMITED } }],
        });
        res.statusCode = 429;
        res.setHeader('Retry-After', String(retryAfter));
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('content-length', Buffer.byteLength(body));
        res.end(body);
        onLimited?.();
      },
    );
  };
}
