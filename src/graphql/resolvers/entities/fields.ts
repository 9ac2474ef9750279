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
  type TextSpanRecord,
} from '../../../domain/entity/entity.types';
import { fieldAtEnd, relationshipType } from '../../../domain/model';
import { decodeSpans, selector, sentenceAround, type Span } from '../../../domain/text/quote-spans';
import { memoized, type GraphQLContext } from '../../context';
import { badUserInput } from '../../errors';
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
  then(prefetchedOrLoaded(parent, context, info), (value) => (value && typeof value === 'object' && !Array.isArray(value) && !isConnection(value) ? value : null));

const EMPTY_CONNECTION: ConnectionRecord = { __connection: true, items: [], limit: 0, after: false, totalCount: 0, order: '' };

/** A fetched connection as a whole record: one asked only for its totalCount arrives as that number. */
function connectionOf(value: Prefetched): ConnectionRecord {
  if (typeof value === 'number') return { ...EMPTY_CONNECTION, totalCount: value };
  return isConnection(value) ? value : EMPTY_CONNECTION;
}

/** A ...Connection field (`symptomsConnection`). */
export const connectionField: Field<ConnectionRecord, EntityRecord> = (parent, _args, context, info) =>
  then(prefetchedOrLoaded(parent, context, info), connectionOf);

function edgesOf(connection: ConnectionRecord): (ConnectionEdgeRecord & { __order: string })[] {
  return connection.items.slice(0, connection.limit).map((item) => Object.assign(item, { __order: connection.order }));
}

function cursorOf(edge: ConnectionEdgeRecord & { __order?: string }): string {
  return encodeCursor(edge.__order ?? '', edge.__k ?? '', edge.node.id);
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
  status: (edge: ConnectionEdgeRecord) => (edge.__proposal ? 'PROPOSED' : 'ACCEPTED') as 'PROPOSED' | 'ACCEPTED',
  change: (edge: ConnectionEdgeRecord) => edge.__proposal ?? null,
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

/** A Source by id, as little as the selection needs: a stub when only its id is asked for. */
function sourceById(id: string, context: GraphQLContext, info: GraphQLResolveInfo): EntityRecord | Promise<EntityRecord> {
  if (!memoized(context, info.fieldNodes, 'moreThanId', () => selectsMoreThanId(info))) return sourceStub(id);
  return context.entities.byId.load(id).then((source) => source ?? sourceStub(id));
}

export const evidenceResolvers = {
  sourceId: (evidence: EvidenceRecord) => evidence.source,
  source: (evidence: EvidenceRecord, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo): EntityRecord | Promise<EntityRecord> =>
    evidence.__source ?? sourceById(evidence.source, context, info),
  /** The stored offsets, with the exact texts the evidence holds (the quote, then the intro). */
  spans: async (evidence: EvidenceRecord, _args: unknown, context: GraphQLContext): Promise<TextSpanRecord[]> => {
    const spans = evidence.spans ? (decodeSpans(evidence.spans) ?? []) : [];
    if (spans.length === 0) return [];
    const holder = (await context.entities.sourceText.load(evidence.source))?.holder ?? evidence.source;
    const exacts = [evidence.quote, evidence.intro ?? ''];
    return spans.map((span, i) => ({ start: span.start, end: span.end, exact: exacts[i] ?? '', source: holder }));
  },
};

/** The text a span is in (loaded once per request and Source). */
async function textOf(span: TextSpanRecord, context: GraphQLContext): Promise<string> {
  return (await context.entities.sourceText.load(span.source))?.quotedText ?? '';
}

export const textSpanResolvers = {
  prefix: async (span: TextSpanRecord, _args: unknown, context: GraphQLContext) => selector(await textOf(span, context), span).prefix,
  suffix: async (span: TextSpanRecord, _args: unknown, context: GraphQLContext) => selector(await textOf(span, context), span).suffix,
  sentence: async (span: TextSpanRecord, _args: unknown, context: GraphQLContext) => {
    const text = await textOf(span, context);
    const sentence: Span = sentenceAround(text, span);
    return text.slice(sentence.start, sentence.end);
  },
  source: (span: TextSpanRecord, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) => sourceById(span.source, context, info),
};

/** At most this many characters of a Source's text per request. */
export const MAX_TEXT_LENGTH = 20_000;

export const sourceTextResolvers = {
  textLength: async (source: EntityRecord, _args: unknown, context: GraphQLContext) => (await context.entities.sourceText.load(source.id))?.text?.length ?? null,
  text: async (source: EntityRecord, args: { start?: number | null; length?: number | null }, context: GraphQLContext) => {
    const start = args.start ?? 0;
    const length = args.length ?? MAX_TEXT_LENGTH;
    if (start < 0) throw badUserInput('`start` must be 0 or more.', 'start');
    if (length < 0 || length > MAX_TEXT_LENGTH) throw badUserInput(`\`length\` must be between 0 and ${MAX_TEXT_LENGTH}; page through a longer text with \`start\`.`, 'length');
    const text = (await context.entities.sourceText.load(source.id))?.text;
    return text === null || text === undefined ? null : text.slice(start, start + length);
  },
  citedIn: async (source: EntityRecord, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) => {
    const citedIn = (await context.entities.sourceText.load(source.id))?.citedIn;
    return citedIn ? sourceById(citedIn, context, info) : null;
  },
};

/** Fact's own evidence: prefetched, or read with the fact's full record. */
export const factEvidence: Field<EvidenceRecord[], EntityRecord> = (fact, _args, context) => {
  if (fact.__evidence !== undefined) return evidenceFromLists(fact.__evidence, fact.__evidenceSources);
  return context.entities.byId.load(fact.id).then((full) => evidenceFromLists(full?.__evidence, full?.__evidenceSources));
};
