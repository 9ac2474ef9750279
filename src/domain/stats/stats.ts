import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import { KIND_NAMES, RELATIONSHIPS, REL_TYPES, relationshipType, type Kind, type RelType } from '../model';
import { entityMap, int, toEntityRecord } from '../traversal/cypher';
import { TRAVERSAL_LIMITS } from '../traversal/limits';

export interface GraphStatsRecord {
  nodeCount: number;
  relationshipCount: number;
  kinds: Array<{ kind: Kind; count: number }>;
  relationshipTypes: Array<{ type: RelType; negated: boolean; predicate: string; count: number }>;
  mostConnected: Array<{ entity: EntityRecord; degree: number }>;
  mostConnectedExact: boolean;
  sources: Array<{ source: EntityRecord; statements: number; facts: number; relationships: number }>;
  sourcesExact: boolean;
}

/**
 * One statement of independent CALL subqueries:
 * - counts per kind and per relationship type: one `MATCH (n:Label) RETURN count(n)` /
 *   `MATCH ()-[r:TYPE]->() RETURN count(r)` each, which Neo4j answers from its count store
 *   (NodeCountFromCountStore / RelationshipCountFromCountStore: constant time at any size);
 * - the most connected entities: an exact degree scan (`COUNT { (n)--() }`, read from the degree
 *   store) while the graph has at most statsExactDegreeMaxNodes entities; above that, a sample of
 *   statsDegreeSampleRels relationships picked by id seek along a golden-ratio sequence over the id
 *   range (deterministic, spread over the whole store) — an entity is picked in proportion to its
 *   degree, so hubs are found — and the exact degree of each sampled endpoint;
 * - statements per source: the evidence lists of every Fact node and of up to statsEvidenceScanRels
 *   relationships (ABOUT excepted: it repeats its Fact's evidence); a statement citing a source
 *   several times counts once. Exact when every relationship was scanned.
 */
export function statsCypher(): string {
  const kindCalls = KIND_NAMES.map((kind, i) => `CALL () { MATCH (n:${kind}) RETURN count(n) AS k${i} }`);
  const typeCalls = REL_TYPES.map((type, i) => `CALL () { MATCH ()-[r:${type}]->() RETURN count(r) AS t${i} }`);
  return `
CALL () { MATCH (n:Entity) RETURN count(n) AS nodeCount }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationshipCount }
CALL () { MATCH ()-[r:ABOUT]->() RETURN count(r) AS aboutCount }
${kindCalls.join('\n')}
${typeCalls.join('\n')}
CALL (nodeCount) {
  UNWIND CASE WHEN nodeCount <= $exactMax THEN [1] ELSE [] END AS go
  MATCH (n:Entity)
  WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id LIMIT $top
  RETURN collect({entity: ${entityMap('n')}, degree: degree}) AS exactTop
}
CALL (nodeCount, relationshipCount) {
  UNWIND CASE WHEN nodeCount > $exactMax THEN range(1, $sample) ELSE [] END AS i
  WITH toInteger(((i * 0.6180339887498949) % 1.0) * relationshipCount) AS rid
  MATCH (a)-[r]->(b) WHERE id(r) = rid
  UNWIND [a, b] AS n
  WITH DISTINCT n
  WITH n WHERE n:Entity
  WITH n, COUNT { (n)--() } AS degree ORDER BY degree DESC, n.id LIMIT $top
  RETURN collect({entity: ${entityMap('n')}, degree: degree}) AS sampledTop
}
CALL () {
  CALL () {
    MATCH (f:Fact) RETURN f.evSources AS cited, 1 AS fact
    UNION ALL
    MATCH ()-[r]->() WHERE NOT r:ABOUT
    WITH r LIMIT $scan
    RETURN r.evSources AS cited, 0 AS fact
  }
  WITH coalesce(cited, []) AS cited, fact
  UNWIND [i IN range(0, size(cited) - 1) WHERE NOT cited[i] IN cited[..i] | cited[i]] AS sourceId
  WITH sourceId, count(*) AS statements, sum(fact) AS facts
  ORDER BY statements DESC, sourceId LIMIT $top
  MATCH (s:Entity {id: sourceId})
  RETURN collect({source: ${entityMap('s')}, statements: statements, facts: facts}) AS sources
}
RETURN nodeCount, relationshipCount, aboutCount,
       [${KIND_NAMES.map((_, i) => `k${i}`).join(', ')}] AS kindCounts,
       [${REL_TYPES.map((_, i) => `t${i}`).join(', ')}] AS typeCounts,
       exactTop, sampledTop, sources`;
}

interface RawStats {
  nodeCount: number;
  relationshipCount: number;
  aboutCount: number;
  kindCounts: number[];
  typeCounts: number[];
  exactTop: Array<{ entity: unknown; degree: number }>;
  sampledTop: Array<{ entity: unknown; degree: number }>;
  sources: Array<{ source: unknown; statements: number; facts: number }>;
}

/** What a research dashboard shows first: counts, hubs, and who the statements come from. */
export async function graphStats(db: Database): Promise<GraphStatsRecord> {
  const [row] = await db.read(statsCypher(), {
    exactMax: int(TRAVERSAL_LIMITS.statsExactDegreeMaxNodes),
    top: int(TRAVERSAL_LIMITS.statsTop),
    sample: int(TRAVERSAL_LIMITS.statsDegreeSampleRels),
    scan: int(TRAVERSAL_LIMITS.statsEvidenceScanRels),
  });
  const raw = (row ?? {}) as unknown as RawStats;
  const exact = raw.nodeCount <= TRAVERSAL_LIMITS.statsExactDegreeMaxNodes;
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
    sourcesExact: (raw.relationshipCount ?? 0) - (raw.aboutCount ?? 0) <= TRAVERSAL_LIMITS.statsEvidenceScanRels,
  };
}
