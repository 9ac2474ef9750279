import path from 'node:path';
import { z } from 'zod';

/** Where the generated development token secret lives when no AUTH_JWT_SECRET / AUTH_JWKS_FILE is set (git-ignored). */
export const DEVELOPMENT_SECRET_FILE = '.auth/dev-jwt-secret';

/** The repository root (this file lives in src/, or dist/src/ once built). */
export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

const port = z.coerce
  .number({ message: 'must be a whole number between 0 and 65535' })
  .int('must be a whole number between 0 and 65535')
  .min(0, 'must be a whole number between 0 and 65535')
  .max(65535, 'must be a whole number between 0 and 65535');

const positiveInt = (what: string) =>
  z.coerce.number({ message: `must be a positive whole number (${what})` }).int(`must be a positive whole number (${what})`).positive(`must be a positive whole number (${what})`);

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const memory = z.string().regex(/^\d+[kmg]?$/i, 'must be a size such as 512m or 2g');

/** Every environment variable the server reads, with its default. This is the only reader of process.env. */
const environment = z
  .object({
    PORT: port.default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a Bolt URI such as neo4j://localhost:7687 or bolt://host:7687')
      .optional(),
    NEO4J_USER: z.string().min(1, 'must not be empty').optional(),
    NEO4J_PASSWORD: z.string().min(1, 'must not be empty').optional(),
    NEO4J_DATABASE: z.string().regex(/^[A-Za-z][A-Za-z0-9.\-]{0,62}$/, 'must be a Neo4j database name such as neo4j').default('neo4j'),
    NEO4J_QUERY_TIMEOUT_MS: positiveInt('milliseconds').default(10_000),
    NEO4J_ACQUISITION_TIMEOUT_MS: positiveInt('milliseconds').default(1_000),
    SHUTDOWN_GRACE_MS: positiveInt('milliseconds').default(15_000),
    LOCAL_NEO4J_MAX_RESTARTS: z.coerce.number({ message: 'must be a whole number, 0 or more' }).int('must be a whole number, 0 or more').min(0, 'must be a whole number, 0 or more').default(5),
    LOCAL_NEO4J_HEAP: memory.default('1g'),
    LOCAL_NEO4J_PAGECACHE: memory.default('1g'),
    LOCAL_NEO4J_DIR: z.string().min(1).optional(),
    PLAYGROUND: flag.default(true),
    MAX_BODY_BYTES: positiveInt('bytes').default(1_000_000),
    SEED_ON_START: flag.default(true),
    CACHE_MAX_AGE_S: z.coerce.number({ message: 'must be a whole number of seconds, 0 or more' }).int().min(0, 'must be 0 or more').default(60),
    RESPONSE_CACHE_MB: z.coerce.number({ message: 'must be a whole number of megabytes, 0 (off) or more' }).int().min(0, 'must be 0 or more').default(64),
    RELEASE_POLL_MS: positiveInt('milliseconds').default(1000),
    FACET_SUMMARY: flag.default(true),
    TRUSTED_DOCUMENTS: z.string().min(1, 'must be the path of a JSON file').optional(),
    RATE_LIMIT_REQUESTS: z.coerce.number({ message: 'must be a whole number, 0 (off) or more' }).int().min(0, 'must be 0 or more').default(0),
    RATE_LIMIT_WINDOW_S: positiveInt('seconds').default(60),
    METRICS: flag.default(true),
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (an HS256 secret; e.g. openssl rand -hex 32)').optional(),
    AUTH_JWKS_FILE: z.string().min(1, 'must be the path of a JSON Web Key Set file').optional(),
    AUTH_ISSUER: z.string().min(1, 'must not be empty').default('condition-graph'),
    AUTH_AUDIENCE: z.string().min(1, 'must not be empty').default('condition-graph'),
    READS_REQUIRE_AUTH: flag.default(false),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && (!env.NEO4J_USER || !env.NEO4J_PASSWORD)) {
      for (const name of ['NEO4J_USER', 'NEO4J_PASSWORD'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'must be set when NEO4J_URI is set' });
      }
    }
    if (env.AUTH_JWT_SECRET && env.AUTH_JWKS_FILE) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_FILE'], message: 'must not be set together with AUTH_JWT_SECRET (choose one way to check tokens)' });
    }
  });

export type Environment = z.infer<typeof environment>;

