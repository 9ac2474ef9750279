/** Names of the schema objects (constraint and indexes) that `ensureSchema` creates. */

export const CONSTRAINT_ENTITY_ID = 'entity_id_unique' as const;
export const INDEX_ENTITY_KIND = 'entity_kind' as const;
export const INDEX_ENTITY_OWNER = 'entity_owner' as const;
/** `hpoId` of article entities an HPO term joined: ids given as `HP:…` resolve through it (IdResolver). */
export const INDEX_ENTITY_HPO_ID = 'entity_hpo_id' as const;
/** TEXT index on `nameSearch`, the lower-cased names of every :Entity that the lists' nameContains reads (name-search.ts). */
export const INDEX_ENTITY_NAME_SEARCH = 'entity_name_search' as const;
/** The label of curation's change records (never an :Entity, so no entity read, count or export sees them). */
export const CHANGE_LABEL = 'Change' as const;
/** Curation's change records (`:Change`): one id each, and one per idempotency key (a retry finds the first). */
export const CONSTRAINT_CHANGE_ID = 'change_id_unique' as const;
export const CONSTRAINT_CHANGE_KEY = 'change_idempotency_key_unique' as const;
export const INDEX_CHANGE_PROPOSED_AT = 'change_proposed_at' as const;
/**
 * Full-text index over name, aliases, xrefs, id, altIds (HPO alt_ids: `HP:0002468` finds
 * Fasciculations) and hpoSynonyms (an HPO term's synonyms, also on an article node an HPO term joined,
 * whose own aliases stay the article's: `Muscle twitch` finds Fasciculations) of every :Entity. Neo4j 5.26 indexes STRING and
 * LIST<STRING> properties in full-text indexes (checked against a 5.26 server: a query for
 * `"MONDO:0004976"` finds the node through its `xrefs` list, `ALS` through `aliases`), so no derived
 * search string is stored. Standard analyzer: CURIEs must be quoted as a phrase (or `:` escaped),
 * and the API must escape user text before querying:
 * `CALL db.index.fulltext.queryNodes('entity_search', $escapedText) YIELD node, score`.
 */
export const FULLTEXT_INDEX = 'entity_search' as const;
/**
 * Changing this list changes the index: `ensureSchema` drops an existing index whose properties
 * differ (src/domain/search/fulltext-index.ts) and creates it anew.
 */
export const FULLTEXT_PROPERTIES = ['name', 'aliases', 'xrefs', 'id', 'altIds', 'hpoSynonyms'] as const;
/**
 * A retracted or merged-away entity (curation): it loses its :Entity and kind labels (so no read,
 * count, search or export sees it) and keeps its id under this label, so the id is never reused and a
 * re-load of the seed or HPO does not bring it back (src/ingest/load.ts skips it, or redirects a
 * merged id to the entity it was merged into).
 */
export const RETIRED_LABEL = 'Retired' as const;
export const CONSTRAINT_RETIRED_ID = 'retired_id_unique' as const;
/** Entity property: the number of accepted curation updates (absent = 1, as created). */
export const VERSION_PROPERTY = 'version' as const;
