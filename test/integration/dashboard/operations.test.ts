import { DEFAULT_CACHING } from '../../../src/config';
import { startApi } from '../../helpers/api-client';
import { parsePrometheusText, sampleValue } from '../../helpers/prometheus';
import { tokenFor } from '../../helpers/tokens';
import { useSeededApi } from '../api/seeded-api';

jest.setTimeout(120_000);

const PREFLIGHT = { 'apollo-require-preflight': 'true' };

describe('Prometheus metrics', () => {
  // With the response cache, as in production by default (the tests' servers run without it).
  const api = useSeededApi({ config: { caching: { ...DEFAULT_CACHING, releasePollMs: 3_600_000, facetSummary: false } } });

  async function scrape() {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  }

  it('serves /metrics as Prometheus text counting requests by operation and outcome, cache hits, 304s and the release', async () => {
    const query = 'query CountForMetrics { conditions { totalCount } }';
    for (let i = 0; i < 3; i += 1) expect((await api.query(query)).errors).toBeUndefined();
    await api.query('query BadForMetrics { conditions(first: -1) { totalCount } }');
    const first = await fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, { headers: PREFLIGHT });
    const etag = first.headers.get('etag') ?? '';
    expect((await fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { ...PREFLIGHT, 'if-none-match': etag } })).status).toBe(304);
    const { release } = (await api.query<{ meta: { release: number } }>('{ meta { release } }')).data!.meta;

    const { samples, types } = await scrape();
    expect(types.get('graphql_requests_total')).toBe('counter');
    expect(types.get('graphql_request_duration_seconds')).toBe('histogram');
    // The first POST ran, the next two and the GET came from the response cache.
    expect(sampleValue(samples, 'graphql_requests_total', { operation: 'CountForMetrics', outcome: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'graphql_requests_total', { operation: 'CountForMetrics', outcome: 'cache_hit' })).toBe(3);
    expect(sampleValue(samples, 'graphql_requests_total', { operation: 'BadForMetrics', outcome: 'bad_user_input' })).toBe(1);
    expect(sampleValue(samples, 'graphql_request_duration_seconds_count', { operation: 'CountForMetrics' })).toBe(4);
    expect(sampleValue(samples, 'response_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(3);
    expect(sampleValue(samples, 'http_short_answers_total', { status: '304' })).toBe(1);
    expect(sampleValue(samples, 'data_release')).toBe(release);
    expect(sampleValue(samples, 'neo4j_sessions_in_use')).toBe(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('gives operation names that are not GraphQL names no label of their own', async () => {
    await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { meta { release } }', operationName: 'not a {name}' }),
    });
    await api.query('{ meta { release } }');
    const { samples } = await scrape();
    expect(samples.filter((s) => s.name === 'graphql_requests_total').every((s) => /^[A-Za-z_]\w*$/.test(s.labels.operation ?? ''))).toBe(true);
    expect(sampleValue(samples, 'graphql_requests_total', { operation: 'other' })).toBe(1);
    expect(sampleValue(samples, 'graphql_requests_total', { operation: 'anonymous', outcome: 'ok' })).toBe(1);
  });
});

describe('per-client rate limits', () => {
  it('are off by default', async () => {
    const api = await startApi();
    try {
      const response = await fetch(`${api.url}/healthz`);
      const statuses = await Promise.all(Array.from({ length: 30 }, () => api.query('{ meta { release } }').then((r) => r.status)));
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    } finally {
      await api.stop();
    }
  });

  it('answer 429 with Retry-After and RateLimit headers once a client has used its requests, per client', async () => {
    const api = await startApi({ config: { rateLimit: { requests: 3, windowS: 60 } } });
    try {
      const remaining: Array<string | null> = [];
      for (let i = 0; i < 3; i += 1) {
        const result = await api.query('{ meta { release } }');
        expect(result.status).toBe(200);
        expect(result.headers.get('ratelimit-limit')).toBe('3');
        expect(result.headers.get('ratelimit-policy')).toBe('3;w=60');
        remaining.push(result.headers.get('ratelimit-remaining'));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const refused = await api.query('{ meta { release } }');
      expect(refused.status).toBe(429);
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      // Another client (its own credentials) has its own budget; probes are never limited.
      const other = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('another-client', ['curator'])}` },
        body: JSON.stringify({ query: '{ meta { release } }' }),
      });
      expect(other.status).toBe(200);
      expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
      const { samples } = parsePrometheusText(await (await fetch(`${api.url}/metrics`)).text());
      expect(sampleValue(samples, 'http_short_answers_total', { status: '429' })).toBe(1);
    } finally {
      await api.stop();
    }
  });
});
