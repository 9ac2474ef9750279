import type { Database } from '../../db';
import type { TraversalPlan } from '../projection';
import { boundedInt, checkId } from './arguments';
import { ALL_TYPES, citedIds, entityMap, evidenceSourcesCall, int, POSITIVE_TYPES, sourcesById, toEntityRecord, toEntityWithSources, traversalProjection } from './cypher';
import { edgeMap, toEdge, type RawEdge } from './edges';
import { unknownIdsError } from '../entity/unknown-ids';
import { TRAVERSAL_LIMITS } from './limits';
import type { EdgeRecordOut, SubgraphRecord } from './records';

export interface NeighborhoodInput {
  id: string;
  depth?: number | null;
  first?: number | null;
  includeNegated?: boolean | null;
  /** The client's selection (nodes, edges, evidence); without it, everything is projected. */
  plan?: TraversalPlan | null;
}

/**
 * A breadth-first expansion unrolled into `depth` levels of one statement. Each level expands the
 * current frontier node by node inside a CALL with `LIMIT fanOut`, so a hub contributes at most
 * fanOut relationships however many it has (which ones: the first in store order; the result is
 * flagged `truncated`); new nodes are added until `first` nodes are reached. Edges are those
 * followed between nodes that are kept.
 */
export function neighborhoodCypher(depth: number, includeNegated: boolean, plan?: TraversalPlan | null): string {
  const { node, evidence, sources, linkSources, factSources } = traversalProjection(plan);
  const cited = [...(linkSources ? [citedIds('edges', '.ev')] : []), ...(factSources ? [citedIds('seen', '')] : [])];
  const types = includeNegated ? ALL_TYPES : POSITIVE_TYPES;
  const level = `
CALL (seen, frontier) {
  UNWIND frontier AS f
  CALL (f) {
    MATCH (f)-[r:${types}]-(n:Entity)
    RETURN r, n LIMIT $fanout
  }
  WITH collect(r) AS rs, collect(DISTINCT n) AS ns
  RETURN rs, [x IN ns WHERE NOT x IN seen] AS fresh
}
WITH start, seen, rels + rs AS rels, fresh, cut OR any(f IN frontier WHERE COUNT { (f)-[:${types}]-() } > $fanout) AS cut
WITH start, seen + fresh[..($max - size(seen))] AS seen, fresh[..($max - size(seen))] AS frontier, rels,
     cut OR size(fresh) > $max - size(seen) AS cut`;
  return `
MATCH (start:Entity {id: $id}) USING INDEX start:Entity(id)
WITH start, [start] AS seen, [start] AS frontier, [] AS rels, false AS cut
${Array.from({ length: depth }, () => level).join('\n')}
WITH start, seen, [n IN seen | n.id] AS ids, rels, cut
WITH start, seen, cut, [r IN rels WHERE startNode(r).id IN ids AND endNode(r).id IN ids | ${edgeMap('r', evidence)}] AS edges
${evidenceSourcesCall(['seen', 'edges'], cited.join(' + '), sources)}
RETURN ${entityMap('start', node)} AS center, [n IN seen | ${entityMap('n', node)}] AS nodes, edges, cut, evidenceSources`;
}

/** The entities within `depth` hops of an entity, and the relationships followed between them. */
export async function neighborhood(db: Database, input: NeighborhoodInput): Promise<SubgraphRecord> {
  const id = checkId('id', input.id);
  const depth = boundedInt('depth', input.depth, TRAVERSAL_LIMITS.depthDefault, TRAVERSAL_LIMITS.depthMax);
  const first = boundedInt('first', input.first, TRAVERSAL_LIMITS.nodesDefault, TRAVERSAL_LIMITS.nodesMax);
  const [row] = await db.read(neighborhoodCypher(depth, input.includeNegated === true, input.plan), {
    id,
    max: int(first),
    fanout: int(TRAVERSAL_LIMITS.neighborhoodFanOut),
  });
  if (!row) throw await unknownIdsError(db, 'id', [id], null);
  const sources = sourcesById(row.evidenceSources);
  const nodes = ((row.nodes as unknown[]) ?? []).map((raw) => toEntityWithSources(raw, sources));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = new Map<string, EdgeRecordOut>();
  for (const raw of (row.edges as RawEdge[]) ?? []) {
    if (edges.has(raw.id)) continue;
    const edge = toEdge(raw, byId, sources);
    if (edge) edges.set(raw.id, edge);
  }
  const sorted = [...edges.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    center: toEntityRecord(row.center),
    nodes,
    edges: sorted.slice(0, TRAVERSAL_LIMITS.edgesMax),
    truncated: row.cut === true || sorted.length > TRAVERSAL_LIMITS.edgesMax,
  };
}
