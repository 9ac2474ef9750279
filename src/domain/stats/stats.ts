import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import { KIND_NAMES, RELATIONSHIPS, REL_TYPES, relationshipType, type Kind, type RelType } from '../model';
import { entityMap, int, toEntityRecord } from '../traversal/cypher';
import { TRAVERSAL_LIMITS } from '../traversal/limits';
import { toReleaseRecord, type DataReleaseRecord } from './releases';

export interface GraphStatsRecord {
  nodeCount: number;
  relationshipCount: number;
  kinds: Array<{ kind: Kind; count: number }>;
  relationshipTypes: Array<{ type: RelType; negated: boolean; predicate: string; count: number }>;
  mostConnected: Array<{ entity: EntityRecord; degree: number }>;
  mostConnectedExact: boolean;
  sources: Array<{ source: EntityRecord; statements: number; facts: number; relationships: number }>;
  sourcesExact: boolean;
  /** The external data releases loaded (the `(:Release)` nodes an import writes last), by source. */
  releases: DataReleaseRecord[];
}

/**
 * One statement of independent CALL subqueries:
 * - counts per kind and per relationship type: one `MATCH (n:Label) RETURN count(n)` /
 *   `MATCH ()-[r:TYPE]->() RETURN count(r)` each, which Neo4j answers from its count store
 *   (NodeCountFromCountStore / RelationshipCountFromCountStore: constant time at any size);
 * - up to statsExactMaxRelationships relationships, everything else is exact: every entity's degree
 *   (`COUNT { (n)--() }`, from the degree store) and the evidence of every relationship;
 * - above that, a fixed-size sample: statsSampleRelationships relationships picked by id seek along
 *   a golden-ratio sequence over the id range (deterministic, spread over the whole store, cost
 *   independent of the graph size). An entity turns up in proportion to its degree, so the hubs are
 *   the most frequent endpoints; the 100 most frequent get their exact degree and the top 10 are
 *   kept. Statements per source are the sampled counts scaled to all relationships (estimates).
 *   Facts (few; a label scan) are always counted exactly.
 * ABOUT relationships repeat their Fact's evidence and are not counted as statements; a statement
 * citing a source several times counts once.
 */
