import { createHash, randomUUID } from 'node:crypto';
import { EVERY_KEY, type Database, type TakeKeys, type WriteTransaction } from '../../db';
import { nodeFromProps } from '../../ingest/records';
import type { EntityRecord } from '../entity/entity.types';
import { CHANGE_LABEL, RETIRED_LABEL, type EdgeRecord } from '../model';
import { bumpReleaseAtCommit } from '../releases';
import { apply, checkAgainstGraph, entityIdsOf } from './change-apply';
import { inOrder } from './in-order';
import {
  CurationError,
  type Actor,
  type ChangePayload,
  type ChangeRecord,
  type ChangeResult,
  type ChangeStatus,
  type ReviewDecision,
} from './change.types';

// Change records: the audit trail, one node per proposal, never deleted. The statements of proposals and
// reviews are row statements (`UNWIND $rows AS row`, src/db/statement-rows.ts): the writes sharing a
// transaction send each of them once for all.
const FIND_BY_KEY = `UNWIND $rows AS row MATCH (c:${CHANGE_LABEL} {idempotencyKey: row.key}) RETURN row.i AS i, c {.*} AS change`;
const CREATE_CHANGE = `UNWIND $rows AS row CREATE (c:${CHANGE_LABEL}) SET c = row.props, c.proposedAt = datetime() RETURN row.i AS i, c {.*} AS change`;
// Locks the change (the SET takes its write lock) and then reads it, so two concurrent reviews cannot
// both see it PROPOSED: properties are read after the SET, under the lock (Neo4j's documented way to
// avoid lost updates in one statement).
export const LOCK_AND_READ_CHANGE = `UNWIND $rows AS row MATCH (c:${CHANGE_LABEL} {id: row.id}) SET c.lockedBy = row.requestId REMOVE c.lockedBy RETURN row.i AS i, c {.*} AS change`;
const READ_CHANGE = `MATCH (c:${CHANGE_LABEL} {id: $id}) RETURN c {.*} AS change`;
const RECORD_REVIEW = `
  UNWIND $rows AS row
  MATCH (c:${CHANGE_LABEL} {id: row.id})
  SET c.status = row.status, c.reviewer = row.reviewer, c.reviewedAt = datetime(), c.reviewReason = row.reason,
      c.reviewRequestId = row.requestId, c.before = row.before, c.after = row.after
  RETURN row.i AS i, c {.*} AS change`;
const READ_RETRACTED = `MATCH (r:${RETIRED_LABEL} {id: $id}) WHERE r.retiredAs = 'RETRACTED' RETURN properties(r) AS props`;
const PENDING_STATEMENTS = `
  MATCH (c:${CHANGE_LABEL}) WHERE c.status = 'PROPOSED' AND c.operation = 'ASSERT_RELATIONSHIP' AND $entityId IN c.entityIds
  WITH c ORDER BY c.proposedAt, c.id LIMIT toInteger($limit)
  RETURN c {.*} AS change`;
const LIST_CHANGES = `
  MATCH (c:${CHANGE_LABEL})
  WHERE ($since IS NULL OR c.proposedAt >= datetime($since))
    AND ($entityId IS NULL OR $entityId IN c.entityIds)
    AND ($actor IS NULL OR c.actor = $actor)
    AND ($status IS NULL OR c.status = $status)
  WITH c ORDER BY c.proposedAt DESC, c.id DESC
  WITH collect(c {.*}) AS matching
  RETURN size(matching) AS totalCount, matching[$skip..$skip + $first + 1] AS page`;

export interface ProposeRequest {
  payload: ChangePayload;
  reason: string | null;
  actor: Actor;
  idempotencyKey?: string;
}

export interface ChangeFilter {
  since?: string | null;
  entityId?: string | null;
  actor?: string | null;
  status?: ChangeStatus | null;
  first: number;
  skip: number;
}

/**
 * Curation's writes: proposals become `:Change` records; an accepted review applies the change to the
 * graph in the same transaction that records the review. Validation is the import path's
 * (validateGraph: the model's kinds, ends, id and evidence rules) plus the checks only a live graph
 * can answer (ids taken, quotes in a stored source text).
 */
export class CurationRepository {
  constructor(private readonly db: Database) {}

