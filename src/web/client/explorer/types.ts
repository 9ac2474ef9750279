/** What the explorer draws and lists, as read from the GraphQL API (see queries.ts). */
export interface EntityRef {
  id: string;
  kind: string;
  name: string;
}

export interface Evidence {
  quote: string;
  source: { id: string; name: string; url?: string | null };
  /** Where the quote (and a list item's intro) is in the stored source text, when the graph holds it. */
  spans?: TextSpan[];
}

/** A span of a stored source text: offsets into the text of `source` (Evidence.spans). */
export interface TextSpan {
  start: number;
  end: number;
  source: { id: string };
}

export interface SourceText {
  id: string;
  name: string;
  text: string;
}

/** One statement touching an entity (Entity.statements). */
export interface Statement {
  type: string;
  field: string;
  direction: 'OUT' | 'IN';
  negated: boolean;
  node: EntityRef;
  evidence: Evidence[];
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
  /** A negative statement (NOT_...). */
  negated: boolean;
  evidence: Evidence[];
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface ComparisonLink {
  condition: EntityRef;
  relation: string;
  evidence: Evidence[];
}

export interface ComparisonItem {
  entity: EntityRef;
  links: ComparisonLink[];
}

export interface ComparisonGroup {
  title: string;
  items: ComparisonItem[];
}

export interface ComparisonModel {
  similarity: number;
  similarityNote: string;
  conditions: EntityRef[];
  shared: ComparisonGroup[];
  distinct: { condition: EntityRef; groups: ComparisonGroup[] }[];
}

export interface RankedCondition {
  condition: EntityRef;
  score: number;
  explanation: string;
  matched: { symptom: EntityRef; weight: number; evidence: Evidence[] }[];
  unmatched: EntityRef[];
  /** Asked symptoms the condition is stated NOT to have. */
  contradicted: EntityRef[];
}

export interface ListedEntity extends EntityRef {
  count?: number;
}
