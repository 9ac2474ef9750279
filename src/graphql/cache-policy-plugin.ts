import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { cacheControlValue, SchemaCachePolicy } from './cache-policy';
import { fragmentsOf } from './document';

/**
 * Cache-Control from the schema's hints, found from the document before execution (./cache-policy.ts)
 * instead of by Apollo's per-field instrumentation; server.ts turns Apollo's own plugin off for it.
 * The header is Apollo's: `max-age=N, public|private` for a cacheable answer without errors, else
 * `no-store`; the response cache and ETags (src/http) read the same overall policy.
 */
export function cachePolicyPlugin<TContext extends BaseContext>(schemaPolicy: number | SchemaCachePolicy): ApolloServerPlugin<TContext> {
  let policies = typeof schemaPolicy === 'number' ? undefined : schemaPolicy;
  return {
    async serverWillStart({ schema }) {
      if (typeof schemaPolicy === 'number') policies = new SchemaCachePolicy(schema, schemaPolicy);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, overallCachePolicy }) {
          if (!policies || !operation) return;
          overallCachePolicy.restrict(policies.policyOf(operation, fragmentsOf(document), request.variables ?? {}));
        },
        async willSendResponse({ response, overallCachePolicy }) {
          // A header set earlier (by a plugin or resolver) can only lower the policy, as in Apollo's plugin.
          const existing = response.http.headers.get('cache-control');
          const parsed = existing ? /^max-age=(\d+), (public|private)$/.exec(existing) : null;
          if (existing && !parsed && existing !== 'no-store') return;
          if (parsed) overallCachePolicy.restrict({ maxAge: Number(parsed[1]), scope: parsed[2] === 'private' ? 'PRIVATE' : 'PUBLIC' });
          const cacheable = existing === 'no-store' ? null : overallCachePolicy.policyIfCacheable();
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set('cache-control', ok ? cacheControlValue(cacheable) : 'no-store');
        },
      };
    },
  };
}
