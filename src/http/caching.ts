/**
 * HTTP caching of GraphQL answers (GET requests, including persisted queries):
 * - `Cache-Control` comes from the schema's cache hints (Apollo's cache-control plugin, schema/cache.graphql);
 *   this plugin makes every non-query operation uncacheable and every request with credentials private;
 * - `ETag` = the data release in service + a hash of the request (its query string, `Accept` and
 *   credentials), set on cacheable answers without errors;
 * - `If-None-Match` with the current ETag answers `304` before Apollo runs: no parsing, no database.
 * The release is known without database work (src/domain/releases ReleaseWatcher).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ReleaseWatcher } from '../domain/releases';
import { credentialsOf } from './response-cache';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The header a client reads the release of an answer from. */
export const DATA_VERSION_HEADER = 'x-data-version';

interface RequestFacts {
  search: string;
  accept: string | undefined;
  credentials: string | null;
}

export function etagFor(releaseTag: string, request: RequestFacts): string {
  const hash = createHash('sha256')
    .update(request.search)
    .update('\0')
    .update(request.accept ?? '')
    .update('\0')
    .update(request.credentials ?? '')
    .digest('base64url')
    .slice(0, 22);
  return `"${releaseTag}-${hash}"`;
}

/** Whether an If-None-Match header value lists this ETag (or `*`); weak validators compare equal. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === '*' || value === etag;
  });
}

function searchOf(url: string | undefined): string {
  const at = url?.indexOf('?') ?? -1;
  return at >= 0 && url ? url.slice(at) : '';
}

/** Answers `304 Not Modified` to a GET whose If-None-Match names the current ETag; everything else goes to `next`. */
export function withConditionalGet(next: NodeHandler, releases: ReleaseWatcher, onNotModified?: () => void): NodeHandler {
  const cacheControlOf = new Map<string, string>();
  return (req, res) => {
    const release = releases.current;
    if (req.method === 'GET' && release && req.headers['if-none-match']) {
      const etag = etagFor(release.tag, {
        search: searchOf(req.url),
        accept: req.headers.accept,
        credentials: credentialsOf({ get: (name) => req.headers[name] as string | undefined }),
      });
      if (matchesEtag(req.headers['if-none-match'], etag)) {
        res.statusCode = 304;
        res.setHeader('etag', etag);
        res.setHeader(DATA_VERSION_HEADER, String(release.number));
        const cacheControl = cacheControlOf.get(etag);
        if (cacheControl) res.setHeader('cache-control', cacheControl);
        res.end();
        onNotModified?.();
        return;
      }
    }
    if (req.method === 'GET') {
      // Remember the Cache-Control of a 200 that carried an ETag, to repeat it on its 304s (bounded).
      res.once('finish', () => {
        const etag = res.getHeader('etag');
        const cacheControl = res.getHeader('cache-control');
        if (res.statusCode !== 200 || typeof etag !== 'string' || typeof cacheControl !== 'string') return;
        if (cacheControlOf.size >= 10_000) cacheControlOf.clear();
        cacheControlOf.set(etag, cacheControl);
      });
    }
    next(req, res);
  };
}

/**
 * Apollo plugin (after the cache-control plugin): mutations are never cacheable, requests with
 * credentials are private, and cacheable GET answers without errors get the ETag; every answer
 * names its release in X-Data-Version.
 */
export function httpCachingPlugin<TContext extends BaseContext>(releases: ReleaseWatcher): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (rc.operation?.operation !== 'query') rc.overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart(rc) {
          // Once the operation's policy is known (src/graphql/cache-policy-plugin.ts): the response cache
          // then keeps the answer per session.
          if (rc.request.http?.headers.get('authorization')) rc.overallCachePolicy.restrict({ scope: 'PRIVATE' });
        },
        async willSendResponse(rc) {
          const release = releases.current;
          const http = rc.response.http;
          if (!release) return;
          http.headers.set(DATA_VERSION_HEADER, String(release.number));
          const request = rc.request.http;
          const credentials = request ? credentialsOf(request.headers) : null;
          let cacheControl = http.headers.get('cache-control');
          if (credentials && cacheControl?.endsWith(', public')) {
            cacheControl = cacheControl.replace(/, public$/, ', private');
            http.headers.set('cache-control', cacheControl);
          }
          const ok = rc.response.body.kind === 'single' && !rc.response.body.singleResult.errors;
          if (request?.method === 'GET' && ok && cacheControl && cacheControl !== 'no-store') {
            http.headers.set(
              'etag',
              etagFor(release.tag, { search: request.search, accept: request.headers.get('accept'), credentials }),
            );
          }
        },
      };
    },
  };
}
