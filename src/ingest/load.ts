import type { Database } from '../db';
import {
  CHANGE_LABEL,
  CONSTRAINT_CHANGE_ID,
  CONSTRAINT_CHANGE_KEY,
  CONSTRAINT_ENTITY_ID,
  INDEX_CHANGE_PROPOSED_AT,
  ENTITY_LABEL,
  FULLTEXT_INDEX,
  FULLTEXT_PROPERTIES,
  INDEX_ENTITY_KIND,
  INDEX_ENTITY_HPO_ID,
  INDEX_ENTITY_NAME_SEARCH,
  INDEX_ENTITY_OWNER,
  BACKFILL_NAME_SEARCH,
  COUNT_STALE_NAME_SEARCH,
  NAME_SEARCH_PROPERTY,
  KIND_NAMES,
  RETIRED_LABEL,
  CONSTRAINT_RETIRED_ID,
  edgeId,
  kindLabel,
  relationshipType,
  nameSearchEntry,
  setNameSearch,
  type GraphInput,
  type Kind,
  type RelType,
} from '../domain/model';
import { DATA_VERSION_SCHEMA, bumpRelease, type ReleaseSource } from '../domain/releases';
import { dropStaleFulltextIndex } from '../domain/search/fulltext-index';
import { foreignOnly, keepForeignEvidence, withoutRetired } from './curated-state';
import { NODE_RECORD_PROPERTIES, edgeToProps, nodeToProps, type Props } from './records';

/** Constraints and indexes; every statement is idempotent (IF NOT EXISTS). */
export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT ${CONSTRAINT_ENTITY_ID} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
  `CREATE INDEX ${INDEX_ENTITY_KIND} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.kind)`,
  `CREATE INDEX ${INDEX_ENTITY_OWNER} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.owner)`,
  `CREATE INDEX ${INDEX_ENTITY_HPO_ID} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.hpoId)`,
  `CREATE TEXT INDEX ${INDEX_ENTITY_NAME_SEARCH} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON (n.${NAME_SEARCH_PROPERTY})`,
  DATA_VERSION_SCHEMA,
  `CREATE CONSTRAINT ${CONSTRAINT_CHANGE_ID} IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.id IS UNIQUE`,
  `CREATE CONSTRAINT ${CONSTRAINT_CHANGE_KEY} IF NOT EXISTS FOR (c:${CHANGE_LABEL}) REQUIRE c.idempotencyKey IS UNIQUE`,
  `CREATE CONSTRAINT ${CONSTRAINT_RETIRED_ID} IF NOT EXISTS FOR (r:${RETIRED_LABEL}) REQUIRE r.id IS UNIQUE`,
  `CREATE INDEX ${INDEX_CHANGE_PROPOSED_AT} IF NOT EXISTS FOR (c:${CHANGE_LABEL}) ON (c.proposedAt)`,
  `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${ENTITY_LABEL}) ON EACH [${FULLTEXT_PROPERTIES.map((p) => `n.${p}`).join(', ')}]`,
];

export async function ensureSchema(db: Database): Promise<void> {
  await dropStaleFulltextIndex(db); // an index with other properties than the model's is created anew below
  // A graph loaded before `nameSearch` existed gets it here, before its index is made. What nameContains
  // answers changes with it, so that makes a release (other processes' response caches are keyed on it),
  // recorded once the schema holds the constraint that keeps the release counter a single node.
  const derived = await deriveNameSearch(db);
  for (const statement of SCHEMA_STATEMENTS) await db.schema(statement);
  await db.read('CALL db.awaitIndexes(300)');
  if (derived > 0) await db.write((tx) => bumpRelease(tx, 'schema'));
}

/**
 * Derives `nameSearch` (src/domain/model/name-search.ts) on every :Entity where it is missing or
 * stale, in batches of their own transactions; returns how many nodes it set (0: one read, no write).
 */
export async function deriveNameSearch(db: Database): Promise<number> {
  const [row] = await db.read<{ stale: number }>(COUNT_STALE_NAME_SEARCH);
  const stale = row?.stale ?? 0;
  if (stale > 0) await db.writeInBatches(BACKFILL_NAME_SEARCH, {}, LOAD_TIMEOUT_MS);
  return stale;
}

