import type { Database } from '../db';
import { ENTITY_LABEL, type GraphInput } from '../domain/model';
import { edgeFromProps, nodeFromProps } from './records';

/** The whole graph (or one owner's part) as neutral records, ordered by id (deterministic). */
export async function readGraph(db: Database, options: { owner?: string } = {}): Promise<GraphInput> {
  const where = options.owner === undefined ? '' : 'WHERE n.owner = $owner';
  const nodes = await db.read<{ p: Record<string, unknown> }>(`MATCH (n:${ENTITY_LABEL}) ${where} RETURN properties(n) AS p ORDER BY n.id`, { owner: options.owner });
  const edgeWhere = options.owner === undefined ? '' : 'WHERE r.owner = $owner';
  const edges = await db.read<{ type: string; s: string; o: string; p: Record<string, unknown> }>(
    `MATCH (s:${ENTITY_LABEL})-[r]->(o:${ENTITY_LABEL}) ${edgeWhere} RETURN type(r) AS type, s.id AS s, o.id AS o, properties(r) AS p ORDER BY r.id`,
    { owner: options.owner },
  );
  return {
    nodes: nodes.map((row) => nodeFromProps(row.p)),
    edges: edges.map((row) => edgeFromProps(row.type, row.s, row.o, row.p)),
  };
}

/** Node counts by kind label and relationship counts by type. */
export async function graphCounts(db: Database): Promise<{ nodes: Record<string, number>; edges: Record<string, number>; totalNodes: number; totalEdges: number }> {
  const nodeRows = await db.read<{ kind: string; n: number }>(`MATCH (n:${ENTITY_LABEL}) RETURN n.kind AS kind, count(*) AS n ORDER BY kind`);
  const edgeRows = await db.read<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  const nodes = Object.fromEntries(nodeRows.map((row) => [row.kind, row.n]));
  const edges = Object.fromEntries(edgeRows.map((row) => [row.type, row.n]));
  return {
    nodes,
    edges,
    totalNodes: nodeRows.reduce((sum, row) => sum + row.n, 0),
    totalEdges: edgeRows.reduce((sum, row) => sum + row.n, 0),
  };
}
