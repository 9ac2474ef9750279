import { createHash, randomUUID } from 'node:crypto';
import type { Database, WriteTransaction } from '../../db';
import { evidenceFromProps, evidenceToProps, nodeToProps } from '../../ingest/records';
import { validateGraph } from '../../ingest/validate';
import { CHANGE_LABEL, ENTITY_LABEL, kindLabel, relationshipType, type EdgeRecord, type Evidence, type Kind } from '../model';
import { anchorGraph, sourceTextsFromRows } from '../text/evidence-quotes';
import { collapseWhitespace } from '../text/quote-spans';
import {
  CurationError,
  type Actor,
  type ChangePayload,
  type ChangeRecord,
  type ChangeResult,
  type ChangeStatus,
  type CuratedNode,
  type ReviewDecision,
} from './change.types';

// Change records: the audit trail, one node per proposal, never deleted.
const FIND_BY_KEY = `MATCH (c:${CHANGE_LABEL} {idempotencyKey: $key}) RETURN c {.*} AS change`;
const CREATE_CHANGE = `CREATE (c:${CHANGE_LABEL}) SET c = $props, c.proposedAt = datetime() RETURN c {.*} AS change`;
// Locks the change before reading it, so two concurrent reviews cannot both see it PROPOSED.
const LOCK_CHANGE = `MATCH (c:${CHANGE_LABEL} {id: $id}) SET c.lockedBy = $requestId REMOVE c.lockedBy`;
const READ_CHANGE = `MATCH (c:${CHANGE_LABEL} {id: $id}) RETURN c {.*} AS change`;
const RECORD_REVIEW = `
  MATCH (c:${CHANGE_LABEL} {id: $id})
  SET c.status = $status, c.reviewer = $reviewer, c.reviewedAt = datetime(), c.reviewReason = $reason,
      c.reviewRequestId = $requestId, c.before = $before, c.after = $after
  RETURN c {.*} AS change`;
const ENTITY_FACTS = `
  MATCH (n:${ENTITY_LABEL}) WHERE n.id IN $ids
  OPTIONAL MATCH (holder:${ENTITY_LABEL} {id: n.citedIn})
  RETURN n.id AS id, n.kind AS kind, n.name AS name, n.text AS text, n.citedIn AS citedIn, holder.text AS holderText`;
const LIST_CHANGES = `
  MATCH (c:${CHANGE_LABEL})
  WHERE ($since IS NULL OR c.proposedAt >= datetime($since))
    AND ($entityId IS NULL OR $entityId IN c.entityIds)
    AND ($actor IS NULL OR c.actor = $actor)
    AND ($status IS NULL OR c.status = $status)
  WITH c ORDER BY c.proposedAt DESC, c.id DESC
  WITH collect(c {.*}) AS matching
  RETURN size(matching) AS totalCount, matching[$skip..$skip + $first + 1] AS page`;

