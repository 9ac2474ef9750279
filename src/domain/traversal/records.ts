/** The records the traversal types are mapped from (codegen mappers). No GraphQL here. */
import type { EntityRecord, EvidenceRecord } from '../entity/entity.types';
import type { RelType } from '../model';

/** A link between a listed condition and an item, stated on the condition itself or on a subtype. */
export interface ConditionLinkRecord {
  condition: EntityRecord;
  /** The condition the relationship is stated on: `condition` itself, or one of its subtypes. */
  via: EntityRecord;
  relation: RelType;
  /** `OUT` when the condition is the subject of the relationship, `IN` when it is the object. */
  direction: 'OUT' | 'IN';
  evidence: EvidenceRecord[];
}

export interface SharedSymptomRecord {
  symptom: EntityRecord;
  links: ConditionLinkRecord[];
}

export interface ComparedItemRecord {
  entity: EntityRecord;
  links: ConditionLinkRecord[];
}

export interface ComparisonSectionRecord {
  symptoms: ComparedItemRecord[];
  triggers: ComparedItemRecord[];
  treatments: ComparedItemRecord[];
  bodyRegions: ComparedItemRecord[];
  mechanisms: ComparedItemRecord[];
  diagnosticSteps: ComparedItemRecord[];
  specialists: ComparedItemRecord[];
  negatives: ComparedItemRecord[];
  facts: ComparedItemRecord[];
}

export interface ConditionProfileRecord {
  condition: EntityRecord;
  distinct: ComparisonSectionRecord;
}

export interface SimilarityRecord {
  value: number;
  method: string;
  sharedCount: number;
  unionCount: number;
  explanation: string;
}

export interface ConditionComparisonRecord {
  conditions: EntityRecord[];
  shared: ComparisonSectionRecord;
  distinct: ConditionProfileRecord[];
  similarity: SimilarityRecord;
  truncated: boolean;
}

export interface SymptomMatchRecord {
  symptom: EntityRecord;
  matchedBy: EntityRecord;
  through: EntityRecord;
  informationContent: number;
  via: EntityRecord;
  evidence: EvidenceRecord[];
}

export interface ConditionMatchRecord {
  condition: EntityRecord;
  score: number;
  matched: EntityRecord[];
  unmatched: EntityRecord[];
  contradicted: EntityRecord[];
  matches: SymptomMatchRecord[];
  conditionSymptomCount: number;
  explanation: string;
}

export interface EdgeRecordOut {
  id: string;
  type: RelType;
  negated: boolean;
  predicate: string;
  source: EntityRecord;
  target: EntityRecord;
  sourceId: string;
  targetId: string;
  /** In a path: whether the path walks from source to target. Null in a subgraph. */
  direction: 'FORWARD' | 'BACKWARD' | null;
  evidence: EvidenceRecord[];
}

export interface SubgraphRecord {
  center: EntityRecord;
  nodes: EntityRecord[];
  edges: EdgeRecordOut[];
  /** Whether a cap (nodes, per-node fan-out, edges) cut the neighbourhood short. */
  truncated: boolean;
}

export interface PathRecord {
  length: number;
  nodes: EntityRecord[];
  edges: EdgeRecordOut[];
}
