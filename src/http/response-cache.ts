/**
 * The server's response cache: Apollo's response-cache plugin over an in-memory LRU, keyed on the data
 * release in service (src/domain/releases). Entries live until the release changes (the cache is then
 * emptied at once) or the LRU needs their room: answers change only with the release, so the
 * plugin's time-to-live (the answer's max-age, meant for clients) is not applied to the server's copy.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { ReleaseWatcher } from '../domain/releases';

export class ReleaseScopedCache implements KeyValueCache<string> {
  private readonly lru: InMemoryLRUCache<string>;

  constructor(maxBytes: number) {
    this.lru = new InMemoryLRUCache<string>({ maxSize: maxBytes, sizeCalculation: (value: string) => value.length * 2 + 64 });
  }

  get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  set(key: string, value: string): Promise<void> {
    return this.lru.set(key, value);
  }

  delete(key: string): Promise<boolean> {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.keys().length;
  }
}

/** The credentials a request carries, hashed (never kept as such): the session of a private answer. */
export function credentialsOf(headers: { get(name: string): string | undefined }): string | null {
  const authorization = headers.get('authorization');
  return authorization ? createHash('sha256').update(authorization).digest('hex').slice(0, 32) : null;
}

export function releaseKeyedResponseCache<TContext extends BaseContext>(releases: ReleaseWatcher, cache: ReleaseScopedCache): ApolloServerPlugin<TContext> {
  releases.onChange(() => cache.clear());
  const known = () => releases.current !== null;
  return responseCachePlugin<TContext>({
    cache,
    extraCacheKeyData: async () => releases.current?.tag ?? null,
    sessionId: async (rc: GraphQLRequestContext<TContext>) => credentialsOf(rc.request.http?.headers ?? new Map()),
    // Only HTTP requests: the server's own operations (the warm-up after a Neo4j restart) must reach Neo4j to plan its statements.
    shouldReadFromCache: async (rc: GraphQLRequestContext<TContext>) => known() && rc.request.http !== undefined,
    shouldWriteToCache: async (rc: GraphQLRequestContext<TContext>) => known() && rc.request.http !== undefined,
  });
}
