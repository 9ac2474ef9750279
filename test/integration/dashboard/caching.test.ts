import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadGraph } from '../../../src/ingest/load';
import { startApi, type Api } from '../../helpers/api-client';
import { ensureSeeded } from '../../helpers/seeded-graph';
import { tokenFor } from '../../helpers/tokens';

jest.setTimeout(120_000);

const OWNER = 'test-cache';
const COUNT = '{ conditions { totalCount } }';
/** GETs need a header a browser's simple cross-site request cannot send (Apollo's CSRF prevention). */
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

let api: Api;

beforeAll(async () => {
  // Poll rarely: these tests count the database round trips of each request themselves.
  api = await startApi({ config: { caching: { defaultMaxAgeS: 60, responseCacheBytes: 8 * 1024 * 1024, releasePollMs: 3_600_000, facetSummary: false, trustedDocuments: undefined } } });
  await ensureSeeded(api.db);
});
afterAll(async () => {
  if (api) {
    await api.db.write(async (tx) => {
      await tx.run('MATCH (n:Entity) WHERE n.owner = $owner OR n.id STARTS WITH $prefix DETACH DELETE n', { owner: OWNER, prefix: 'cache-cur-' });
      await tx.run('MATCH (c:Change) WHERE any(id IN c.entityIds WHERE id STARTS WITH $prefix) DELETE c', { prefix: 'cache-cur-' });
    });
    await api.stop();
  }
});

