/**
 * A SelectionPlan: what one root field (or one relationship field) asks for below it, in domain terms.
 * The GraphQL layer builds it from a selection set (src/graphql/selection); the projection compiler
 * turns it into one Cypher map projection. Nothing here knows about GraphQL.
 */
import type { Kind, RelType } from '../model';
import type { Direction } from '../entity/relation-fields';

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
] as const;
export type EntityProperty = (typeof ENTITY_PROPERTIES)[number];

export function isEntityProperty(name: string): name is EntityProperty {
  return (ENTITY_PROPERTIES as readonly string[]).includes(name);
}

/** What to fetch of one entity. `id` and `kind` are always fetched. */
export interface NodePlan {
  readonly properties: readonly EntityProperty[];
  readonly relations: readonly RelationPlan[];
  /** Fact only: its own evidence. */
  readonly evidence: EvidencePlan | null;
}

/** Where the items of a relationship field come from. */
export type RelationSource =
  | {
      readonly kind: 'edge';
      /** A whitelisted relationship type (NOT_-prefixed for negated statements). */
      readonly type: RelType;
      readonly direction: Direction;
      /** Kinds allowed at the other end (labels from model.ts). */
      readonly targets: readonly Kind[];
    }
  /** The Source entities cited by the evidence of every relationship of the node. */
  | { readonly kind: 'sources' };

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
  /** connection: the evidence of each edge, when selected. */
  readonly evidence: EvidencePlan | null;
  readonly node: NodePlan;
}

export interface EvidencePlan {
  /** The Source entity of each piece of evidence, when more than its id is selected. */
  readonly source: NodePlan | null;
}

export const EMPTY_NODE_PLAN: NodePlan = { properties: [], relations: [], evidence: null };

/** The ordering id of nested lists and connections (cursors carry it). */
export const NESTED_ORDER = 'NAME:ASC';
