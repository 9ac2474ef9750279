/**
 * Resolvers of entity fields. Relationship fields read the value the root field's statement
 * prefetched (by response key); an entity that arrived without it (e.g. from a traversal) falls back
 * to a per-request DataLoader that fetches the field, and everything below it, for all parents at once.
 */
import type { GraphQLResolveInfo } from 'graphql';
import {
  evidenceFromLists,
  type ConnectionEdgeRecord,
  type ConnectionRecord,
  type EntityRecord,
  type EvidenceRecord,
  type Prefetched,
  type RouteHopRecord,
} from '../../../domain/entity/entity.types';
import { fieldAtEnd, relationshipType } from '../../../domain/model';
import { memoized, type GraphQLContext } from '../../context';
import { encodeCursor, planRelation, selectsMoreThanId } from '../../selection';

type Field<TResult, TParent> = (parent: TParent, args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) => TResult | Promise<TResult>;

function isConnection(value: Prefetched | undefined): value is ConnectionRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '__connection' in value;
}

function prefetchedOrLoaded(parent: EntityRecord, context: GraphQLContext, info: GraphQLResolveInfo): Prefetched | Promise<Prefetched> {
  const key = typeof info.path.key === 'string' ? info.path.key : info.fieldName;
  const prefetched = parent.__prefetched?.[key];
  if (prefetched !== undefined) return prefetched;
  const plan = memoized(context, info.fieldNodes, `relation:${info.parentType.name}`, () => planRelation(info));
  if (!plan) return null;
  return context.entities.relation(plan).load(parent.id);
}

function then<T, U>(value: T | Promise<T>, map: (resolved: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(map) : map(value);
}

/** A plain relationship list (`symptoms`, `conditions`, `sources`, ...). */
export const listField: Field<EntityRecord[], EntityRecord> = (parent, _args, context, info) =>
  then(prefetchedOrLoaded(parent, context, info), (value) => (Array.isArray(value) ? value : []));

/** A single related entity (`parent`). */
export const singleField: Field<EntityRecord | null, EntityRecord> = (parent, _args, context, info) =>
  then(prefetchedOrLoaded(parent, context, info), (value) => (value && !Array.isArray(value) && !isConnection(value) ? value : null));

const EMPTY_CONNECTION: ConnectionRecord = { __connection: true, items: [], limit: 0, after: false, totalCount: 0, order: '' };

/** A ...Connection field (`symptomsConnection`). */
export const connectionField: Field<ConnectionRecord, EntityRecord> = (parent, _args, context, info) =>
  then(prefetchedOrLoaded(parent, context, info), (value) => (isConnection(value) ? value : EMPTY_CONNECTION));

function edgesOf(connection: ConnectionRecord): (ConnectionEdgeRecord & { __order: string })[] {
  return connection.items.slice(0, connection.limit).map((item) => Object.assign(item, { __order: connection.order }));
}

function cursorOf(edge: ConnectionEdgeRecord & { __order?: string }): string {
  return encodeCursor(edge.__order ?? '', edge.__k, edge.node.id);
}

/** Every ...Connection type (root lists and nested fields share one record shape). */
export const connectionResolvers = {
  totalCount: (connection: ConnectionRecord) => connection.totalCount ?? 0,
  pageInfo: (connection: ConnectionRecord) => connection,
  edges: (connection: ConnectionRecord) => edgesOf(connection),
};

/** Every ...Edge type. */
export const edgeResolvers = {
  cursor: (edge: ConnectionEdgeRecord) => cursorOf(edge),
  node: (edge: ConnectionEdgeRecord) => edge.node,
  evidence: (edge: ConnectionEdgeRecord) => evidenceFromLists(edge.__evidence, edge.__evidenceSources),
};

/** StatementEdge: what the stored type says, read from the catalogue. */
export const statementEdgeResolvers = {
  ...edgeResolvers,
  type: (edge: ConnectionEdgeRecord) => statementOf(edge).positive,
  negated: (edge: ConnectionEdgeRecord) => statementOf(edge).negated,
  predicate: (edge: ConnectionEdgeRecord) => statementOf(edge).spec.predicate,
  direction: (edge: ConnectionEdgeRecord) => (edge.__out ? 'OUT' : 'IN') as 'OUT' | 'IN',
  field: (edge: ConnectionEdgeRecord) => fieldAtEnd(statementOf(edge).positive, edge.__out ? 'out' : 'in'),
};

function statementOf(edge: ConnectionEdgeRecord) {
  return relationshipType(edge.__type ?? '');
}

/** The edges of a field answered through routes (Condition.specialistsConnection(via:)). */
export const routedEdgeResolvers = {
  ...edgeResolvers,
  stated: (edge: ConnectionEdgeRecord) => (edge.__paths ?? []).some((path) => path.via === 'DIRECT'),
  paths: (edge: ConnectionEdgeRecord) => edge.__paths ?? [],
};

export const routeHopResolvers = {
  type: (hop: RouteHopRecord) => relationshipType(hop.type).positive,
  predicate: (hop: RouteHopRecord) => relationshipType(hop.type).spec.predicate,
  evidence: (hop: RouteHopRecord) => evidenceFromLists([hop.evidence]),
};

export const rootEdgeResolvers = {
  ...edgeResolvers,
  relatedCount: (edge: ConnectionEdgeRecord) => edge.__count ?? null,
};

export const pageInfoResolvers = {
  hasNextPage: (connection: ConnectionRecord) => connection.items.length > connection.limit,
  hasPreviousPage: (connection: ConnectionRecord) => connection.after,
  startCursor: (connection: ConnectionRecord) => {
    const [first] = edgesOf(connection);
    return first ? cursorOf(first) : null;
  },
  endCursor: (connection: ConnectionRecord) => {
    const edges = edgesOf(connection);
    const last = edges[edges.length - 1];
    return last ? cursorOf(last) : null;
  },
};

/** A Source known only by its id (an id without a Source node, or when only `source { id }` is asked). */
function sourceStub(id: string): EntityRecord {
  return { id, kind: 'Source', name: id, aliases: [], description: null, xrefs: [] };
}

export const evidenceResolvers = {
  sourceId: (evidence: EvidenceRecord) => evidence.source,
  source: (evidence: EvidenceRecord, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo): EntityRecord | Promise<EntityRecord> => {
    if (evidence.__source) return evidence.__source;
    if (!memoized(context, info.fieldNodes, 'moreThanId', () => selectsMoreThanId(info))) return sourceStub(evidence.source);
    return context.entities.byId.load(evidence.source).then((source) => source ?? sourceStub(evidence.source));
  },
};

/** Fact's own evidence: prefetched, or read with the fact's full record. */
export const factEvidence: Field<EvidenceRecord[], EntityRecord> = (fact, _args, context) => {
  if (fact.__evidence !== undefined) return evidenceFromLists(fact.__evidence, fact.__evidenceSources);
  return context.entities.byId.load(fact.id).then((full) => evidenceFromLists(full?.__evidence, full?.__evidenceSources));
};
