/**
 * Cypher fragments shared by the traversals. Everything spliced into a statement comes from the data
 * model's whitelist (labels, relationship types, property names) or is a validated integer; user
 * values are always parameters.
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { COMMON_PROPERTIES, KIND_PROPERTIES, NEGATED_REL_TYPES, POSITIVE_REL_TYPES, isKind, type Kind } from '../model';
import { HPO_TERM_ID } from '../entity/id-resolver';
import { EVIDENCE_PROPERTIES, evidenceFromLists, type EntityRecord, type EvidenceLists, type EvidenceRecord } from '../entity/entity.types';
import { citedSourcesPlan, evidenceListsMap, propertyEntries, type EvidencePlan, type NodePlan, type TraversalPlan } from '../projection';

const OWN_PROPERTIES = [
  ...COMMON_PROPERTIES.filter((p) => p !== 'owner'),
  ...new Set(Object.values(KIND_PROPERTIES).flat()),
] as const;

/**
 * `r { .evSources, .evQuotes, ... }`: the evidence lists of a relationship or Fact node. With a plan
 * (from the client's selection) only the lists it needs, and `null` when no evidence is selected;
 * without one, every list.
 */
export function evidenceMap(variable: string, plan?: EvidencePlan | null): string {
  if (plan === undefined) return `${variable} { ${EVIDENCE_PROPERTIES.map((p) => `.${p}`).join(', ')} }`;
  return plan ? evidenceListsMap(variable, plan) : 'null';
}

/**
 * A map projection of an entity node's own properties (no relationship fields: those are resolved
 * by the entity resolvers, batched per request). A Fact also brings its evidence lists. With a plan,
 * only `id`, `kind` and the planned properties (and a Fact's evidence lists when its evidence is
 * selected); without one, every property.
 */
export function entityMap(variable: string, plan?: NodePlan): string {
  if (plan) {
    const evidence = plan.evidence ? `, __evidence: CASE WHEN ${variable}:Fact THEN [${evidenceMap(variable, plan.evidence)}] ELSE null END` : '';
    return `${variable} { ${propertyEntries(plan).join(', ')}${evidence} }`;
  }
  const props = OWN_PROPERTIES.map((p) => `.${p}`).join(', ');
  return `${variable} { ${props}, __evidence: CASE WHEN ${variable}:Fact THEN [${evidenceMap(variable)}] ELSE null END }`;
}

/** The relationship-type alternation of every positive type (`HAS_SYMPTOM|SUBCLASS_OF|...`). */
export const POSITIVE_TYPES = POSITIVE_REL_TYPES.join('|');
export const ALL_TYPES = [...POSITIVE_REL_TYPES, ...NEGATED_REL_TYPES].join('|');

type Raw = Record<string, unknown>;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** A record from `entityMap`, normalised to the API's EntityRecord (absent optionals become null). */
/** An entity of a one-kind field, whose map comes without its kind (NodePlan.kindImplied). */
export function toRecordOfKind(raw: unknown, kind: Kind): EntityRecord {
  return toEntityRecord({ kind, ...(raw as Raw | null) });
}

export function toEntityRecord(raw: unknown): EntityRecord {
  const r = (raw ?? {}) as Raw;
  const kind = isKind(r.kind) ? r.kind : ('Fact' satisfies Kind);
  const record: EntityRecord = {
    id: String(r.id),
    kind,
    name: typeof r.name === 'string' ? r.name : String(r.id),
    aliases: strings(r.aliases),
    description: stringOrNull(r.description),
    xrefs: strings(r.xrefs),
  };
  if (kind === 'Source') {
    record.title = stringOrNull(r.title);
    record.authors = Array.isArray(r.authors) ? strings(r.authors) : null;
    record.publisher = stringOrNull(r.publisher);
    record.year = numberOrNull(r.year);
    record.refNumber = numberOrNull(r.refNumber);
    record.url = stringOrNull(r.url);
  }
  if (kind === 'Fact') {
    record.statement = stringOrNull(r.statement);
    record.negated = r.negated === true;
    record.__evidence = Array.isArray(r.__evidence) ? (r.__evidence as EvidenceLists[]) : [];
  }
  return record;
}

