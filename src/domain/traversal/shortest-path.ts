import type { Database } from '../../db';
import type { TraversalPlan } from '../projection';
import { boundedInt, checkId } from './arguments';
import { citedIds, entityMap, evidenceSourcesCall, int, POSITIVE_TYPES, sourcesById, toEntityRecord, toEntityWithSources, traversalProjection } from './cypher';
import { edgeMap, toEdge, type RawEdge } from './edges';
import { unknownIdsError } from '../entity/unknown-ids';
import { TRAVERSAL_LIMITS } from './limits';
import type { EdgeRecordOut, PathRecord } from './records';

export interface ShortestPathInput {
  fromId: string;
  toId: string;
  maxHops?: number | null;
  /** The client's selection (nodes, edges, evidence); without it, everything is projected. */
  plan?: TraversalPlan | null;
}

/**
 * Neo4j's bidirectional breadth-first `shortestPath()` between two index-seeked nodes, over the
 * positive relationship types only (never through a NOT_ statement: "BFS does not cause nerve
 * damage" is no connection), either direction, at most `maxHops` long. Source entities are not
 * linked by relationships (evidence names them by id), so a path to or from a Source is null.
 *
 * Several paths are often equally short (ALS and BFS meet through fasciculations, bloodwork, a Fact
 * about both, ...). Of the first PATH_CANDIDATES shortest ones (allShortestPaths, lazily, so a hub
 * with thousands of equal paths stays bounded) the answer is the one through the fewest Fact nodes
 * (a direct statement beats "a sentence mentions both"), then the best evidenced (most pieces of
 * evidence), then the smallest list of node ids — deterministic.
 */
export const PATH_CANDIDATES = 50;

export function shortestPathCypher(maxHops: number, plan?: TraversalPlan | null): string {
  const { node, evidence, sources, linkSources, factSources } = traversalProjection(plan);
  const cited = [...(linkSources ? [citedIds('rels', '')] : []), ...(factSources ? [citedIds('pathNodes', '')] : [])];
  return `
OPTIONAL MATCH (a:Entity {id: $from}) USING INDEX a:Entity(id)
OPTIONAL MATCH (b:Entity {id: $to}) USING INDEX b:Entity(id)
CALL (a, b) {
  OPTIONAL MATCH p = allShortestPaths((a)-[:${POSITIVE_TYPES}*..${maxHops}]-(b))
  WITH p LIMIT $candidates
  WITH p,
       CASE WHEN p IS NULL THEN 0 ELSE size([n IN nodes(p) WHERE n:Fact]) END AS facts,
       CASE WHEN p IS NULL THEN 0 ELSE reduce(total = 0, r IN relationships(p) | total + size(coalesce(r.evSources, []))) END AS evidence
  ORDER BY facts ASC, evidence DESC, CASE WHEN p IS NULL THEN [] ELSE [n IN nodes(p) | n.id] END ASC
  LIMIT 1
  RETURN p
}
WITH a, b, p, CASE WHEN p IS NULL THEN [] ELSE relationships(p) END AS rels, CASE WHEN p IS NULL THEN [] ELSE nodes(p) END AS pathNodes
${evidenceSourcesCall(['rels', 'pathNodes'], cited.join(' + '), sources)}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       CASE WHEN p IS NULL THEN null ELSE [n IN pathNodes | ${entityMap('n', node)}] END AS nodes,
       CASE WHEN p IS NULL THEN null ELSE [r IN rels | ${edgeMap('r', evidence)}] END AS edges, evidenceSources`;
}

/** A path of length 0: the one node, no edges (its own Fact evidence cites no Source fetched here, as before). */
export function sameNodeCypher(plan?: TraversalPlan | null): string {
  return `
OPTIONAL MATCH (a:Entity {id: $from}) USING INDEX a:Entity(id)
RETURN a IS NOT NULL AS fromFound, a IS NOT NULL AS toFound, CASE WHEN a IS NULL THEN null ELSE [${entityMap('a', plan?.node)}] END AS nodes, [] AS edges, [] AS evidenceSources`;
}

export const SAME_NODE_CYPHER = sameNodeCypher();

/** The shortest chain of positive relationships between two entities, or null if none within maxHops. */
export async function shortestPath(db: Database, input: ShortestPathInput): Promise<PathRecord | null> {
  const from = checkId('fromId', input.fromId);
  const to = checkId('toId', input.toId);
  const maxHops = boundedInt('maxHops', input.maxHops, TRAVERSAL_LIMITS.hopsDefault, TRAVERSAL_LIMITS.hopsMax);
  const [row] = await db.read(from === to ? sameNodeCypher(input.plan) : shortestPathCypher(maxHops, input.plan), { from, to, candidates: int(PATH_CANDIDATES) });
  if (!row?.fromFound) throw await unknownIdsError(db, 'fromId', [from], null);
  if (!row.toFound) throw await unknownIdsError(db, 'toId', [to], null);
  if (!Array.isArray(row.nodes)) return null;
  const sources = sourcesById(row.evidenceSources);
  const nodes = (row.nodes as unknown[]).map((raw) => toEntityWithSources(raw, sources));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = ((row.edges as RawEdge[]) ?? [])
    .map((raw, i) => toEdge(raw, byId, sources, raw.s === nodes[i]?.id ? 'FORWARD' : 'BACKWARD'))
    .filter((e): e is EdgeRecordOut => e !== null);
  return { length: edges.length, nodes, edges };
}
