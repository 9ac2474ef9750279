/**
 * Caps on what one operation may ask for, enforced before execution (parser and validation).
 * Documented in README.md; raise them deliberately.
 */
export const QUERY_LIMITS = {
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  /**
   * The most an operation may cost (src/graphql/cost.ts: about the number of objects and fields its
   * answer can hold, every list counted at its `first` — written, a variable, or the default). Three
   * nested full pages of 100 pass (≈ 8 million); four do not (≈ 1.2 billion).
   */
  maxCost: 50_000_000,
} as const;

/**
 * Caps on list arguments (checked by the resolvers; over a cap is a BAD_USER_INPUT error that names
 * the maximum). Nested lists are bounded too, so one statement never returns an unbounded fan-out.
 */
export const LIST_LIMITS = {
  /** Root lists and ...Connection fields: `first` when not given (the SDL states the same defaults). */
  defaultFirst: 20,
  /** Root lists and ...Connection fields: the largest `first`. */
  maxFirst: 100,
  /** Plain nested lists (`symptoms`, `conditions`, ...): `first` when not given, and its maximum. */
  defaultNested: 100,
  maxNested: 100,
  /** `where.ids`: at most this many ids. */
  maxIds: 100,
  /** A cursor longer than this is not one of ours. */
  maxCursorLength: 512,
} as const;
