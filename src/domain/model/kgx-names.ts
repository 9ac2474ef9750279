/** KGX: the CURIE prefix of our own (kebab-case) ids, and our knowledge source. */
export const KGX_PREFIX = 'condition-graph:' as const;
export const KGX_KNOWLEDGE_SOURCE = 'infores:condition-graph' as const;
