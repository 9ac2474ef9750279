/**
 * Aggregates and facets for dashboards, over the entities the lists' `where` selects (kinds, name,
 * xref, relatedTo, ids), in ONE statement of independent CALL subqueries, each bounded (top-N per
 * facet, fixed degree buckets, `first` entities):
 * - entities by kind, and their degree distribution (powers of two: 0, 1, 2–3, 4–7, ...);
 * - the statements (relationships, ABOUT excepted, negated ones included) with at least one end
 *   among them, each counted once: by relationship type; their evidence items by source, knowledge
 *   level, agent type, evidence code and HPO frequency (a frequency class is derived here);
 * - per entity (the `first` with the most evidence): degree, HAS_SYMPTOM statements, evidence items.
 */
import type { Database } from '../../db';
import { filteredMatch, type EntityFilter } from '../entity/entity.query';
import type { EntityRecord } from '../entity/entity.types';
import { CypherParams } from '../projection/params';
import type { NodePlan } from '../projection/plan';
import { entityProjection, restoreEntity } from '../projection/projection';
import type { Kind, RelType } from '../model';

const HAS_SYMPTOM: RelType = 'HAS_SYMPTOM';

export const FACET_TOP_MAX = 100;
export const FACET_ENTITIES_MAX = 100;

export interface FacetValue {
  value: string;
  count: number;
}

export interface DegreeBucketRecord {
  min: number;
  max: number;
  count: number;
}

export interface EntityCountsRecord {
  entity: EntityRecord;
  degree: number;
  symptoms: number;
  evidence: number;
}

export interface FacetsRecord {
  total: number;
  statements: number;
  evidence: number;
  kinds: FacetValue[];
  relationshipTypes: FacetValue[];
  sources: FacetValue[];
  knowledgeLevels: FacetValue[];
  agentTypes: FacetValue[];
  evidenceCodes: FacetValue[];
  frequencies: FacetValue[];
  frequencyClasses: FacetValue[];
  degrees: DegreeBucketRecord[];
  entities: EntityCountsRecord[];
}

export interface FacetsQuery {
  kinds: readonly Kind[] | null;
  filter: EntityFilter;
  /** Values per facet (most frequent first). */
  top: number;
  /** Entities in `entities`. */
  first: number;
  node: NodePlan;
}

/** Which evidence list property feeds which facet ('' marks "absent" in optional lists). */
const EVIDENCE_FACETS = [
  ['sources', 'evSources'],
  ['knowledgeLevels', 'evKnowledgeLevels'],
  ['agentTypes', 'evAgentTypes'],
  ['evidenceCodes', 'evCodes'],
  ['frequencies', 'evFrequencies'],
] as const;

export function facetsQuery(query: FacetsQuery): { cypher: string; params: Record<string, unknown> } {
  const params = new CypherParams();
  return { cypher: `${facetsBody(query, params)}\nRETURN ${FACET_COLUMNS}`, params: params.values };
}

/** Whether the query selects every entity (no kinds, no filter). */
export function selectsEverything(query: Pick<FacetsQuery, 'kinds' | 'filter'>): boolean {
  const { filter } = query;
  return (query.kinds === null || query.kinds.length === 0) && !filter.nameContains && !filter.hasXref && !filter.relatedTo && !filter.ids;
}

/** The columns of the facets statement's one row (RawFacets). */
export const FACET_COLUMNS = 'total, kinds, degrees, statements, evidence, facets, allFrequencies, entities';

/** The CALL subqueries binding FACET_COLUMNS: the facets statement without its RETURN. */
export function facetsBody(query: FacetsQuery, params: CypherParams): string {
  const matched = filteredMatch(query.kinds, query.filter, params);
  const top = params.int(query.top);
  const first = params.int(query.first);
  // Every entity selected: each statement is one relationship of the store, no need to expand from nodes and de-duplicate.
  const everything = selectsEverything(query);
  const statements = everything
    ? 'MATCH ()-[r]->() WHERE NOT r:ABOUT'
    : `${matched} WITH DISTINCT n
  MATCH (n)-[r]-() WHERE NOT r:ABOUT
  WITH DISTINCT r`;
  const pairs = [
    `[['relationshipTypes', type(r)]]`,
    ...EVIDENCE_FACETS.map(([facet, property]) => `[v IN coalesce(r.${property}, []) WHERE v <> '' | ['${facet}', v]]`),
  ].join(' + ');
  return `
CALL () { ${matched} WITH DISTINCT n RETURN count(n) AS total }
CALL () { ${matched} WITH DISTINCT n WITH n.kind AS value, count(*) AS count ORDER BY count DESC, value RETURN collect({value: value, count: count}) AS kinds }
CALL () {
  ${matched} WITH DISTINCT n
  WITH n, COUNT { (n)--() } AS degree
  WITH CASE WHEN degree = 0 THEN 0 ELSE toInteger(floor(log(degree) / log(2) + 1e-9)) + 1 END AS bucket, count(*) AS count
  ORDER BY bucket
  RETURN collect({bucket: bucket, count: count}) AS degrees
}
CALL () {
  ${statements}
  RETURN count(r) AS statements, sum(size(r.evSources)) AS evidence
}
CALL () {
  ${statements}
  UNWIND ${pairs} AS pair
  WITH pair[0] AS facet, pair[1] AS value, count(*) AS count
  ORDER BY facet, count DESC, value
  WITH facet, collect({value: value, count: count}) AS values
  RETURN collect({facet: facet, values: values[..${top}]}) AS facets, collect({facet: facet, values: CASE WHEN facet = 'frequencies' THEN values ELSE [] END}) AS allFrequencies
}
CALL () {
  ${matched} WITH DISTINCT n
  WITH n, COUNT { (n)--() } AS degree,
       COUNT { (n)-[:${HAS_SYMPTOM}]-() } AS symptoms,
       reduce(total = 0, k IN COLLECT { MATCH (n)-[r]-() WHERE NOT r:ABOUT RETURN size(r.evSources) } | total + k) AS evidence
  ORDER BY evidence DESC, degree DESC, n.id
  LIMIT ${first}
  RETURN collect({entity: ${entityProjection('n', query.node, params)}, degree: degree, symptoms: symptoms, evidence: evidence}) AS entities
}`;
}

