/**
 * The lists' `where: {nameContains}` filter (name or any alias contains the text, case-insensitively)
 * served by a TEXT index instead of lower-casing every name and alias of the kind on every request.
 *
 * Every :Entity carries a derived property, `nameSearch`: its lower-cased name and lower-cased
 * aliases joined by "\n", computed IN CYPHER with `toLower` (each part on its own, exactly as the
 * predicate it replaces lower-cases them) by every write that sets a name or aliases, in the same
 * statement. A text without "\n" is contained in that string exactly when it is contained in one of
 * its parts (an occurrence that crosses no separator lies inside one part), so
 * `n.nameSearch CONTAINS $text` answers what
 * `toLower(n.name) CONTAINS $text OR any(a IN n.aliases WHERE toLower(a) CONTAINS $text)` answers.
 * Texts WITH a "\n" (only imported names may hold one; curated ones are single-line) take the old
 * predicate, unindexed.
 *
 * The text index refuses a value over 32,766 UTF-8 bytes by failing the write ("Property value is
 * too large to index", checked against Neo4j 5.26). A node whose joined names are longer than
 * NAME_SEARCH_MAX_LENGTH code points (4 bytes each at most) stores the marker "\n" instead — no
 * text without "\n" is contained in it — and the filter answers such nodes with the old predicate
 * through an index seek on the marker. The property is never read back: projections, exports and
 * curation records name their properties (ENTITY_PROPERTIES, nodeFromProps) or drop it
 * (withoutDerived).
 */
import { ENTITY_LABEL } from './kinds';
import { INDEX_ENTITY_NAME_SEARCH } from './storage';

export const NAME_SEARCH_PROPERTY = 'nameSearch' as const;
/** Joins the parts; also the whole value of a node whose parts are too long to index. */
export const NAME_SEARCH_SEPARATOR = '\n';
/** Longest stored value in code points: at 4 UTF-8 bytes each, within the text index's 32,766 bytes. */
export const NAME_SEARCH_MAX_LENGTH = 8191;

/** Properties derived from others, kept out of what curation reads, records and writes back. */
export const DERIVED_PROPERTIES: readonly string[] = [NAME_SEARCH_PROPERTY];

/** Cypher string literal of the separator (Cypher reads `\n` in a literal as a newline). */
const SEPARATOR_LITERAL = `'\\n'`;

/** The value of `nameSearch` for the node bound to `v`, as a Cypher expression of its stored name and aliases. */
function joinedNames(v: string): string {
  return `coalesce(toLower(${v}.name), '') + reduce(s = '', a IN coalesce(${v}.aliases, []) | s + ${SEPARATOR_LITERAL} + toLower(a))`;
}

/** `nameSearch` as it must be stored for the node bound to `v` (the joined names, or the marker when too long). */
export function nameSearchValue(v: string): string {
  return `[s IN [${joinedNames(v)}] | CASE WHEN size(s) <= ${NAME_SEARCH_MAX_LENGTH} THEN s ELSE ${SEPARATOR_LITERAL} END][0]`;
}

/**
 * `nameSearch` as an entry of a map literal, derived from the map `row` of a node's new name and
 * aliases: a write of `SET n += {..., <entry>}` leaves an unchanged value untouched, where a SET of
 * the node followed by setNameSearch would remove it and write it again (a change for the store and
 * for the text and full-text indexes).
 */
export function nameSearchEntry(row: string): string {
  return `${NAME_SEARCH_PROPERTY}: ${nameSearchValue(row)}`;
}

/** A SET clause deriving `nameSearch` from what `v` holds now: after every write of a name or aliases. */
export function setNameSearch(v: string): string {
  return `SET ${v}.${NAME_SEARCH_PROPERTY} = ${nameSearchValue(v)}`;
}

/** Removes derived properties from a node's stored properties (what curation reads and records). */
export function withoutDerived<T extends Record<string, unknown>>(props: T): T {
  const kept = { ...props };
  for (const key of DERIVED_PROPERTIES) delete kept[key];
  return kept;
}

/**
 * What nameContains has always meant, for the node bound to `v` (`param`: the lower-cased text):
 * the filter wherever the list does not start from the index (relatedTo, ids, short texts, texts
 * holding the separator), where it costs what it always did.
 */
export function namesContain(v: string, param: string): string {
  return `(toLower(${v}.name) CONTAINS ${param} OR any(a IN ${v}.aliases WHERE toLower(a) CONTAINS ${param}))`;
}

/**
 * The same answer from `nameSearch`, for a list that starts from the text index (nameSearchHint; only
 * when startsFromNameIndex): the indexed CONTAINS, or the old predicate on a node holding the
 * too-long marker (found by an index seek on the marker).
 */
export function nameSearchContains(v: string, param: string): string {
  return `(${v}.${NAME_SEARCH_PROPERTY} CONTAINS ${param} OR (${v}.${NAME_SEARCH_PROPERTY} = ${SEPARATOR_LITERAL} AND ${namesContain(v, param)}))`;
}

/** Whether a (lower-cased) nameContains text can be answered through the index: it holds no separator. */
function nameSearchIndexed(text: string): boolean {
  return !text.includes(NAME_SEARCH_SEPARATOR);
}

/**
 * Texts shorter than this (in code points) match most names: the trigram index then reads all of its
 * entries of every kind, which for one kind's list cost more than that kind's label scan (at 100k
 * nodes, "a" over conditions: 143k db hits and ~110 ms against 60k and ~55 ms; bench/README.md).
 */
export const NAME_SEARCH_INDEX_MIN_LENGTH = 3;

/**
 * Whether a list filtered by this (lower-cased) nameContains text, and by nothing that starts
 * elsewhere (relatedTo, ids), starts from the text index: when the text can be answered there and
 * either every kind is listed (the index is on :Entity) or the text is long enough to be selective.
 */
export function startsFromNameIndex(text: string, everyKind: boolean): boolean {
  return nameSearchIndexed(text) && (everyKind || [...text].length >= NAME_SEARCH_INDEX_MIN_LENGTH);
}

/** `USING TEXT INDEX v:Entity(nameSearch)`: the planner otherwise may scan the kind's label (as with idSeek). */
export function nameSearchHint(v: string): string {
  return `USING TEXT INDEX ${v}:${ENTITY_LABEL}(${NAME_SEARCH_PROPERTY})`;
}

/** Nodes whose `nameSearch` is missing or stale: a graph loaded before it existed, the bulk importer's nodes, a write by an older server. */
const STALE_NAME_SEARCH = `MATCH (n:${ENTITY_LABEL})
  WITH n, ${nameSearchValue('n')} AS value
  WHERE n.${NAME_SEARCH_PROPERTY} IS NULL OR n.${NAME_SEARCH_PROPERTY} <> value`;

/** How many nodes lack a current `nameSearch` (one read). */
export const COUNT_STALE_NAME_SEARCH = `${STALE_NAME_SEARCH} RETURN count(n) AS stale`;

/** Sets `nameSearch` where it is missing or stale, in batches: one auto-commit statement for `Database.writeInBatches`. */
export const BACKFILL_NAME_SEARCH = `${STALE_NAME_SEARCH}
  CALL (n, value) { SET n.${NAME_SEARCH_PROPERTY} = value } IN TRANSACTIONS OF 10000 ROWS`;
