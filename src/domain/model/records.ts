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
  Source: ['title', 'authors', 'publisher', 'year', 'refNumber', 'url'],
  Fact: ['statement', 'negated'],
} as const satisfies Partial<Record<Kind, readonly string[]>>;

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