  async propose(request: ProposeRequest): Promise<ChangeResult> {
    const key = request.idempotencyKey === undefined ? null : `${request.actor.subject}\u0000${request.idempotencyKey}`;
    const fingerprint = hashOf({ operation: request.payload.operation, payload: request.payload, reason: request.reason });
    // What it reads and writes, for the writes sharing its transaction (db.writeGrouped).
    const keys = [...keysOf(request.payload.operation, entityIdsOf(request.payload)), ...(key === null ? [] : [`idempotency:${key}`])];
    const run = () =>
      this.inTransaction(keys, async (tx) => {
        // The replay lookup and the checks are reads sent together (one round trip); a replay wins.
        const [replay, checked] = await inOrder(
          key === null ? undefined : replayed(tx, key, fingerprint),
          checkAgainstGraph(tx, request.payload, { admin: request.actor.admin === true }),
          (found) => found !== undefined,
        );
        if (replay) return replay;
        const payload = checked!;
        const props = {
          id: randomUUID(),
          operation: request.payload.operation,
          status: 'PROPOSED',
          actor: request.actor.subject,
          requestId: request.actor.requestId,
          reason: request.reason,
          entityIds: entityIdsOf(payload),
          payload: JSON.stringify(payload),
          idempotencyKey: key,
          fingerprint,
          proposedByAdmin: request.actor.admin === true,
        };
        const [row] = await tx.runRow<{ change: StoredChange }>(CREATE_CHANGE, { props });
        return { change: toChange(row!.change), replayed: false };
      });
    try {
      return await run();
    } catch (error) {
      // Two requests with the same key raced: the unique constraint let one in; answer the other as a retry.
      if (key !== null && (error as { kind?: string }).kind === 'CONSTRAINT') return run();
      throw error;
    }
  }

  async review(id: string, decision: ReviewDecision, reason: string | null, reviewer: Actor): Promise<ChangeResult> {
    return this.inTransaction([`change:${id}`], async (tx, take) => {
      const [row] = await tx.runRow<{ change: StoredChange }>(LOCK_AND_READ_CHANGE, { id, requestId: reviewer.requestId });
      if (!row) throw new CurationError('INVALID', `id: no change has the id "${id}"; list them with changes(status: PROPOSED)`);
      const change = toChange(row.change);
      const status: ChangeStatus = decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
      if (change.status !== 'PROPOSED') {
        if (change.status === status && change.reviewer === reviewer.subject) return { change, replayed: true };
        throw new CurationError('CONFLICT', `change ${id} was already ${change.status.toLowerCase()} by ${change.reviewer} at ${change.reviewedAt}`);
      }
      if (change.actor === reviewer.subject) {
        throw new CurationError('NOT_YOURS', `you proposed change ${id}; another reviewer must review it`);
      }
      const record = (before: unknown, after: unknown) =>
        tx.runRow<{ change: StoredChange }>(RECORD_REVIEW, {
          id,
          status,
          reviewer: reviewer.subject,
          reason,
          requestId: reviewer.requestId,
          before: before === null ? null : JSON.stringify(before),
          after: after === null ? null : JSON.stringify(after),
        });
      if (decision !== 'ACCEPT') {
        const [updated] = await record(null, null);
        return { change: toChange(updated!.change), replayed: false };
      }
      // Accepting reads and writes what the change names: wait for the writes beside it that touch the same.
      await take(keysOf(change.operation, change.entityIds));
      let payload = JSON.parse(change.payload) as ChangePayload;
      const context = { changeId: id, actor: change.actor, reason: change.reason, admin: row.change.proposedByAdmin === true };
      try {
        payload = await checkAgainstGraph(tx, payload, context);
      } catch (error) {
        if (error instanceof CurationError) throw new CurationError('CONFLICT', `change ${id} no longer fits the graph: ${error.message}`, error.currentVersion);
        throw error;
      }
      // An accepted change is a new data release, committed with it (caches and downloads follow it);
      // the writes sharing a transaction bump it once, by their count, just before it commits.
      bumpReleaseAtCommit(tx, 'curation');
      const [updated] = await apply(tx, payload, context, record);
      return { change: toChange(updated!.change), replayed: false };
    });
  }