function get(query: string, headers: Record<string, string> = {}, extra = ''): Promise<Response> {
  return fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}${extra}`, { headers: { ...PREFLIGHT, ...headers } });
}

async function countOf(response: Response): Promise<number> {
  const body = (await response.json()) as { data: { conditions: { totalCount: number } } };
  return body.data.conditions.totalCount;
}

async function addCondition(id: string): Promise<void> {
  await loadGraph(api.db, { nodes: [{ id, kind: 'Condition', name: `Cache test ${id}`, aliases: [], xrefs: [], owner: OWNER }], edges: [] });
}

describe('cacheable answers', () => {
  it('answers a GET with Cache-Control from the schema hints, an ETag of the release and the release in X-Data-Version', async () => {
    const response = await get(COUNT);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    const release = response.headers.get('x-data-version');
    expect(release).toMatch(/^\d+$/);
    // A graph loaded before releases existed has release 0 and no epoch ("none") until its next load.
    expect(response.headers.get('etag')).toMatch(new RegExp(`^"${release}\\.([0-9a-f]{8}|none)-[\\w-]{22}"$`));
    const meta = await get('{ meta { dataVersion } }');
    expect(meta.headers.get('cache-control')).toBe('max-age=5, public');
    expect(((await meta.json()) as { data: { meta: { dataVersion: string } } }).data.meta.dataVersion).toBe(release);
  });

  it('answers If-None-Match with the current ETag with a 304 and no database work', async () => {
    const first = await get('{ conditions(first: 3) { edges { node { id } } } }');
    const etag = first.headers.get('etag') ?? '';
    const flights = api.db.flights;
    const again = await get('{ conditions(first: 3) { edges { node { id } } } }', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('max-age=60, public');
    expect(await again.text()).toBe('');
    expect(api.db.flights).toBe(flights);
  });

  it('answers a repeated query from the response cache without the database, until the data changes', async () => {
    const query = '{ conditions(first: 100) { totalCount edges { node { id name } } } }';
    const first = await api.query<{ conditions: { totalCount: number } }>(query);
    const flights = api.db.flights;
    const second = await api.query<{ conditions: { totalCount: number } }>(query);
    expect(api.db.flights).toBe(flights);
    expect(second.headers.get('age')).not.toBeNull();
    expect(second.data).toEqual(first.data);

    await addCondition('cache-test-1');
    const third = await api.query<{ conditions: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(query);
    expect(api.db.flights).toBeGreaterThan(flights);
    expect(third.data?.conditions.totalCount).toBe((first.data?.conditions.totalCount ?? 0) + 1);
    expect(third.data?.conditions.edges.map((e) => e.node.id)).toContain('cache-test-1');
  });

  it('gives an old ETag a full answer once the release has changed', async () => {
    const first = await get(COUNT);
    const etag = first.headers.get('etag') ?? '';
    const before = await countOf(first);
    await addCondition('cache-test-2');
    const after = await get(COUNT, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await countOf(after)).toBe(before + 1);
  });

  it('makes a new release when a reviewer accepts a curated change, so the next answer shows it', async () => {
    const before = await api.query<{ conditions: { totalCount: number }; meta: { release: number } }>('{ conditions { totalCount } meta { release } }');
    const alice = await tokenFor('alice', ['curator']);
    const bob = await tokenFor('bob', ['reviewer']);
    const proposed = await api.query<{ createEntity: { change: { id: string } } }>(
      'mutation($input: CreateEntityInput!) { createEntity(input: $input) { change { id } } }',
      { input: { id: 'cache-cur-1', kind: 'Condition', name: 'Curated for the cache test' } },
      { token: alice },
    );
    expect(proposed.errors).toBeUndefined();
    // A proposal changes nothing that reads show: still the same release, still the cached answer.
    const pending = await api.query<{ meta: { release: number } }>('{ meta { release } }');
    expect(pending.data?.meta.release).toBe(before.data?.meta.release);
    const accepted = await api.query('mutation($id: ID!) { reviewChange(id: $id, decision: ACCEPT) { change { status } } }', { id: proposed.data!.createEntity.change.id }, { token: bob });
    expect(accepted.errors).toBeUndefined();
    const after = await api.query<{ conditions: { totalCount: number }; meta: { release: number } }>('{ conditions { totalCount } meta { release } }');
    expect(after.data?.meta.release).toBe((before.data?.meta.release ?? 0) + 1);
    expect(after.data?.conditions.totalCount).toBe((before.data?.conditions.totalCount ?? 0) + 1);
  });

  it('notices a release made by another process at its next poll of the database', async () => {
    const watched = await startApi({ db: api.db, config: { caching: { defaultMaxAgeS: 60, responseCacheBytes: 1024 * 1024, releasePollMs: 100, facetSummary: false, trustedDocuments: undefined } } });
    try {
      const url = `${watched.url}/graphql?query=${encodeURIComponent(COUNT)}`;
      const first = await fetch(url, { headers: PREFLIGHT });
      const before = await countOf(first);
      // What `npm run seed` in another process does to the release: no commit listener in this process hears it.
      await api.db.write(async (tx) => {
        await tx.run("CREATE (:Entity:Condition {id: 'cache-test-3', kind: 'Condition', name: 'Cache test 3', aliases: [], xrefs: [], owner: $owner})", { owner: OWNER });
        await tx.run("MATCH (v:DataVersion {id: 'graph'}) SET v.number = v.number + 1");
      });
      let after = before;
      for (let i = 0; i < 50 && after === before; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = await countOf(await fetch(url, { headers: PREFLIGHT }));
      }
      expect(after).toBe(before + 1);
    } finally {
      await watched.stop();
    }
  });

  it('never caches change records, which move with every proposal and not only with releases', async () => {
    const response = await get('{ changes(first: 1) { totalCount } }');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    const flights = api.db.flights;
    expect((await api.query('{ changes(first: 1) { totalCount } }')).errors).toBeUndefined();
    expect(api.db.flights).toBeGreaterThan(flights);
  });

  it('never caches an answer with errors', async () => {
    const response = await get('{ conditions(first: -1) { totalCount } }');
    const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('makes reads with credentials private, with their own ETag', async () => {
    const open = await get(COUNT);
    const signedIn = await get(COUNT, { authorization: `Bearer ${await tokenFor('reader', ['curator'])}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('max-age=60, private');
    expect(signedIn.headers.get('etag')).not.toBe(open.headers.get('etag'));
  });

  it('runs automatic persisted queries: unknown hash, registration, then a cacheable GET by hash alone', async () => {
    const query = '{ symptoms(first: 2) { totalCount } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = `&extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`;
    const url = `${api.url}/graphql?${extensions.slice(1)}`;
    const unknown = (await (await fetch(url, { headers: PREFLIGHT })).json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(unknown.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await get(query, {}, extensions);
    expect(registered.status).toBe(200);
    const byHash = await fetch(url, { headers: PREFLIGHT });
    expect(byHash.status).toBe(200);
    expect(await byHash.json()).toEqual({ data: { symptoms: { totalCount: expect.any(Number) } } });
    expect(byHash.headers.get('cache-control')).toBe('max-age=60, public');
    expect(byHash.headers.get('etag')).toMatch(/^"\d+\./);
  });

  it('runs only the listed operations when trusted documents are configured', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-'));
    const file = path.join(dir, 'manifest.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'x', name: 'Count', type: 'query', body: COUNT }] }));
    const strict = await startApi({ db: api.db, config: { caching: { defaultMaxAgeS: 60, responseCacheBytes: 0, releasePollMs: 3_600_000, facetSummary: false, trustedDocuments: file } } });
    try {
      expect((await strict.query(COUNT)).errors).toBeUndefined();
      const refused = await strict.query('{ symptoms { totalCount } }');
      expect(refused.status).toBe(403);
      expect(refused.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
      expect(refused.data).toBeUndefined();
    } finally {
      await strict.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
