/**
 * A SelectionPlan: what one root field (or one relationship field) asks for below it, in domain terms.
 * The GraphQL layer builds it from a selection set (src/graphql/selection); the projection compiler
 * turns it into one Cypher map projection. Nothing here knows about GraphQL.
 */
import type { EvidenceKey, Kind, RelType, Route } from '../model';
import type { Direction } from '../model';

/** Entity properties a client may select: the only property names a projection may name. */
export const ENTITY_PROPERTIES = [
  'id',
  'kind',
  'name',
  'aliases',
  'description',
  'xrefs',
  'title',
  'authors',
  'publisher',
  'year',
  'refNumber',
  'url',
  'statement',
  'negated',
  'version',
] as const;
export type EntityProperty = (typeof ENTITY_PROPERTIES)[number];

export function isEntityProperty(name: string): name is EntityProperty {
  return (ENTITY_PROPERTIES as readonly string[]).includes(name);
}

/** What to fetch of one entity. `id` is always fetched, and `kind` unless `kindImplied`. */
export interface NodePlan {
  readonly properties: readonly EntityProperty[];
  readonly relations: readonly RelationPlan[];
  /** Fact only: its own evidence. */
  readonly evidence: EvidencePlan | null;
  /**
   * The GraphQL field's type is one kind (not the Entity interface), so nothing resolves the item's
   * type from its `kind`: it is fetched only when selected. On a list of 10,000 items that is a tenth
   * of the bytes from Neo4j and a third of the strings the driver decodes (issue 19).
   */
  readonly kindImplied?: boolean;
}

/** Where the items of a relationship field come from. */
export type RelationSource =
  | {
      readonly kind: 'edge';
      /** A whitelisted relationship type (NOT_-prefixed for negated statements). */
      readonly type: RelType;
      readonly direction: Direction;
      /** Kinds allowed at the other end (labels from domain/model). */
      readonly targets: readonly Kind[];
      /**
       * Whether `targets` are every kind the catalogue allows at the other end: a count then needs no
       * label test and reads the relationship degree (domain/model/degrees.ts).
       */
      readonly exhaustive: boolean;
    }
  /** The Source entities cited by the evidence of every relationship of the node. */
  | { readonly kind: 'sources' }
  /** Every statement of these types (positive and/or NOT_) touching the node (Entity.statements). */
  | {
      readonly kind: 'statements';
      /** Whitelisted relationship types, at least one. */
      readonly types: readonly RelType[];
      readonly direction: Direction | 'both';
    }
  /** A field answered through routes of the catalogue (domain/model/routes.ts): the routes asked for. */
  | { readonly kind: 'routes'; readonly routes: readonly Route[]; readonly targets: readonly Kind[] };

/** A position in an ordered list: the sort key and the id. */
export interface Position {
  readonly key: string | number;
  readonly id: string;
}

export interface RelationPlan {
  /** The GraphQL response key (alias or field name): where the result is stored. */
  readonly key: string;
  /** The parent kinds this field applies to; null for all (the parent's type is an object type). */
  readonly onKinds: readonly Kind[] | null;
  readonly source: RelationSource;
  /** list: an array; single: the first item or null; connection: a ConnectionRecord. */
  readonly shape: 'list' | 'single' | 'connection';
  /** Items to return (connection: page size; one more is fetched to tell whether a next page exists). */
  readonly limit: number;
  /** connection: start after this position (order: name, then id). */
  readonly after: Position | null;
  /** connection: whether totalCount is selected. */
  readonly totalCount: boolean;
  /** connection: whether a page (edges or pageInfo) is selected; without one, no item is fetched. */
  readonly page: boolean;
  /**
   * connection: whether a cursor is selected (`edges.cursor`, `pageInfo.startCursor`/`endCursor`);
   * without one the items come without their sort key. Absent: as if selected.
   */
  readonly cursors?: boolean;
  /** connection: the evidence of each edge, when selected. */
  readonly evidence: EvidencePlan | null;
  readonly node: NodePlan;
}

export interface EvidencePlan {
  /**
   * The Evidence fields selected (`source` also stands for `sourceId`); only their lists are fetched,
   * plus `evSources`, which says how many pieces there are. Absent: every list (callers with no
   * selection to go by).
   */
  readonly fields?: readonly EvidenceKey[];
  /** The Source entity of each piece of evidence, when more than its id is selected. */
  readonly source: NodePlan | null;
}

export const EMPTY_NODE_PLAN: NodePlan = { properties: [], relations: [], evidence: null };

/**
 * What a traversal's answer needs of the entities and evidence it returns, wherever they appear in
 * it (a link's condition and via, a subgraph's nodes and edge ends, ...): they are one pool of
 * records in the statement, so one plan covers them all. `node.relations` is empty: relationship
 * fields below a traversal's entities are resolved by the entity resolvers.
 */
export interface TraversalPlan {
  /** Properties of every entity returned, and the Fact evidence when a Fact's `evidence` is selected. */
  readonly node: NodePlan;
  /** The evidence of the relationships returned (links, edges, matches); null when none is selected. */
  readonly evidence: EvidencePlan | null;
}

/** A plan with the properties of both (relationship fields dropped). */
export function mergeNodeProperties(a: NodePlan | null, b: NodePlan | null): NodePlan | null {
  if (!a || !b) return a ?? b;
  return { properties: [...new Set([...a.properties, ...b.properties])], relations: [], evidence: mergeEvidencePlans(a.evidence, b.evidence) };
}

/** An evidence plan asking for what either asks for. */
export function mergeEvidencePlans(a: EvidencePlan | null, b: EvidencePlan | null): EvidencePlan | null {
  if (!a || !b) return a ?? b;
  const source = mergeNodeProperties(a.source, b.source);
  if (!a.fields || !b.fields) return { source };
  return { fields: [...new Set([...a.fields, ...b.fields])], source };
}

/** The Source entities a traversal must fetch with its evidence: null when no more than their ids is selected. */
export function citedSourcesPlan(plan: TraversalPlan): NodePlan | null {
  return mergeNodeProperties(plan.node.evidence?.source ?? null, plan.evidence?.source ?? null);
}

/** The ordering id of nested lists and connections (cursors carry it). */
export const NESTED_ORDER = 'NAME:ASC';
/** The ordering id of Entity.statements: type, direction, the other end's name, id. */
export const STATEMENTS_ORDER = 'STATEMENT:ASC';

/** The ordering id of the items of a relationship field from this source. */
export function orderOf(source: RelationSource): string {
  return source.kind === 'statements' ? STATEMENTS_ORDER : NESTED_ORDER;
}