export interface LoadProgress {
  phase: 'remove' | 'nodes' | 'edges';
  /** The kind label or relationship type of the batch just written. */
  group: string;
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Rows per UNWIND statement (default 10,000). */
  batchSize?: number;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Replace what this owner has: its relationships and nodes that are not in the input are removed
   * (nodes only when no other owner's relationship still uses them) inside the same transaction.
   */
  replaceOwner?: string;
  /** For tests: throw after this many batches, inside the transaction (so nothing is committed). */
  failAfterBatches?: number;
  /**
   * Server-side timeout of the whole load (one transaction), in ms. Default LOAD_TIMEOUT_MS
   * (10 minutes), not the API's per-query timeout: a large import legitimately runs for minutes.
   */
  timeoutMs?: number;
  /** What the data release this load makes is recorded as (src/domain/releases); default 'load'. */
  releaseSource?: ReleaseSource;
  /** Content hash of the input, recorded with the release (seed, KGX). */
  releaseVersion?: string;
}

export const LOAD_TIMEOUT_MS = 600_000;

export interface LoadResult {
  nodes: number;
  edges: number;
  /** Input nodes whose id already belongs to another owner: left as they are (edges still attach). */
  nodesOwnedByOthers: number;
  edgesOwnedByOthers: number;
  removedNodes: number;
  removedEdges: number;
  /** Nodes of replaceOwner no longer in the input but still used by another owner's relationships. */
  keptNodes: number;
  /** Input nodes and relationships left out because curation retracted or merged an id they name. */
  retiredNodes: number;
  retiredEdges: number;
  batches: number;
}

/**
 * A known node's new properties, from its record's row: every property a record can carry (null,
 * so removed, where the row has none) and nameSearch derived from the row. Written with `SET n +=`,
 * it changes only what differs (a re-load of unchanged records writes nothing) and keeps the
 * properties records do not carry (the HPO term properties of the nine article symptoms the HPO
 * import joined, which `SET n = row` erased whenever the seed was re-loaded).
 */
const KNOWN_NODE_PROPERTIES = `{${NODE_RECORD_PROPERTIES.map((key) => `${key}: row.${key}`).join(', ')}, ${nameSearchEntry('row')}}`;

/** Ids looked up per statement when checking which input nodes exist already. */
const LOOKUP_BATCH = 50_000;

/** The rows with distinct keys, the last row winning (as repeated MERGE + SET would leave it). */
function lastById<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    if (byKey.has(k)) byKey.delete(k);
    byKey.set(k, row);
  }
  return byKey.size === rows.length ? [...rows] : [...byKey.values()];
}

export class InjectedLoadFailure extends Error {
  constructor(batches: number) {
    super(`injected failure after ${batches} batch(es)`);
    this.name = 'InjectedLoadFailure';
  }
}

/**
 * THE import path (seed, KGX, HPO, benchmark): writes validated records in UNWIND batches: CREATE
 * for nodes whose id is not in the database yet and for relationships touching such a node, MERGE
 * for the rest
 * batches, one statement per kind label / relationship type per batch (labels and types come from
 * the model's whitelist only; they cannot be parameters). All batches run inside ONE write
 * transaction, so a load that fails half-way leaves the graph exactly as it was.
 * Callers validate first (validateGraph); this function trusts the records' shapes.
 */
