import path from 'node:path';
import { ConfigError, PROJECT_ROOT, loadConfig } from '../../src/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('uses port 4000, the local dev Neo4j and the playground when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ port: 4000, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: true });
    expect(config.neo4j).toBeUndefined();
    expect(config.localNeo4j.instanceDir).toBe(path.join(PROJECT_ROOT, '.neo4j/dev'));
  });

  it('serves on the port named by PORT', () => {
    expect(loadConfig({ PORT: '4123' }).http.port).toBe(4123);
  });

  it('names the variable and what it accepts when PORT is not a port number', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual(['PORT="eighty" must be a whole number between 0 and 65535']);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT="70000" must be a whole number/);
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: '-1', LOG_LEVEL: 'loud', PLAYGROUND: 'maybe' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PLAYGROUND="maybe" must be true or false/);
  });

  it('uses an existing Neo4j only with its credentials', () => {
    expect(problemsOf({ NEO4J_URI: 'neo4j://db:7687' })).toEqual([
      'NEO4J_USER="" must be set when NEO4J_URI is set',
      'NEO4J_PASSWORD="" must be set when NEO4J_URI is set',
    ]);
    const config = loadConfig({ NEO4J_URI: 'bolt://db:7687', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'graph' });
    expect(config.neo4j).toEqual({ uri: 'bolt://db:7687', user: 'neo4j', password: 'pw', database: 'graph' });
  });

  it('rejects a NEO4J_URI that is not a Bolt URI', () => {
    expect(problemsOf({ NEO4J_URI: 'http://db:7474', NEO4J_USER: 'u', NEO4J_PASSWORD: 'p' })[0]).toMatch(
      /^NEO4J_URI="http:\/\/db:7474" must be a Bolt URI/,
    );
  });

  it('turns the playground off with PLAYGROUND=false', () => {
    expect(loadConfig({ PLAYGROUND: 'false' }).http.playground).toBe(false);
  });

  it('caches answers 60 s, polls the release every second and limits no client unless asked', () => {
    const config = loadConfig({});
    expect(config.caching).toEqual({ defaultMaxAgeS: 60, responseCacheBytes: 64 * 1024 * 1024, releasePollMs: 1000, facetSummary: true, trustedDocuments: undefined });
    expect(config.rateLimit).toBeUndefined();
    expect(config.metrics).toBe(true);
  });

  it('limits each client to RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_S and names a bad value', () => {
    expect(loadConfig({ RATE_LIMIT_REQUESTS: '100', RATE_LIMIT_WINDOW_S: '10' }).rateLimit).toEqual({ requests: 100, windowS: 10 });
    expect(loadConfig({ RESPONSE_CACHE_MB: '0' }).caching.responseCacheBytes).toBe(0);
    expect(problemsOf({ RATE_LIMIT_REQUESTS: '-1' })[0]).toMatch(/^RATE_LIMIT_REQUESTS="-1" must be 0 or more/);
  });

  it('checks bearer tokens with the local development secret and keeps reads public when no AUTH_* is set', () => {
    const { auth } = loadConfig({});
    expect(auth.key).toEqual({ kind: 'development', path: path.join(PROJECT_ROOT, '.auth/dev-jwt-secret') });
    expect(auth.readsRequireAuth).toBe(false);
  });

  it('takes an HS256 secret of at least 32 characters, or a JWKS file, but not both', () => {
    expect(loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), READS_REQUIRE_AUTH: 'true' }).auth).toMatchObject({ key: { kind: 'secret' }, readsRequireAuth: true });
    expect(problemsOf({ AUTH_JWT_SECRET: 'short' })[0]).toMatch(/^AUTH_JWT_SECRET="short" must be at least 32 characters/);
    expect(problemsOf({ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_FILE: 'keys.json' })).toEqual([
      'AUTH_JWKS_FILE="keys.json" must not be set together with AUTH_JWT_SECRET (choose one way to check tokens)',
    ]);
  });
});