/** Statements per relationship type and kind label (types and labels come from the model's whitelist only). */
function readEdgeStatement(type: string): string {
  return `MATCH (:${ENTITY_LABEL} {id: $s})-[r:${relationshipType(type).type}]->(:${ENTITY_LABEL} {id: $o}) RETURN properties(r) AS props`;
}
function createEdgeStatement(type: string): string {
  return `MATCH (s:${ENTITY_LABEL} {id: $s}), (o:${ENTITY_LABEL} {id: $o}) CREATE (s)-[r:${relationshipType(type).type}]->(o) SET r = $props`;
}
function updateEdgeStatement(type: string): string {
  return `MATCH (:${ENTITY_LABEL} {id: $s})-[r:${relationshipType(type).type}]->(:${ENTITY_LABEL} {id: $o}) SET r += $props`;
}
function createNodeStatement(kind: Kind): string {
  return `CREATE (n:${ENTITY_LABEL}:${kindLabel(kind)}) SET n = $props`;
}

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
    const run = () =>
      this.inTransaction(async (tx) => {
        if (key !== null) {
          const replay = await replayed(tx, key, fingerprint);
          if (replay) return replay;
        }
        const payload = await checkAgainstGraph(tx, request.payload);
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
        };
        const [row] = await tx.run<{ change: StoredChange }>(CREATE_CHANGE, { props });
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
    return this.inTransaction(async (tx) => {
      await tx.run(LOCK_CHANGE, { id, requestId: reviewer.requestId });
      const [row] = await tx.run<{ change: StoredChange }>(READ_CHANGE, { id });
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
      let before: string | null = null;
      let after: string | null = null;
      if (decision === 'ACCEPT') {
        let payload = JSON.parse(change.payload) as ChangePayload;
        try {
          payload = await checkAgainstGraph(tx, payload);
        } catch (error) {
          if (error instanceof CurationError) throw new CurationError('CONFLICT', `change ${id} no longer fits the graph: ${error.message}`);
          throw error;
        }
        ({ before, after } = await apply(tx, payload));
      }
      const [updated] = await tx.run<{ change: StoredChange }>(RECORD_REVIEW, { id, status, reviewer: reviewer.subject, reason, requestId: reviewer.requestId, before, after });
      return { change: toChange(updated!.change), replayed: false };
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

  /** db.write maps every failure to a DatabaseError; a CurationError thrown by the work must reach the caller as itself. */
  private async inTransaction<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    let refusal: CurationError | undefined;
    try {
      return await this.db.write(async (tx) => {
        try {
          return await work(tx);
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
  Partial<Pick<ChangeRecord, 'reason' | 'before' | 'after' | 'reviewer' | 'reviewedAt' | 'reviewReason'>>;

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
  const [row] = await tx.run<{ change: StoredChange & { fingerprint: string } }>(FIND_BY_KEY, { key });
  if (!row) return undefined;
  if (row.change.fingerprint !== fingerprint) {
    throw new CurationError('CONFLICT', 'this idempotency key was already used for a different request; use a new key for a new change');
  }
  return { change: toChange(row.change), replayed: true };
}

function entityIdsOf(payload: ChangePayload): string[] {
  if (payload.operation === 'ASSERT_RELATIONSHIP') {
    return [...new Set([payload.edge.subject, payload.edge.object, ...payload.edge.evidence.map((ev) => ev.source)])];
  }
  return [payload.node.id];
}

type EntityFacts = {
  id: string;
  kind: Kind;
  name: string;
  text: string | null;
  citedIn: string | null;
  holderText: string | null;
};

/**
 * The import path's validation, against the entities the change refers to, and the live-graph rules.
 * Quotes follow the one set of quote rules (src/domain/text): a quote of a source whose text the graph
 * holds is anchored as an exact span of it (the payload returned carries the offsets) or refused with
 * the nearest passage.
 */
async function checkAgainstGraph(tx: WriteTransaction, payload: ChangePayload): Promise<ChangePayload> {
  const facts = await tx.run<EntityFacts>(ENTITY_FACTS, { ids: entityIdsOf(payload) });
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  const problems: string[] = [];
  let checked = payload;
  if (payload.operation === 'ASSERT_RELATIONSHIP') {
    const texts = sourceTextsFromRows(facts);
    const edge = anchorGraph({ nodes: [], edges: [payload.edge] }, texts).edges[0] ?? payload.edge;
    const issues = validateGraph(
      { nodes: [], edges: [edge] },
      { existing: new Map(facts.map((fact) => [fact.id, fact.kind])), sourceTexts: texts, origins: { edges: [{ file: 'input', record: 'relationship' }] } },
    );
    problems.push(...issues.map((issue) => `${issue.field}: ${issue.message}`));
    checked = { ...payload, edge };
  } else {
    const { text: _text, ...node } = payload.node;
    const issues = validateGraph({ nodes: [node], edges: [] }, { origins: { nodes: [{ file: 'input', record: node.id }] } });
    problems.push(...issues.map((issue) => `${issue.field}: ${issue.message}`));
    const taken = byId.get(node.id);
    if (taken) problems.push(`id: "${node.id}" is already taken by the ${taken.kind} "${taken.name}"; choose another id`);
  }
  if (problems.length > 0) throw new CurationError('INVALID', problems.map((problem) => `input.${problem}`).join('; '));
  return checked;
}

/** Applies an accepted change: the same property shapes as the import path (records.ts). */
async function apply(tx: WriteTransaction, payload: ChangePayload): Promise<{ before: string | null; after: string }> {
  if (payload.operation !== 'ASSERT_RELATIONSHIP') {
    const node: CuratedNode = payload.node;
    const props = { ...nodeToProps(node), ...(node.text ? { text: node.text } : {}) };
    await tx.run(createNodeStatement(node.kind), { props });
    return { before: null, after: JSON.stringify(props) };
  }
  const edge: EdgeRecord = payload.edge;
  const params = { s: edge.subject, o: edge.object };
  const [existing] = await tx.run<{ props: Record<string, unknown> }>(readEdgeStatement(edge.type), params);
  if (!existing) {
    const props = { id: `${edge.subject}|${edge.type}|${edge.object}`, owner: edge.owner, ...evidenceToProps(edge.evidence) };
    await tx.run(createEdgeStatement(edge.type), { ...params, props });
    return { before: null, after: JSON.stringify(props) };
  }
  const held = evidenceFromProps(existing.props);
  const fresh = edge.evidence.filter((ev) => !held.some((old) => sameEvidence(old, ev)));
  if (fresh.length === 0) throw new CurationError('CONFLICT', 'the relationship already holds this evidence');
  const props = evidenceToProps([...held, ...fresh]);
  await tx.run(updateEdgeStatement(edge.type), { ...params, props });
  return { before: JSON.stringify(existing.props), after: JSON.stringify({ ...existing.props, ...props }) };
}

function sameEvidence(a: Evidence, b: Evidence): boolean {
  return a.source === b.source && collapseWhitespace(a.quote) === collapseWhitespace(b.quote) && collapseWhitespace(a.intro ?? '') === collapseWhitespace(b.intro ?? '');
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function shorten(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