export function statsCypher(): string {
  const kindCalls = KIND_NAMES.map((kind, i) => `CALL () { MATCH (n:${kind}) RETURN count(n) AS k${i} }`);
  const typeCalls = REL_TYPES.map((type, i) => `CALL () { MATCH ()-[r:${type}]->() RETURN count(r) AS t${i} }`);
  const distinctCited = (list: string) => `[i IN range(0, size(${list}) - 1) WHERE NOT ${list}[i] IN ${list}[..i] | ${list}[i]]`;
  return `
CALL () { MATCH (n:Entity) RETURN count(n) AS nodeCount }
CALL () { MATCH (rel:Release) WITH rel ORDER BY rel.source RETURN collect(rel {.*}) AS releases }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationshipCount }
CALL () { MATCH ()-[r:ABOUT]->() RETURN count(r) AS aboutCount }
${kindCalls.join('\n')}
${typeCalls.join('\n')}
WITH *, relationshipCount <= $exactMax AS exact
CALL (exact) {
  UNWIND CASE WHEN exact THEN [1] ELSE [] END AS go
  MATCH (n:Entity)
  WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id LIMIT $top
  RETURN collect({entity: ${entityMap('n')}, degree: degree}) AS exactTop
}
CALL (exact, relationshipCount) {
  UNWIND CASE WHEN exact THEN [] ELSE range(1, $sample) END AS i
  WITH toInteger(((i * 0.6180339887498949) % 1.0) * relationshipCount) AS rid
  MATCH ()-[r]->() WHERE id(r) = rid
  RETURN collect(r) AS sampled
}
CALL (sampled) {
  UNWIND sampled AS r
  UNWIND [startNode(r), endNode(r)] AS n
  WITH n, count(*) AS hits ORDER BY hits DESC LIMIT $candidates
  WITH n WHERE n:Entity
  WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id LIMIT $top
  RETURN collect({entity: ${entityMap('n')}, degree: degree}) AS sampledTop
}
CALL (exact, sampled) {
  CALL (exact, sampled) {
    MATCH (f:Fact) RETURN f.evSources AS cited, 1 AS fact
    UNION ALL
    UNWIND CASE WHEN exact THEN [1] ELSE [] END AS go
    MATCH ()-[r]->() WHERE NOT r:ABOUT
    RETURN r.evSources AS cited, 0 AS fact
    UNION ALL
    UNWIND sampled AS r
    WITH r WHERE NOT r:ABOUT
    RETURN r.evSources AS cited, 0 AS fact
  }
  WITH coalesce(cited, []) AS cited, fact
  UNWIND CASE WHEN size(cited) < 2 THEN cited ELSE ${distinctCited('cited')} END AS sourceId
  WITH sourceId, sum(fact) AS facts, count(*) - sum(fact) AS edges
  RETURN collect({id: sourceId, facts: facts, edges: edges}) AS citations
}
CALL (sampled) {
  UNWIND sampled AS r
  WITH r WHERE NOT r:ABOUT
  RETURN count(r) AS sampledStatements
}
CALL (citations, exact, relationshipCount, aboutCount, sampledStatements) {
  UNWIND citations AS citation
  WITH citation, CASE WHEN exact OR sampledStatements = 0 THEN 1.0 ELSE toFloat(relationshipCount - aboutCount) / sampledStatements END AS scale
  WITH citation.id AS sourceId, citation.facts AS facts, toInteger(round(citation.edges * scale)) AS relationships
  ORDER BY facts + relationships DESC, sourceId LIMIT $top
  MATCH (s:Entity {id: sourceId}) USING INDEX s:Entity(id)
  RETURN collect({source: ${entityMap('s')}, statements: facts + relationships, facts: facts}) AS sources
}
RETURN nodeCount, relationshipCount, exact,
       [${KIND_NAMES.map((_, i) => `k${i}`).join(', ')}] AS kindCounts,
       [${REL_TYPES.map((_, i) => `t${i}`).join(', ')}] AS typeCounts,
       exactTop, sampledTop, sources, releases`;
}

interface RawStats {
  nodeCount: number;
  relationshipCount: number;
  exact: boolean;
  kindCounts: number[];
  typeCounts: number[];
  exactTop: Array<{ entity: unknown; degree: number }>;
  sampledTop: Array<{ entity: unknown; degree: number }>;
  sources: Array<{ source: unknown; statements: number; facts: number }>;
  releases: unknown[];
}

/** What a research dashboard shows first: counts, hubs, and who the statements come from. */
export async function graphStats(db: Database): Promise<GraphStatsRecord> {
  const [row] = await db.read(statsCypher(), {
    exactMax: int(TRAVERSAL_LIMITS.statsExactMaxRelationships),
    top: int(TRAVERSAL_LIMITS.statsTop),
    sample: int(TRAVERSAL_LIMITS.statsSampleRelationships),
    candidates: int(TRAVERSAL_LIMITS.statsDegreeCandidates),
  });
  const raw = (row ?? {}) as unknown as RawStats;
  const exact = raw.exact === true;
  const top = (exact ? raw.exactTop : raw.sampledTop) ?? [];
  return {
    nodeCount: raw.nodeCount ?? 0,
    relationshipCount: raw.relationshipCount ?? 0,
    kinds: KIND_NAMES.map((kind, i) => ({ kind, count: raw.kindCounts?.[i] ?? 0 })),
    relationshipTypes: REL_TYPES.map((type, i) => {
      const resolved = relationshipType(type);
      return { type, negated: resolved.negated, predicate: RELATIONSHIPS[resolved.positive].predicate, count: raw.typeCounts?.[i] ?? 0 };
    }),
    mostConnected: top.map((t) => ({ entity: toEntityRecord(t.entity), degree: t.degree })),
    mostConnectedExact: exact,
    sources: (raw.sources ?? []).map((s) => ({
      source: toEntityRecord(s.source),
      statements: s.statements,
      facts: s.facts,
      relationships: s.statements - s.facts,
    })),
    sourcesExact: exact,
    releases: (raw.releases ?? []).map(toReleaseRecord),
  };
}
