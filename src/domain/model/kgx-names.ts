/** KGX: the CURIE prefix of our own (kebab-case) ids, and our knowledge source. */
export const KGX_PREFIX = 'condition-graph:' as const;
export const KGX_KNOWLEDGE_SOURCE = 'infores:condition-graph' as const;

/**
 * KGX node ids: an entity is exported under a registered CURIE from its checked xrefs (seed/xrefs.tsv)
 * when one has a prefix that Biolink accepts for its category, preferring the first prefix listed
 * here (Biolink 4.4.6 `id_prefixes` of the category, in its order; Treatment, ExposureEvent,
 * PathologicalProcess, DiagnosticAid, ClinicalEntity and NamedThing list none);
 * otherwise it keeps the project prefix (KGX_PREFIX). Import maps either back to the project id.
 */
export const KGX_ID_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  Condition: ['MONDO', 'DOID', 'OMIM'],
  Symptom: ['HP'],
  Source: ['PMID', 'doi'],
  BodyRegion: ['UBERON'],
};
