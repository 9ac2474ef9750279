/**
 * The records the API's entity types are mapped from (codegen mappers), shared by every part of the
 * API that returns entities: the entity lookups and lists, and the traversals. Domain code: nothing
 * here knows about GraphQL.
 */
import type { ChangeRecord, RetirementRecord } from '../curation/change.types';
import { EVIDENCE_FIELDS, type EvidenceKey, type Kind, type OptionalEvidenceKey, type RequiredEvidenceKey } from '../model';

/**
 * One entity node as the API sees it. A record built by the projection compiler holds `id`, `kind`
 * and the properties the client selected (it fetches only what is asked for); a record built any
 * other way should fill every property it has. Absent optional properties are `null`.
 */
export interface EntityRecord {
  id: string;
  kind: Kind;
  name: string;
  aliases: string[];
  description: string | null;
  xrefs: string[];
  // Source
  title?: string | null;
  authors?: string[] | null;
  publisher?: string | null;
  year?: number | null;
  refNumber?: number | null;
  url?: string | null;
  // Fact
  statement?: string | null;
  negated?: boolean | null;
  /** Accepted curation updates (absent: 1). */
  version?: number | null;
  /** Only on a retracted entity read with includeRetracted. */
  __retirement?: RetirementRecord | null;
  /** Fact only: the Fact's own evidence, as raw parallel lists (see `evidenceFromLists`). */
  __evidence?: EvidenceLists[] | null;
  /** Source entities cited by `__evidence`, when the selection asked for more than their id. */
  __evidenceSources?: EntityRecord[] | null;
  /**
   * Nested relationship fields fetched in the same Cypher statement as this record, keyed by the
   * GraphQL response key (the alias, or the field name). Absent keys are fetched by a DataLoader.
   */
  __prefetched?: Record<string, Prefetched>;
}

/** What a nested relationship field may hold once fetched. */
/** A nested connection asked for its totalCount alone (no edges, no pageInfo) is fetched as that number. */
export type Prefetched = EntityRecord[] | EntityRecord | null | ConnectionRecord | number;

/**
 * One piece of evidence for an edge or a Fact: one key per EVIDENCE_FIELDS entry (a new field there
 * appears here), optional ones `null` when the source gave none. `source` is the id of a Source
 * entity; `__source` is that entity when it was fetched with it.
 */
export type EvidenceRecord = { [K in RequiredEvidenceKey]: string } & { [K in OptionalEvidenceKey]: string | null } & {
  __source?: EntityRecord | null;
};

/**
 * The evidence of ONE relationship (or Fact node) as stored: parallel lists keyed by property name
 * (evSources, evQuotes, ...). Lists not fetched, or not stored, are absent/null.
 */
export type EvidenceLists = Partial<Record<(typeof EVIDENCE_FIELDS)[number]['property'], readonly string[] | null>>;

/** A Source's stored text (null when the graph holds none) and the text its quotes are spans of. */
export interface SourceTextRecord {
  text: string | null;
  citedIn: string | null;
  /** The Source whose text holds this source's quotes (itself, or the one it is cited in). */
  holder: string | null;
  quotedText: string | null;
}

/** A span of a stored text (Evidence.spans): offsets, the exact text, and the Source whose text it is. */
export interface TextSpanRecord {
  start: number;
  end: number;
  exact: string;
  source: string;
}

/** A page of a list (a root list or a nested ...Connection), as fetched: `limit + 1` items at most. */
export interface ConnectionRecord {
  __connection: true;
  /** The fetched items, in order; one more than `limit` when there is a next page. */
  items: ConnectionEdgeRecord[];
  /** The page size asked for. */
  limit: number;
  /** Whether the page starts after a cursor. */
  after: boolean;
  /** Total number of matching items, when it was asked for (else null). */
  totalCount: number | null;
  /** Identifies the ordering the cursors are positions in (e.g. `NAME:ASC`). */
  order: string;
  /** Entity.statements(includeProposed: true): the proposed statements, after the accepted page. */
  __proposed?: ConnectionEdgeRecord[];
}

/** One item of a page: the node, the sort key of its position, and the evidence linking it. */
export interface ConnectionEdgeRecord {
  node: EntityRecord;
  /**
   * The sort key of this item (lower-cased name, id or a count); with `node.id` it is the position.
   * Fetched only when a cursor is selected (and, ordered by a count, always: it is the count).
   */
  __k?: string | number;
  /** Evidence of the relationship(s) behind this edge, raw (see `evidenceFromLists`). */
  __evidence?: EvidenceLists[] | null;
  __evidenceSources?: EntityRecord[] | null;
  /** Root lists ordered by a count: that count. */
  __count?: number | null;
  /** Entity.statements: the stored relationship type (NOT_-prefixed when negative). */
  __type?: string;
  /** Entity.statements: whether the entity asked on is the subject. */
  __out?: boolean;
  /** A field answered through routes (Condition.specialistsConnection(via:)): every way the node was reached. */
  __paths?: RoutePathRecord[] | null;
  /** Entity.statements(includeProposed: true): a statement proposed and not yet reviewed, and its change. */
  __proposal?: ChangeRecord | null;
}

/** One way a routed answer was reached (see domain/model/routes.ts). */
export interface RoutePathRecord {
  via: string;
  hops: RouteHopRecord[];
}

/** One stored statement of a path: its type, ends (id, kind, name and the other base properties) and evidence lists. */
export interface RouteHopRecord {
  type: string;
  subject: EntityRecord;
  object: EntityRecord;
  evidence: EvidenceLists;
}

/** The evidence property names, e.g. for a Cypher map projection `r { .evSources, .evQuotes, ... }`. */
export const EVIDENCE_PROPERTIES = EVIDENCE_FIELDS.map((field) => field.property);

const REQUIRED_KEYS = new Set<EvidenceKey>(EVIDENCE_FIELDS.filter((f) => f.required).map((f) => f.key));

/**
 * Zips the parallel evidence lists of one or more relationships into records. Lists that were not
 * fetched give '' for required and null for optional fields; '' in an optional list means "absent".
 */
export function evidenceFromLists(
  lists: readonly (EvidenceLists | null | undefined)[] | null | undefined,
  sources?: readonly EntityRecord[] | null,
): EvidenceRecord[] {
  const byId = new Map((sources ?? []).map((source) => [source.id, source]));
  const out: EvidenceRecord[] = [];
  for (const entry of lists ?? []) {
    if (!entry) continue;
    const length = entry.evSources?.length ?? entry.evQuotes?.length ?? 0;
    for (let i = 0; i < length; i += 1) {
      const record = {} as Record<string, string | null>;
      for (const field of EVIDENCE_FIELDS) {
        const value = entry[field.property]?.[i];
        record[field.key] = REQUIRED_KEYS.has(field.key) ? (value ?? '') : value ? value : null;
      }
      const evidence = record as unknown as EvidenceRecord;
      const source = byId.get(evidence.source);
      if (source) evidence.__source = source;
      out.push(evidence);
    }
  }
  return out;
}
