/**
 * The facets of the whole graph, precomputed once per data release and stored beside it in the graph
 * (one `(:FacetSummary)` node, never an :Entity, so no read, count or export sees it), the way the
 * field publishes per-release aggregates. Counting every piece of evidence of the HPO graph takes
 * seconds (bench/README.md); a dashboard's unfiltered `facets` then reads the summary of the release
 * in service in one short statement. The summary names the release it counted (number and epoch of
 * the `DataVersion` node), and a request uses it only when that is the release the database holds in
 * the same statement, so an answer never comes from an older release; until the summary of a new
 * release is stored, requests count live. Filtered facets are always counted live.
 */
import type { Database } from '../../db';
import { DATA_VERSION_LABEL } from '../releases';
import { ENTITY_LABEL } from '../model';
import { CypherParams } from '../projection/params';
import { EMPTY_NODE_PLAN } from '../projection/plan';
import { entityProjection, restoreEntity } from '../projection/projection';
import { idSeek } from '../entity/entity.query';
import type { EntityRecord } from '../entity/entity.types';
import { FACET_COLUMNS, FACET_ENTITIES_MAX, FACET_TOP_MAX, facetsBody, facetsQuery, facetsRecord, restoreFacetEntities, selectsEverything, type FacetsQuery, type FacetsRecord, type RawFacets } from './facets';

export const FACET_SUMMARY_LABEL = 'FacetSummary' as const;

/** The release a summary counted: the DataVersion node's number and epoch. */
interface ReleaseId {
  number: number | null;
  epoch: string | null;
  /** Whether the stored summary is this release's. */
  summarized: boolean | null;
}

const READ_RELEASE = `
OPTIONAL MATCH (v:${DATA_VERSION_LABEL} {id: 'graph'})
OPTIONAL MATCH (s:${FACET_SUMMARY_LABEL} {id: 'graph'})
RETURN v.number AS number, v.epoch AS epoch, s.number = v.number AND s.epoch = v.epoch AS summarized`;

const STORE = `
MATCH (v:${DATA_VERSION_LABEL} {id: 'graph'}) WHERE v.number = $number AND v.epoch = $epoch
MERGE (s:${FACET_SUMMARY_LABEL} {id: 'graph'})
SET s.number = $number, s.epoch = $epoch, s.facets = $facets, s.entityIds = $entityIds, s.computedAt = toString(datetime()), s.ms = $ms
RETURN count(s) AS stored`;

/** Whether a facets query is the unfiltered one a summary answers. */
export function answeredBySummary(query: FacetsQuery): boolean {
  return selectsEverything(query) && query.top <= FACET_TOP_MAX && query.first <= FACET_ENTITIES_MAX;
}

/**
 * Unfiltered facets in one statement: the summary of the release the database holds, with the first
 * `first` of its entities projected by `plan`; or, when no summary of that release is stored, the
 * facets counted now (the `live` column, computed only then).
 */
export function summaryOrLiveQuery(query: FacetsQuery): { cypher: string; params: Record<string, unknown> } {
  const params = new CypherParams();
  const columns = FACET_COLUMNS.split(', ').map((column) => `${column}: ${column}`).join(', ');
  const cypher = `
OPTIONAL MATCH (v:${DATA_VERSION_LABEL} {id: 'graph'})
OPTIONAL MATCH (s:${FACET_SUMMARY_LABEL} {id: 'graph'}) WHERE s.number = v.number AND s.epoch = v.epoch
OPTIONAL CALL (s) {
  WITH s WHERE s IS NULL
  ${facetsBody(query, params)}
  RETURN { ${columns} } AS live
}
RETURN s.facets AS summary, live, COLLECT {
  UNWIND range(0, size(coalesce(s.entityIds, [])) - 1) AS i
  WITH i WHERE i < ${params.int(query.first)}
  MATCH (n:${ENTITY_LABEL} {id: s.entityIds[i]}) ${idSeek('n')}
  WITH i, n ORDER BY i
  RETURN ${entityProjection('n', query.node, params)}
} AS entities`;
  return { cypher, params: params.values };
}

/** Unfiltered facets: from the release's summary when stored, else counted now; one round trip either way. */
export async function unfilteredFacets(db: Database, query: FacetsQuery): Promise<FacetsRecord> {
  const { cypher, params } = summaryOrLiveQuery(query);
  const [row] = await db.read<{ summary: string | null; live: RawFacets | null; entities: EntityRecord[] }>(cypher, params);
  restoreFacetEntities(query.node, row?.live?.entities ?? []);
  for (const entity of row?.entities ?? []) restoreEntity(query.node, entity);
  if (!row?.summary) return facetsRecord(row?.live as RawFacets, query.top);
  const stored = JSON.parse(row.summary) as RawFacets;
  // The entities' counts come from the summary, their fields from the graph now (as the plan asks).
  return facetsRecord({ ...stored, entities: row.entities.map((entity, i) => ({ ...stored.entities[i]!, entity })) }, query.top);
}

/**
 * Counts the whole graph's facets (every value up to FACET_TOP_MAX, FACET_ENTITIES_MAX entities) and
 * stores them for the release they counted. Counted in one read transaction between two reads of the
 * release: if a write committed a new release meanwhile, nothing is stored (its own summary follows).
 * Nothing is counted when the release in the database is summarized already.
 */
export async function computeSummary(db: Database, timeoutMs: number, afterCounting?: () => Promise<void>): Promise<'stored' | 'current' | 'superseded'> {
  const started = Date.now();
  const query = facetsQuery({ kinds: null, filter: {}, top: FACET_TOP_MAX, first: FACET_ENTITIES_MAX, node: EMPTY_NODE_PLAN });
  const counted = await db.readStream(async (run) => {
    const rowsOf = async <T>(cypher: string, params?: Record<string, unknown>): Promise<T[]> => {
      const rows: T[] = [];
      for await (const row of run(cypher, params)) rows.push(row as T);
      return rows;
    };
    const [before] = await rowsOf<ReleaseId>(READ_RELEASE);
    if (before?.summarized === true) return { before, raw: undefined, after: before };
    const [raw] = await rowsOf<RawFacets>(query.cypher, query.params);
    await afterCounting?.();
    const [after] = await rowsOf<ReleaseId>(READ_RELEASE);
    return { before, raw, after };
  }, timeoutMs);
  const { before, raw, after } = counted;
  if (before?.summarized === true) return 'current';
  if (!raw || !before || before.number === null || before.number !== after?.number || before.epoch !== after.epoch) return 'superseded';
  const entityIds = raw.entities.map((e) => e.entity.id);
  const facets = JSON.stringify({ ...raw, entities: raw.entities.map(({ degree, symptoms, evidence }) => ({ degree, symptoms, evidence })) });
  const [row] = await db.write((tx) => tx.run<{ stored: number }>(STORE, { number: before.number, epoch: before.epoch, facets, entityIds, ms: Date.now() - started }), timeoutMs);
  return (row?.stored ?? 0) > 0 ? 'stored' : 'superseded';
}