export async function loadGraph(db: Database, given: GraphInput, options: LoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  return db.write(async (tx) => {
    const result: LoadResult = { nodes: 0, edges: 0, nodesOwnedByOthers: 0, edgesOwnedByOthers: 0, removedNodes: 0, removedEdges: 0, keptNodes: 0, retiredNodes: 0, retiredEdges: 0, batches: 0 };
    // What curation retracted or merged stays so (src/ingest/curated-state.ts).
    const [retiredRow] = await tx.run<{ retired: Array<[string, string | null]> }>(
      `UNWIND $ids AS id MATCH (r:${RETIRED_LABEL} {id: id}) RETURN collect([r.id, r.mergedInto]) AS retired`,
      { ids: [...new Set([...given.nodes.map((node) => node.id), ...given.edges.flatMap((edge) => [edge.subject, edge.object, ...edge.evidence.map((ev) => ev.source)])])] },
    );
    const kept = withoutRetired(given, new Map(retiredRow?.retired ?? []));
    const input = kept.input;
    result.retiredNodes = kept.skippedNodes;
    result.retiredEdges = kept.skippedEdges;
    const nodesByKind = new Map<Kind, Props[]>();
    for (const node of input.nodes) {
      const kind = kindLabel(node.kind);
      const rows = nodesByKind.get(kind) ?? [];
      rows.push(nodeToProps(node));
      nodesByKind.set(kind, rows);
    }
    const edgesByType = new Map<RelType, Array<{ s: string; o: string; props: Props }>>();
    for (const edge of input.edges) {
      const { type } = relationshipType(edge.type);
      const rows = edgesByType.get(type) ?? [];
      rows.push({ s: edge.subject, o: edge.object, props: edgeToProps(edge) });
      edgesByType.set(type, rows);
    }

    const tick = () => {
      result.batches += 1;
      if (options.failAfterBatches !== undefined && result.batches >= options.failAfterBatches) throw new InjectedLoadFailure(result.batches);
    };

    if (options.replaceOwner !== undefined) {
      const owner = options.replaceOwner;
      const keepEdges = input.edges.map((edge) => edgeId(edge.subject, edge.type, edge.object));
      const keepNodes = input.nodes.map((node) => node.id);
      // An edge this owner no longer has keeps the evidence other owners (curators) added to it, as theirs.
      const shared = await tx.run<{ elementId: string; props: Record<string, unknown> }>(
        'MATCH ()-[r]->() WHERE r.owner = $owner AND NOT r.id IN $keep AND any(o IN coalesce(r.evOwners, []) WHERE o <> $owner) RETURN elementId(r) AS elementId, properties(r) AS props',
        { owner, keep: keepEdges },
      );
      for (const edge of shared) {
        await tx.run('MATCH ()-[r]->() WHERE elementId(r) = $elementId SET r = $props', { elementId: edge.elementId, props: foreignOnly(edge.props, owner) });
      }
      const [edges] = await tx.run<{ removed: number }>(
        'MATCH ()-[r]->() WHERE r.owner = $owner AND NOT r.id IN $keep DELETE r RETURN count(r) AS removed',
        { owner, keep: keepEdges },
      );
      const [nodes] = await tx.run<{ removed: number; kept: number }>(
        `MATCH (n:${ENTITY_LABEL}) WHERE n.owner = $owner AND NOT n.id IN $keep
         WITH n, EXISTS { (n)--() } AS used
         CALL (n, used) { WITH n, used WHERE NOT used DELETE n }
         RETURN sum(CASE WHEN used THEN 0 ELSE 1 END) AS removed, sum(CASE WHEN used THEN 1 ELSE 0 END) AS kept`,
        { owner, keep: keepNodes },
      );
      result.removedEdges = edges?.removed ?? 0;
      result.removedNodes = nodes?.removed ?? 0;
      result.keptNodes = nodes?.kept ?? 0;
      options.onProgress?.({ phase: 'remove', group: owner, done: result.removedNodes + result.removedEdges, total: result.removedNodes + result.removedEdges });
    }

    // Which input ids exist already (after the removal above). Every other node is created with
    // CREATE (no MERGE lookup); a relationship with at least one end created by this load cannot
    // exist yet, so it is created with CREATE too. MERGE on a relationship property has no index to
    // use: it scans the relationships of one end, which on a power-law hub (and on relationships
    // added earlier in this same transaction) made the load quadratic.
    // Relationships then find their ends by element id (written nodes report theirs), not through
    // the id index, which inside a large transaction must merge the index with the transaction's
    // own uncommitted nodes.
    const existing = new Set<string>();
    const elementIds = new Map<string, string>();
    const ids = [...new Set([...input.nodes.map((node) => node.id), ...input.edges.flatMap((edge) => [edge.subject, edge.object])])];
    for (let from = 0; from < ids.length; from += LOOKUP_BATCH) {
      const [row] = await tx.run<{ found: Array<[string, string]> }>(
        `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {id: id}) RETURN collect([n.id, elementId(n)]) AS found`,
        { ids: ids.slice(from, from + LOOKUP_BATCH) },
      );
      for (const [id, elementId] of row?.found ?? []) {
        existing.add(id);
        elementIds.set(id, elementId);
      }
    }

    for (const kind of KIND_NAMES) {
      const rows = nodesByKind.get(kind);
      if (!rows) continue;
      const fresh = lastById(rows.filter((row) => !existing.has(row.id as string)), (row) => row.id as string);
      const known = rows.filter((row) => existing.has(row.id as string));
      // Rows of a duplicated fresh id count as written, as MERGE + SET would have counted them.
      const freshRowCount = rows.length - known.length;
      const createCypher = `UNWIND $rows AS row CREATE (n:${ENTITY_LABEL}:${kind}) SET n = row ${setNameSearch('n')} RETURN collect(elementId(n)) AS created`;
      const otherLabels = KIND_NAMES.filter((other) => other !== kind).map((other) => `:${other}`).join('');
      const mergeCypher = `UNWIND $rows AS row
        MERGE (n:${ENTITY_LABEL} {id: row.id})
        WITH n, row, (n.owner IS NULL OR n.owner = row.owner) AS mine
        CALL (n, row, mine) { WITH n, row, mine WHERE mine SET n += ${KNOWN_NODE_PROPERTIES}, n:${kind} REMOVE n${otherLabels} }
        RETURN count(*) AS seen, sum(CASE WHEN mine THEN 1 ELSE 0 END) AS written`;
      let done = 0;
      for (let from = 0; from < fresh.length; from += batchSize) {
        const batch = fresh.slice(from, from + batchSize);
        const [row] = await tx.run<{ created: string[] }>(createCypher, { rows: batch });
        (row?.created ?? []).forEach((elementId, i) => elementIds.set(batch[i]?.id as string, elementId));
        done += batch.length;
        tick();
        options.onProgress?.({ phase: 'nodes', group: kind, done, total: rows.length });
      }
      result.nodes += freshRowCount;
      for (let from = 0; from < known.length; from += batchSize) {
        const batch = known.slice(from, from + batchSize);
        const [row] = await tx.run<{ seen: number; written: number }>(mergeCypher, { rows: batch });
        result.nodes += row?.written ?? 0;
        result.nodesOwnedByOthers += batch.length - (row?.written ?? 0);
        done += batch.length;
        tick();
        options.onProgress?.({ phase: 'nodes', group: kind, done: Math.min(done + (freshRowCount - fresh.length), rows.length), total: rows.length });
      }
    }

    for (const [type, rows] of [...edgesByType.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const relType = relationshipType(type).type;
      const isNew = (row: { s: string; o: string }) => !existing.has(row.s) || !existing.has(row.o);
      const fresh = lastById(rows.filter(isNew), (row) => row.props.id as string);
      const known = rows.filter((row) => !isNew(row));
      const createCypher = `UNWIND $rows AS row
        MATCH (s) WHERE elementId(s) = row.s
        MATCH (o) WHERE elementId(o) = row.o
        CREATE (s)-[r:${relType}]->(o) SET r = row.props
        RETURN count(*) AS seen`;
      const mergeCypher = `UNWIND $rows AS row
        MATCH (s) WHERE elementId(s) = row.s
        MATCH (o) WHERE elementId(o) = row.o
        MERGE (s)-[r:${relType} {id: row.props.id}]->(o)
        WITH r, row, (r.owner IS NULL OR r.owner = row.props.owner) AS mine
        CALL (r, row, mine) { WITH r, row, mine WHERE mine SET r = row.props }
        RETURN count(*) AS seen, sum(CASE WHEN mine THEN 1 ELSE 0 END) AS written`;
      /** The batch with both ends as element ids; an end in neither the input nor the database fails the load. */
      const withElementIds = (batch: ReadonlyArray<{ s: string; o: string; props: Props }>) => {
        const mapped = [];
        for (const row of batch) {
          const s = elementIds.get(row.s);
          const o = elementIds.get(row.o);
          if (s !== undefined && o !== undefined) mapped.push({ s, o, props: row.props });
        }
        if (mapped.length !== batch.length) throw missingEnds(batch.length - mapped.length);
        return mapped;
      };
      const missingEnds = (count: number) =>
        new Error(`${type}: ${count} relationship(s) of this batch have an end that is not in the database; nothing was written`);
      let done = 0;
      for (let from = 0; from < fresh.length; from += batchSize) {
        const batch = fresh.slice(from, from + batchSize);
        const [row] = await tx.run<{ seen: number }>(createCypher, { rows: withElementIds(batch) });
        const seen = row?.seen ?? 0;
        if (seen !== batch.length) throw missingEnds(batch.length - seen);
        done += batch.length;
        tick();
        options.onProgress?.({ phase: 'edges', group: type, done, total: rows.length });
      }
      result.edges += rows.length - known.length;
      const foreignCypher = `UNWIND $rows AS row
        MATCH (s) WHERE elementId(s) = row.s
        MATCH (s)-[r:${relType} {id: row.props.id}]->()
        WHERE r.owner = row.props.owner AND any(o IN coalesce(r.evOwners, []) WHERE o <> r.owner)
        RETURN r.id AS id, properties(r) AS props`;
      for (let from = 0; from < known.length; from += batchSize) {
        const rows = withElementIds(known.slice(from, from + batchSize));
        // Evidence other owners (curators) added to an edge this load owns stays beside this load's.
        const shared = new Map((await tx.run<{ id: string; props: Record<string, unknown> }>(foreignCypher, { rows })).map((edge) => [edge.id, edge.props]));
        const batch = shared.size === 0 ? rows : rows.map((row) => {
          const stored = shared.get(row.props.id as string);
          return stored ? { ...row, props: keepForeignEvidence(row.props, stored) } : row;
        });
        const [row] = await tx.run<{ seen: number; written: number }>(mergeCypher, { rows: batch });
        const seen = row?.seen ?? 0;
        if (seen !== batch.length) throw missingEnds(batch.length - seen);
        result.edges += row?.written ?? 0;
        result.edgesOwnedByOthers += seen - (row?.written ?? 0);
        done += batch.length;
        tick();
        options.onProgress?.({ phase: 'edges', group: type, done: Math.min(done + (rows.length - known.length - fresh.length), rows.length), total: rows.length });
      }
    }
    await bumpRelease(tx, options.releaseSource ?? 'load', options.releaseVersion ?? null);
    return result;
  }, options.timeoutMs ?? LOAD_TIMEOUT_MS);
}
