/**
 * Data releases: the graph's own version number, stored in the graph as one `(:DataVersion)` node and
 * bumped, in the same transaction, by every write that changes what the API answers (seed, KGX and
 * HPO loads through src/ingest/load.ts, HPO's term properties, the bulk import; curation's accepted
 * changes later). The number only grows while the node exists; `epoch` is made when the node is
 * created, so a wiped and reloaded database never repeats an earlier release's identity (`tag`).
 */
import { createHash } from 'node:crypto';
import type { Database, WriteTransaction } from '../../db';

export const DATA_VERSION_LABEL = 'DataVersion' as const;
export const CONSTRAINT_DATA_VERSION = 'data_version_id' as const;
/** Created with the entity constraints (src/ingest/load.ts SCHEMA_STATEMENTS). */
export const DATA_VERSION_SCHEMA = `CREATE CONSTRAINT ${CONSTRAINT_DATA_VERSION} IF NOT EXISTS FOR (v:${DATA_VERSION_LABEL}) REQUIRE v.id IS UNIQUE`;

/** What made a release: the write path that bumped it. */
/** `schema`: ensureSchema derived the search names (`nameSearch`) of a graph loaded before they existed. */
export type ReleaseSource = 'seed' | 'kgx' | 'hpo' | 'bulk' | 'curation' | 'load' | 'schema';

export interface DataReleaseInfo {
  /** 1, 2, 3, ...: the release number (0 when nothing has been loaded since the database was made). */
  number: number;
  /** When the release was made (the database's clock, ISO 8601), or null for release 0. */
  releasedAt: string | null;
  /** The write path that made it. */
  source: string | null;
  /** Identity of the release: the number plus the DataVersion node's creation epoch (never repeats after a wipe). */
  tag: string;
}

const BUMP = /* cypher */ `
MERGE (v:${DATA_VERSION_LABEL} {id: 'graph'})
  ON CREATE SET v.number = 0, v.epoch = randomUUID()
SET v.number = v.number + $count, v.releasedAt = toString(datetime()), v.source = $source,
    v.seedVersion = CASE WHEN $source = 'seed' AND $version IS NOT NULL THEN $version ELSE v.seedVersion END,
    v.kgxVersion = CASE WHEN $source = 'kgx' AND $version IS NOT NULL THEN $version ELSE v.kgxVersion END
RETURN v.number AS number, v.releasedAt AS releasedAt, v.source AS source, v.epoch AS epoch`;

const READ = /* cypher */ `
OPTIONAL MATCH (v:${DATA_VERSION_LABEL} {id: 'graph'})
RETURN v.number AS number, v.releasedAt AS releasedAt, v.source AS source, v.epoch AS epoch`;

/** The release with the versions of what made it: the seed's and the last KGX file's content hashes, and the external releases (HPO). */
const READ_META = /* cypher */ `
OPTIONAL MATCH (v:${DATA_VERSION_LABEL} {id: 'graph'})
CALL () { MATCH (rel:Release) WITH rel ORDER BY rel.source RETURN collect(rel {.*}) AS external }
RETURN v.number AS number, v.releasedAt AS releasedAt, v.source AS source, v.epoch AS epoch,
       v.seedVersion AS seedVersion, v.kgxVersion AS kgxVersion, external`;

interface Row extends Record<string, unknown> {
  number: number | null;
  releasedAt: string | null;
  source: string | null;
  epoch: string | null;
}

function toInfo(row: Row | undefined): DataReleaseInfo {
  const number = typeof row?.number === 'number' ? row.number : 0;
  const epoch = typeof row?.epoch === 'string' ? row.epoch.slice(0, 8) : 'none';
  return { number, releasedAt: row?.releasedAt ?? null, source: row?.source ?? null, tag: `${number}.${epoch}` };
}

/**
 * THE way a write makes a new release: call it inside the write transaction that changes the graph,
 * so the change and its release commit together. `version`: the content hash of what a seed or KGX
 * load wrote (shown in `meta.sources`), (or neither does). The node's write lock orders
 * concurrent writers, so numbers never repeat. Listeners registered with `onReleaseCommitted` hear
 * about it once the transaction has committed.
 */
export async function bumpRelease(tx: WriteTransaction, source: ReleaseSource, version: string | null = null): Promise<DataReleaseInfo> {
  return bump(tx, source, version, 1);
}

/**
 * For writers whose changes may share a transaction (curation's, src/db/group-commit.ts): each call
 * counts one change, and the release goes up by the count in one update, sent just before the
 * transaction commits. One update of the `(:DataVersion)` node per transaction is what keeps
 * concurrent writers from deadlocking: in Neo4j 5.26 a transaction that updates a node a second time
 * deadlocks with another already waiting to update it (`NODE` against `NODE_RELATIONSHIP_GROUP_DELETE`),
 * and the victim's retry waits a second or more (test/integration/db/one-update-per-transaction.test.ts).
 */
export function bumpReleaseAtCommit(tx: WriteTransaction, source: ReleaseSource): void {
  tx.beforeCommit('data-release', async (count) => {
    await bump(tx, source, null, count);
  });
}

async function bump(tx: WriteTransaction, source: ReleaseSource, version: string | null, count: number): Promise<DataReleaseInfo> {
  const [row] = await tx.run<Row>(BUMP, { source, version, count });
  const info = toInfo(row);
  tx.afterCommit(() => notify(info));
  return info;
}

/** The release the database holds now (one constant-time read by the unique constraint's index). */
export async function readRelease(db: Database): Promise<DataReleaseInfo> {
  const [row] = await db.read<Row>(READ);
  return toInfo(row);
}

export interface ReleaseMetaRecord extends DataReleaseInfo {
  seedVersion: string | null;
  kgxVersion: string | null;
  /** The `(:Release)` nodes of external data sets (HPO), as graphStats reads them. */
  external: unknown[];
}

/** The release and the versions of the data sets in it (for `meta`). */
export async function readReleaseMeta(db: Database): Promise<ReleaseMetaRecord> {
  const [row] = await db.read<Row & { seedVersion: string | null; kgxVersion: string | null; external: unknown[] }>(READ_META);
  return { ...toInfo(row), seedVersion: row?.seedVersion ?? null, kgxVersion: row?.kgxVersion ?? null, external: row?.external ?? [] };
}

/** A short content hash of what a load writes (the version shown for the seed and KGX files). */
export function contentVersion(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
}

type Listener = (release: DataReleaseInfo) => void;
const listeners = new Set<Listener>();

/** Hears of every release committed by this process (the server's cache reacts at once, not at its next poll). */
export function onReleaseCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(release: DataReleaseInfo): void {
  for (const listener of listeners) listener(release);
}
