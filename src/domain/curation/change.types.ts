import type { EdgeRecord, NodeRecord } from '../model';

export const CHANGE_OPERATIONS = ['CREATE_SOURCE', 'CREATE_ENTITY', 'ASSERT_RELATIONSHIP'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];
export type ChangeStatus = 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
export type ReviewDecision = 'ACCEPT' | 'REJECT';

/** The owner of everything curation writes: seed and HPO re-loads replace only what they own, never this. */
export const CURATION_OWNER = 'curation' as const;

/** A source node may carry its full text, against which quotes cited from it are checked. */
export type CuratedNode = NodeRecord & { text?: string };

/** What a change asks for, validated: the same neutral records the import path writes. */
export type ChangePayload =
  | { operation: 'CREATE_SOURCE' | 'CREATE_ENTITY'; node: CuratedNode }
  | { operation: 'ASSERT_RELATIONSHIP'; edge: EdgeRecord };

/** A change record as stored in the graph (`:Change` node) and answered by the API. */
export interface ChangeRecord {
  id: string;
  operation: ChangeOperation;
  status: ChangeStatus;
  actor: string;
  proposedAt: string;
  reason: string | null;
  requestId: string;
  entityIds: string[];
  /** JSON of the ChangePayload. */
  payload: string;
  before: string | null;
  after: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
}

/** Who asks, and for which request: every change records both. */
export interface Actor {
  subject: string;
  requestId: string;
}

/** The answer of a mutation: the change, and whether it repeats an earlier answer for the same key. */
export interface ChangeResult {
  change: ChangeRecord;
  replayed: boolean;
}

/** A rule broken by a curation request; `kind` decides the client's error code. */
export class CurationError extends Error {
  constructor(
    readonly kind: 'INVALID' | 'CONFLICT' | 'NOT_YOURS',
    message: string,
  ) {
    super(message);
    this.name = 'CurationError';
  }
}
