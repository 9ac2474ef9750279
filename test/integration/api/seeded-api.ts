/**
 * For the traversal, bad-input and protocol tests: one in-process API on the seeded graph per test
 * file, started in beforeAll and stopped in afterAll. Use it inside tests only.
 */
import { startApi, type Api, type StartApiOptions } from '../../helpers/api-client';
import { ensureSeeded } from '../../helpers/seeded-graph';

export function useSeededApi(options: Omit<StartApiOptions, 'db'> = {}): Api {
  let current: Api | undefined;
  beforeAll(async () => {
    current = await startApi(options);
    await ensureSeeded(current.db);
  }, 120_000);
  afterAll(async () => {
    await current?.stop();
  });
  const live = (): Api => {
    if (!current) throw new Error('the API starts in beforeAll; use it inside tests');
    return current;
  };
  return {
    get url() {
      return live().url;
    },
    get db() {
      return live().db;
    },
    query<TData>(query: string, variables?: Record<string, unknown>, queryOptions?: Parameters<Api['query']>[2]) {
      return live().query<TData>(query, variables, queryOptions);
    },
    stop: () => live().stop(),
  };
}
