import type { EdgeRecord, NodeRecord, RelType } from '../model';

export const CHANGE_OPERATIONS = [
  'CREATE_SOURCE',
  'CREATE_ENTITY',
  'ASSERT_RELATIONSHIP',
  'UPDATE_ENTITY',
  'RETRACT_ENTITY',
  'RETRACT_EVIDENCE',
  'MERGE_ENTITIES',
] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];
export type ChangeStatus = 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
export type ReviewDecision = 'ACCEPT' | 'REJECT';

/** The owner of everything curation writes: seed and HPO re-loads replace only what they own, never this. */
export const CURATION_OWNER = 'curation' as const;

/** What a change asks for, validated: the same neutral records the import path writes. */
export type ChangePayload =
  | { operation: 'CREATE_SOURCE' | 'CREATE_ENTITY'; node: NodeRecord }
  | { operation: 'ASSERT_RELATIONSHIP'; edge: EdgeRecord }
  | { operation: 'UPDATE_ENTITY'; id: string; version: number; set: EntityUpdate }
  | { operation: 'RETRACT_ENTITY'; id: string }
  | { operation: 'RETRACT_EVIDENCE'; subject: string; type: RelType; object: string; source: string; quote: string }
  | { operation: 'MERGE_ENTITIES'; keep: string; merge: string };

/** The properties updateEntity may set (absent: unchanged; `description: null` removes it). */
export interface EntityUpdate {
  name?: string;
  aliases?: string[];
  xrefs?: string[];
  description?: string | null;
}

/** Why an entity no longer answers reads: retracted, or merged into another (whose id it now resolves to). */
export interface RetirementRecord {
  as: 'RETRACTED' | 'MERGED';
  mergedInto: string | null;
  reason: string | null;
  changeId: string;
  by: string;
  at: string;
}

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
  /** Holds the admin role (retracts Sources). */
  admin?: boolean;
}

/** The answer of a mutation: the change, and whether it repeats an earlier answer for the same key. */
export interface ChangeResult {
  change: ChangeRecord;
  replayed: boolean;
}

/** A rule broken by a curation request; `kind` decides the client's error code. */
export class CurationError extends Error {
  constructor(
    readonly kind: 'INVALID' | 'CONFLICT' | 'NOT_YOURS' | 'FORBIDDEN',
    message: string,
    /** CONFLICT on a stale version: the entity's current version, for the client to re-base on. */
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'CurationError';
  }
}