/** `toEntityRecord`, and for a Fact the Source records its own evidence cites (from `evidenceSourcesCall`). */
export function toEntityWithSources(raw: unknown, sources: readonly EntityRecord[]): EntityRecord {
  const record = toEntityRecord(raw);
  if (record.__evidence) {
    const cited = new Set(record.__evidence.flatMap((lists) => lists.evSources ?? []));
    record.__evidenceSources = sources.filter((source) => cited.has(source.id));
  }
  return record;
}

/** Evidence records from the evidence lists of one or more relationships. */
export function toEvidence(lists: unknown, sources?: readonly EntityRecord[]): EvidenceRecord[] {
  if (!Array.isArray(lists)) return lists ? evidenceFromLists([lists as EvidenceLists], sources) : [];
  return evidenceFromLists(lists as EvidenceLists[], sources);
}

/** A whole-number parameter (LIMIT and friends reject the floats JavaScript numbers become). */
export function int(value: number): Integer {
  return neo4j.int(value);
}

/**
 * `CALL () { ... RETURN collect(x) AS <as> }`: the nodes of one kind whose ids (or, for an HPO term
 * joined to an article entity, hpoId) are in the list parameter `$<param>`, by index seeks (order not
 * kept; compare the found ids with the ids asked for to report unknown ones). `ids` are the values the
 * parameter will hold: `hpoId` is sought as well when one has an HPO term's form (every `hpoId` has that
 * form), or when they are not given; ids of any other form cost one seek each, not a union of two.
 */
export function seekAll(kind: Kind, param: string, as: string, ids?: readonly string[]): string {
  // An HPO id joined to an article entity is that entity's hpoId, no node's id (see IdResolver).
  const seek = ids === undefined || ids.some((id) => HPO_TERM_ID.test(id))
    ? `CALL (wantedId) {
    MATCH (x:Entity {id: wantedId}) USING INDEX x:Entity(id) RETURN x
    UNION
    MATCH (x:Entity {hpoId: wantedId}) RETURN x
  }`
    : 'MATCH (x:Entity {id: wantedId}) USING INDEX x:Entity(id)';
  return `CALL () {
  UNWIND $${param} AS wantedId
  ${seek}
  WITH x WHERE x:${kind}
  RETURN collect(DISTINCT x) AS ${as}
}`;
}

/**
 * `CALL (scope) { ... RETURN collect(...) AS evidenceSources }`: the Source entities cited by the
 * evidence ids of `idsExpr` (a list of ids), fetched in the same statement so that
 * `evidence { source { name } }` costs no further round trip. With a plan, only its properties of
 * each Source; with `null` (nothing beyond the ids selected) no lookup at all, just an empty
 * `evidenceSources`; without either, every property.
 */
export function evidenceSourcesCall(scope: readonly string[], idsExpr: string, plan?: NodePlan | null): string {
  if (plan === null) return 'WITH *, [] AS evidenceSources';
  return `CALL (${scope.join(', ')}) {
  UNWIND ${idsExpr} AS citedId
  WITH DISTINCT citedId
  MATCH (src:Entity {id: citedId}) USING INDEX src:Entity(id)
  RETURN collect(${entityMap('src', plan)}) AS evidenceSources
}`;
}

/** `reduce(...)`: every evidence source id in `list`, a list whose items hold `path` → evidence lists. */
export function citedIds(list: string, path: string): string {
  return `reduce(acc = [], item IN ${list} | acc + coalesce(item${path}.evSources, []))`;
}

/**
 * The parts of a traversal statement that follow the client's selection: the entity map, the
 * evidence lists, the cited Sources and the id lists they are cited from. Without a plan (internal
 * callers) everything is projected, as `entityMap()` and `evidenceMap()` do.
 */
export function traversalProjection(plan: TraversalPlan | null | undefined): {
  node: NodePlan | undefined;
  evidence: EvidencePlan | null | undefined;
  sources: NodePlan | null | undefined;
  /** Whether Sources cited by relationship evidence / by Facts' own evidence are needed. */
  linkSources: boolean;
  factSources: boolean;
} {
  if (!plan) return { node: undefined, evidence: undefined, sources: undefined, linkSources: true, factSources: true };
  return {
    node: plan.node,
    evidence: plan.evidence,
    sources: citedSourcesPlan(plan),
    linkSources: plan.evidence?.source != null,
    factSources: plan.node.evidence?.source != null,
  };
}

/** Source records from `evidenceSourcesCall`, by id. */
export function sourcesById(raw: unknown): EntityRecord[] {
  return Array.isArray(raw) ? raw.map(toEntityRecord) : [];
}
