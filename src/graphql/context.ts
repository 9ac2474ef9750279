import type { FieldNode } from 'graphql';
import type { Viewer } from '../auth/roles';
import type { Database } from '../db';
import { CurationRepository } from '../domain/curation/curation.repository';
import { EntityLoaders } from '../domain/entity/entity.loaders';
import { EntityRepository } from '../domain/entity/entity.repository';
import { IdResolver } from '../domain/entity/id-resolver';
import { SearchRepository } from '../domain/search/search.repository';
import { StatsRepository } from '../domain/stats/stats.repository';
import { TraversalRepository } from '../domain/traversal/traversal.repository';
import type { Logger } from '../logger';

/** Long-lived dependencies shared by every request. */
export interface AppDependencies {
  db: Database;
  logger: Logger;
}

/** What every resolver receives; made fresh per request so per-request caches never leak. */
export interface GraphQLContext {
  /** This request's logger (carries its request id). */
  logger: () => Logger;
  requestId: string;
  /** The caller from a verified bearer token; undefined for an anonymous request. */
  viewer: Viewer | undefined;
  /** The request's Idempotency-Key header, when sent (a mutation's own argument takes precedence). */
  idempotencyKey: string | undefined;
  /** Curation: proposals, reviews and the change records. */
  curation: CurationRepository;
  /** Entity reads: the repository (one statement per call) and per-request DataLoaders. */
  entities: EntityLoaders;
  /** Ids given by the client -> entity ids (an HPO id joined to an article entity); every id argument goes through it. */
  ids: IdResolver;
  /** The repositories of the other root fields: resolvers reach the graph only through these. */
  traversals: TraversalRepository;
  search: SearchRepository;
  stats: StatsRepository;
  /**
   * Per-request memo of work derived from one field's AST nodes (e.g. the plan of a relationship
   * field resolved for many parents). Per request, because the parsed document is cached across
   * requests while variables differ.
   */
  memo: WeakMap<readonly FieldNode[], Map<string, unknown>>;
}

type SharedRepositories = Pick<GraphQLContext, 'traversals' | 'search' | 'stats'>;

/** The other root fields' repositories, on this request's Database view (so they share its one deadline). */
function repositoriesFor(db: Database): SharedRepositories {
  return { traversals: new TraversalRepository(db), search: new SearchRepository(db), stats: new StatsRepository(db) };
}

export interface RequestFacts {
  requestId: string;
  viewer?: Viewer | undefined;
  idempotencyKey?: string | undefined;
}

export function createContext(deps: AppDependencies, { requestId, viewer, idempotencyKey }: RequestFacts): GraphQLContext {
  let logger: Logger | undefined;
  // Every database call of this request shares one deadline (src/db/database.ts).
  const db = deps.db.forRequest();
  return {
    // Made on first use: most requests never log, and a pino child per request is measurable CPU.
    // A method, not a getter: Apollo copies the context with Object.assign, which would call a getter.
    logger: () => (logger ??= deps.logger.child({ requestId })),
    requestId,
    viewer,
    idempotencyKey,
    curation: new CurationRepository(db),
    entities: new EntityLoaders(new EntityRepository(db)),
    ids: new IdResolver(db),
    ...repositoriesFor(db),
    memo: new WeakMap(),
  };
}

/** `compute()` once per request for these field nodes and key. */
export function memoized<T>(context: GraphQLContext, fieldNodes: readonly FieldNode[], key: string, compute: () => T): T {
  let entries = context.memo.get(fieldNodes);
  if (!entries) {
    entries = new Map();
    context.memo.set(fieldNodes, entries);
  }
  if (entries.has(key)) return entries.get(key) as T;
  const value = compute();
  entries.set(key, value);
  return value;
}
