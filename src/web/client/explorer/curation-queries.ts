import { query } from '../shared/graphql';
import type { EntityRef } from './types';

/**
 * Every operation of the explorer's Curate tab: who is signed in, the sources to cite, a proposal,
 * the reviewers' queue and a review. Plain GraphQL against the public schema (schema/curation.graphql,
 * schema/auth.graphql); test/unit/web checks that each one validates there.
 */
export const CURATION_OPERATIONS = {
  viewer: /* GraphQL */ `
    query ExplorerViewer {
      viewer { subject roles }
    }`,
  sources: /* GraphQL */ `
    query ExplorerSources {
      sources(first: 100, orderBy: { field: NAME }) { edges { node { id name } } }
    }`,
  propose: /* GraphQL */ `
    mutation ExplorerProposeStatement($input: AssertRelationshipInput!, $key: String) {
      assertRelationship(input: $input, idempotencyKey: $key) { change { id status } replayed }
    }`,
  pending: /* GraphQL */ `
    query ExplorerPendingChanges {
      changes(status: PROPOSED, first: 50) { totalCount nodes { id operation actor proposedAt reason payload } }
    }`,
  review: /* GraphQL */ `
    mutation ExplorerReviewChange($id: ID!, $decision: ReviewDecision!, $reason: String) {
      reviewChange(id: $id, decision: $decision, reason: $reason) { change { id status reviewer } }
    }`,
} as const;

export type Role = 'CURATOR' | 'REVIEWER' | 'ADMIN';

export interface SignedIn {
  subject: string;
  roles: Role[];
}

export interface ProposedChange {
  id: string;
  status: string;
  replayed: boolean;
}

export interface StatementProposal {
  subject: string;
  type: string;
  object: string;
  negated: boolean;
  evidence: { source: string; quote: string }[];
  reason?: string;
}

/** A pending change, as the reviewers' queue lists it. `payload` is the validated input, as JSON. */
export interface PendingChange {
  id: string;
  operation: string;
  actor: string;
  proposedAt: string;
  reason: string | null;
  payload: string;
}

/** Who the token says the caller is; throws the server's message for an invalid or expired token. */
export async function fetchViewer(endpoint: string, token: string): Promise<SignedIn> {
  const data = await query<{ viewer: SignedIn | null }>(endpoint, CURATION_OPERATIONS.viewer, {}, undefined, token);
  if (!data.viewer) throw new Error('The server did not recognise this token.');
  return data.viewer;
}

export async function listSources(endpoint: string): Promise<EntityRef[]> {
  const data = await query<{ sources: { edges: { node: { id: string; name: string } }[] } }>(endpoint, CURATION_OPERATIONS.sources);
  return data.sources.edges.map((edge) => ({ ...edge.node, kind: 'Source' }));
}

export async function proposeStatement(endpoint: string, token: string, input: StatementProposal, key: string): Promise<ProposedChange> {
  const data = await query<{ assertRelationship: { change: { id: string; status: string }; replayed: boolean } }>(
    endpoint,
    CURATION_OPERATIONS.propose,
    { input, key },
    undefined,
    token,
  );
  return { ...data.assertRelationship.change, replayed: data.assertRelationship.replayed };
}

export async function listPending(endpoint: string, token: string): Promise<{ changes: PendingChange[]; total: number }> {
  const data = await query<{ changes: { totalCount: number; nodes: PendingChange[] } }>(endpoint, CURATION_OPERATIONS.pending, {}, undefined, token);
  return { changes: data.changes.nodes, total: data.changes.totalCount };
}

export async function reviewChange(endpoint: string, token: string, id: string, decision: 'ACCEPT' | 'REJECT', reason?: string): Promise<{ status: string; reviewer: string | null }> {
  const data = await query<{ reviewChange: { change: { status: string; reviewer: string | null } } }>(
    endpoint,
    CURATION_OPERATIONS.review,
    { id, decision, reason: reason || null },
    undefined,
    token,
  );
  return data.reviewChange.change;
}
