/**
 * Caps on what one operation may ask for, enforced before execution (parser and validation).
 * Documented in README.md; raise them deliberately.
 */
export const QUERY_LIMITS = {
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  maxCost: 10_000,
} as const;