  /** A retracted entity as the API shows it with includeRetracted: its stored properties and why it was retracted. */
  async findRetracted(id: string): Promise<EntityRecord | null> {
    const [row] = await this.db.read<{ props: Record<string, unknown> }>(READ_RETRACTED, { id });
    if (!row) return null;
    const p = row.props;
    const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : null);
    return {
      ...(nodeFromProps(p) as unknown as EntityRecord),
      description: text('description'),
      version: typeof p.version === 'number' ? p.version : null,
      __retirement: { as: 'RETRACTED', mergedInto: null, reason: text('retiredReason'), changeId: String(p.retiredChange), by: String(p.retiredBy), at: String(p.retiredAt) },
    };
  }

  /** Statements proposed about `entityId` and not yet reviewed (oldest first, at most `limit`), with their changes. */
  async pendingStatements(entityId: string, limit: number): Promise<Array<{ change: ChangeRecord; edge: EdgeRecord }>> {
    const rows = await this.db.read<{ change: StoredChange }>(PENDING_STATEMENTS, { entityId, limit });
    return rows.flatMap(({ change }) => {
      const payload = JSON.parse(change.payload) as ChangePayload;
      if (payload.operation !== 'ASSERT_RELATIONSHIP') return [];
      return [{ change: toChange(change), edge: payload.edge }];
    });
  }

  async find(id: string): Promise<ChangeRecord | null> {
    const [row] = await this.db.read<{ change: StoredChange }>(READ_CHANGE, { id });
    return row ? toChange(row.change) : null;
  }

  async list(filter: ChangeFilter): Promise<{ nodes: ChangeRecord[]; totalCount: number; hasMore: boolean }> {
    const [row] = await this.db.read<{ totalCount: number; page: StoredChange[] }>(LIST_CHANGES, {
      since: filter.since ?? null,
      entityId: filter.entityId ?? null,
      actor: filter.actor ?? null,
      status: filter.status ?? null,
      skip: filter.skip,
      first: filter.first,
    });
    const page = row?.page ?? [];
    return { nodes: page.slice(0, filter.first).map(toChange), totalCount: row?.totalCount ?? 0, hasMore: page.length > filter.first };
  }

  /**
   * Curation's writes share transactions when they arrive together (db.writeGrouped: one commit for
   * many, each still all-or-nothing). The db maps every failure to a DatabaseError; a CurationError
   * thrown by the work must reach the caller as itself.
   */
  private async inTransaction<T>(keys: readonly string[], work: (tx: WriteTransaction, take: TakeKeys) => Promise<T>): Promise<T> {
    let refusal: CurationError | undefined;
    try {
      return await this.db.writeGrouped(keys, async (tx, take) => {
        try {
          return await work(tx, take);
        } catch (error) {
          if (error instanceof CurationError) refusal = error;
          throw error;
        }
      });
    } catch (error) {
      throw refusal ?? error;
    }
  }
}

type StoredChange = Omit<ChangeRecord, 'reason' | 'before' | 'after' | 'reviewer' | 'reviewedAt' | 'reviewReason'> &
  Partial<Pick<ChangeRecord, 'reason' | 'before' | 'after' | 'reviewer' | 'reviewedAt' | 'reviewReason'>> & { proposedByAdmin?: boolean };

function toChange(stored: StoredChange): ChangeRecord {
  return {
    id: stored.id,
    operation: stored.operation,
    status: stored.status,
    actor: stored.actor,
    proposedAt: stored.proposedAt,
    reason: stored.reason ?? null,
    requestId: stored.requestId,
    entityIds: stored.entityIds,
    payload: stored.payload,
    before: stored.before ?? null,
    after: stored.after ?? null,
    reviewer: stored.reviewer ?? null,
    reviewedAt: stored.reviewedAt ?? null,
    reviewReason: stored.reviewReason ?? null,
  };
}

async function replayed(tx: WriteTransaction, key: string, fingerprint: string): Promise<ChangeResult | undefined> {
  const [row] = await tx.runRow<{ change: StoredChange & { fingerprint: string } }>(FIND_BY_KEY, { key });
  if (!row) return undefined;
  if (row.change.fingerprint !== fingerprint) {
    throw new CurationError('CONFLICT', 'this idempotency key was already used for a different request; use a new key for a new change');
  }
  return { change: toChange(row.change), replayed: true };
}

/**
 * What a change reads and writes, for the writes sharing its transaction: its entity ids (entityIdsOf),
 * except for retracting or merging an entity, which also reaches its neighbours' edges and the edges
 * citing it, so it runs with nothing beside it.
 */
function keysOf(operation: ChangePayload['operation'], entityIds: readonly string[]): string[] {
  if (operation === 'RETRACT_ENTITY' || operation === 'MERGE_ENTITIES') return [EVERY_KEY];
  return entityIds.map((id) => `entity:${id}`);
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
