/** What the explorer draws and lists, as read from the GraphQL API (see queries.ts). */
export interface EntityRef {
  id: string;
  kind: string;
  name: string;
}

export interface Evidence {
  quote: string;
  source: { id: string; name: string; url?: string | null };
}

export interface GraphNode extends EntityRef {
  description?: string | null;
}

export interface GraphEdge {
  id: string;
  type: string;
  /** Subject and object ids: the edge points from → to. */
  from: string;
  to: string;
  evidence: Evidence[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface ComparisonItem {
  entity: EntityRef;
  evidence: Evidence[];
}

export interface ComparisonGroup {
  title: string;
  items: ComparisonItem[];
}

export interface ComparisonModel {
  similarity: number | null;
  similarityNote?: string;
  conditions: EntityRef[];
  shared: ComparisonGroup[];
  distinct: { condition: EntityRef; groups: ComparisonGroup[] }[];
}

export interface RankedCondition {
  condition: EntityRef;
  score: number;
  explanation?: string;
  matched: { symptom: EntityRef; evidence: Evidence[] }[];
  unmatched: EntityRef[];
}

export interface ListedEntity extends EntityRef {
  count?: number;
}