export interface Config {
  http: { port: number; host: string; maxBodyBytes: number; playground: boolean };
  logLevel: Environment['LOG_LEVEL'];
  /** An existing Neo4j to use; absent means "start the project's own local Neo4j". */
  neo4j: { uri: string; user: string; password: string; database: string } | undefined;
  database: string;
  queryTimeoutMs: number;
  /** How long a request waits for a pooled Neo4j connection before it is refused with 503. */
  acquisitionTimeoutMs: number;
  /** How long requests in flight get to finish after SIGTERM. */
  shutdownGraceMs: number;
  /** The local Neo4j: `maxRestarts` restarts in a row after unexpected exits before the server gives up (503s). */
  localNeo4j: { instanceDir: string; heap: string; pageCache: string; maxRestarts: number };
  seedOnStart: boolean;
  caching: CachingConfig;
  /** Per-client request limits; undefined = off (the default, for local use). */
  rateLimit: RateLimitConfig | undefined;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  auth: AuthConfig;
}

/**
 * How bearer tokens are checked: an HS256 secret, a JSON Web Key Set file, or (neither configured) the
 * local development secret that `npm run token` also signs with (src/auth/dev-secret.ts).
 */
export interface AuthConfig {
  key: { kind: 'secret'; secret: string } | { kind: 'jwks-file'; path: string } | { kind: 'development'; path: string };
  issuer: string;
  audience: string;
  readsRequireAuth: boolean;
}

export interface CachingConfig {
  /** max-age of answers without a cache hint of their own (schema/cache.graphql). */
  defaultMaxAgeS: number;
  /** Size of the server's response cache; 0 turns it off. */
  responseCacheBytes: number;
  /** How often the data release is read from Neo4j (changes made by other processes). */
  releasePollMs: number;
  /** Whether the whole graph's facets are precomputed for each release (src/domain/stats/facet-summary.ts). */
  facetSummary: boolean;
  /** A JSON file of the only operations the server accepts (trusted documents); undefined accepts any. */
  trustedDocuments: string | undefined;
}

export interface RateLimitConfig {
  /** Requests a client may make per window. */
  requests: number;
  windowS: number;
}

export const DEFAULT_CACHING: CachingConfig = { defaultMaxAgeS: 60, responseCacheBytes: 64 * 1024 * 1024, releasePollMs: 1000, facetSummary: true, trustedDocuments: undefined };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; a bad value names the variable and what it accepts. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const given = env[name];
        return `${name}=${JSON.stringify(given ?? '')} ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    http: { port: e.PORT, host: e.HOST, maxBodyBytes: e.MAX_BODY_BYTES, playground: e.PLAYGROUND },
    logLevel: e.LOG_LEVEL,
    neo4j:
      e.NEO4J_URI && e.NEO4J_USER && e.NEO4J_PASSWORD
        ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
        : undefined,
    database: e.NEO4J_DATABASE,
    queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
    acquisitionTimeoutMs: e.NEO4J_ACQUISITION_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    localNeo4j: {
      maxRestarts: e.LOCAL_NEO4J_MAX_RESTARTS,
      instanceDir: path.resolve(PROJECT_ROOT, e.LOCAL_NEO4J_DIR ?? '.neo4j/dev'),
      heap: e.LOCAL_NEO4J_HEAP,
      pageCache: e.LOCAL_NEO4J_PAGECACHE,
    },
    seedOnStart: e.SEED_ON_START,
    caching: {
      defaultMaxAgeS: e.CACHE_MAX_AGE_S,
      responseCacheBytes: e.RESPONSE_CACHE_MB * 1024 * 1024,
      releasePollMs: e.RELEASE_POLL_MS,
      facetSummary: e.FACET_SUMMARY,
      trustedDocuments: e.TRUSTED_DOCUMENTS ? path.resolve(e.TRUSTED_DOCUMENTS) : undefined,
    },
    rateLimit: e.RATE_LIMIT_REQUESTS > 0 ? { requests: e.RATE_LIMIT_REQUESTS, windowS: e.RATE_LIMIT_WINDOW_S } : undefined,
    metrics: e.METRICS,
    auth: {
      key: e.AUTH_JWT_SECRET
        ? { kind: 'secret', secret: e.AUTH_JWT_SECRET }
        : e.AUTH_JWKS_FILE
          ? { kind: 'jwks-file', path: path.resolve(PROJECT_ROOT, e.AUTH_JWKS_FILE) }
          : developmentAuthConfig().key,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      readsRequireAuth: e.READS_REQUIRE_AUTH,
    },
  };
}

/** Sign-in as configured when no AUTH_* variable is set: the local development secret, public reads. */
export function developmentAuthConfig(): AuthConfig {
  return {
    key: { kind: 'development', path: path.resolve(PROJECT_ROOT, DEVELOPMENT_SECRET_FILE) },
    issuer: 'condition-graph',
    audience: 'condition-graph',
    readsRequireAuth: false,
  };
}
