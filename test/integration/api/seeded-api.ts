/**
 * For the traversal, bad-input and protocol tests: one in-process API on the seeded graph per test
 * file, started in beforeAll and stopped in afterAll. Use it inside tests only.
 */
import { startApi, type Api } from '../../helpers/api-client';
import { ensureSeeded } from '../../helpers/seeded-graph';

export function useSeededApi(): Api {
  let current: Api | undefined;
  beforeAll(async () => {
    current = await startApi();
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
    query<TData>(query: string, variables?: Record<string, unknown>) {
      return live().query<TData>(query, variables);
    },
    stop: () => live().stop(),
  };
}
