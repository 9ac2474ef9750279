/**
 * For the dashboard tests that change the graph (loads, HPO imports): one in-process API on the
 * seeded graph per test file; afterwards the database is wiped and the article's seed loaded again,
 * so the integration tests that follow see the seed alone. Use it inside tests only.
 */
import { reseed } from '../../../src/ingest/seed';
import { startApi, type Api, type ApiConfig } from '../../helpers/api-client';
import { ensureSeeded, silentLogger, wipe } from '../../helpers/seeded-graph';

export function useChangingApi(config?: ApiConfig): () => Api {
  let api: Api | undefined;
  beforeAll(async () => {
    api = await startApi({ config });
    await ensureSeeded(api.db);
  });
  afterAll(async () => {
    if (!api) return;
    await wipe(api.db);
    await reseed(api.db, silentLogger);
    await api.stop();
  });
  return () => {
    if (!api) throw new Error('the API starts in beforeAll; use it inside tests');
    return api;
  };
}