/**
 * HPO's frequency classes (the subclasses of HP:0040279 Frequency) for a stored frequency: an HPO
 * term as such, `n/m` or `p%` binned by HPO's own ranges. Anything else is `other`.
 */
const FREQUENCY_TERMS: Record<string, string> = {
  'HP:0040280': 'Obligate (100%)',
  'HP:0040281': 'Very frequent (80-99%)',
  'HP:0040282': 'Frequent (30-79%)',
  'HP:0040283': 'Occasional (5-29%)',
  'HP:0040284': 'Very rare (1-4%)',
  'HP:0040285': 'Excluded (0%)',
};

export function frequencyClass(value: string): string {
  const term = FREQUENCY_TERMS[value];
  if (term) return term;
  const ratio = /^(\d+)\/(\d+)$/.exec(value);
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  const share = ratio ? Number(ratio[1]) / Number(ratio[2]) : percent ? Number(percent[1]) / 100 : Number.NaN;
  if (!Number.isFinite(share) || share < 0 || share > 1) return 'other';
  if (share === 1) return FREQUENCY_TERMS['HP:0040280']!;
  if (share >= 0.8) return FREQUENCY_TERMS['HP:0040281']!;
  if (share >= 0.3) return FREQUENCY_TERMS['HP:0040282']!;
  if (share >= 0.05) return FREQUENCY_TERMS['HP:0040283']!;
  if (share > 0) return FREQUENCY_TERMS['HP:0040284']!;
  return FREQUENCY_TERMS['HP:0040285']!;
}

/** Degree bucket b: 0 → [0, 0], b ≥ 1 → [2^(b-1), 2^b - 1]. */
export function degreeBucket(bucket: number): { min: number; max: number } {
  return bucket === 0 ? { min: 0, max: 0 } : { min: 2 ** (bucket - 1), max: 2 ** bucket - 1 };
}

function sorted(values: Map<string, number>): FacetValue[] {
  return [...values.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The facets statement's row (and what a FacetSummary stores). */
export interface RawFacets {
  total: number;
  kinds: FacetValue[];
  degrees: Array<{ bucket: number; count: number }>;
  statements: number;
  evidence: number | null;
  facets: Array<{ facet: string; values: FacetValue[] }>;
  allFrequencies: Array<{ facet: string; values: FacetValue[] }>;
  entities: Array<{ entity: EntityRecord; degree: number; symptoms: number; evidence: number }>;
}

/** Counts the facets now, in one statement. */
export async function liveFacets(db: Database, query: FacetsQuery): Promise<FacetsRecord> {
  const { cypher, params } = facetsQuery(query);
  const [row] = await db.read<RawFacets & Record<string, unknown>>(cypher, params);
  restoreFacetEntities(query.node, row?.entities ?? []);
  return facetsRecord(row as RawFacets, query.top);
}

/** Each listed entity's nested fields under their keys (see restoreEntity). */
export function restoreFacetEntities(plan: NodePlan, entities: ReadonlyArray<{ entity: EntityRecord }>): void {
  for (const { entity } of entities) restoreEntity(plan, entity);
}

/** The answer from the statement's row (or a summary's, which holds up to FACET_TOP_MAX values per facet). */
export function facetsRecord(raw: RawFacets, top: number): FacetsRecord {
  const facet = (name: string) => raw.facets.find((f) => f.facet === name)?.values.slice(0, top) ?? [];
  const classes = new Map<string, number>();
  for (const { value, count } of raw.allFrequencies.flatMap((f) => f.values)) {
    const name = frequencyClass(value);
    classes.set(name, (classes.get(name) ?? 0) + count);
  }
  return {
    total: raw.total,
    statements: raw.statements,
    evidence: raw.evidence ?? 0,
    kinds: raw.kinds,
    relationshipTypes: facet('relationshipTypes'),
    sources: facet('sources'),
    knowledgeLevels: facet('knowledgeLevels'),
    agentTypes: facet('agentTypes'),
    evidenceCodes: facet('evidenceCodes'),
    frequencies: facet('frequencies'),
    frequencyClasses: sorted(classes),
    degrees: raw.degrees.map((d) => ({ ...degreeBucket(d.bucket), count: d.count })),
    entities: raw.entities,
  };
}
