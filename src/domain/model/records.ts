/**
 * Entity properties and the neutral records the loader takes (seed YAML, KGX, HPO and the benchmark
 * all produce these). Entities have id, kind, name, aliases[], description?, xrefs[], owner, plus
 * the kind-specific properties of KIND_PROPERTIES.
 */
import type { Evidence } from './evidence';
import type { Kind } from './kinds';
import type { RelType } from './relationships';

/** Properties every entity node has. `description` may be absent. */
export const COMMON_PROPERTIES = ['id', 'kind', 'name', 'aliases', 'description', 'xrefs', 'owner'] as const;

/** Kind-specific properties (all optional). */
export const KIND_PROPERTIES = {
  Source: ['title', 'authors', 'publisher', 'year', 'refNumber', 'url', 'citedIn'],
  Fact: ['statement', 'negated'],
} as const satisfies Partial<Record<Kind, readonly string[]>>;

/**
 * A Source's full text (the article), when the graph holds it: quotes citing the source, or a source
 * `citedIn` it, are spans of it. Kept out of KIND_PROPERTIES so that reading entities never drags a
 * whole text along; read through Source.text (capped) and the evidence spans.
 */
export const SOURCE_TEXT_PROPERTY = 'text' as const;

/** Who loaded a node or relationship. Re-loading an owner replaces exactly what it owns. */
export const OWNERS = ['seed', 'kgx', 'hpo', 'bench', 'curation'] as const;
export type KnownOwner = (typeof OWNERS)[number];

export interface NodeRecord {
  id: string;
  kind: Kind;
  name: string;
  aliases: string[];
  description?: string;
  xrefs: string[];
  owner: string;
  // Source
  title?: string;
  authors?: string[];
  publisher?: string;
  year?: number;
  refNumber?: number;
  url?: string;
  /** The source's full text, when the graph holds it (quotes citing it are spans of it). */
  text?: string;
  /**
   * The id of the Source whose text cites this one: quotes attributed to this source are spans of
   * that text (the article's references: their words are known only as the article quotes them).
   */
  citedIn?: string;
  /** Accepted curation updates (absent: 1, as created). */
  version?: number;
  // Fact
  statement?: string;
  negated?: boolean;
  /** Facts only: the Fact's own provenance. */
  evidence?: Evidence[];
}

export interface EdgeRecord {
  type: RelType;
  subject: string;
  object: string;
  owner: string;
  evidence: Evidence[];
}

export interface GraphInput {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
}

