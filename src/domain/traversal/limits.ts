/**
 * Caps of the traversal, search and stats fields. Over a cap is a BAD_USER_INPUT error naming the
 * maximum (never a silent clamp), except the internal fan-out bounds, which are reported through
 * `truncated` flags. Chosen so that each field stays one bounded Cypher statement on a graph of a
 * million nodes with power-law hubs (issue 7) and on the HPO graph (issue 8).
 */
export const TRAVERSAL_LIMITS = {
  /** Ids in `conditionIds` / `symptomIds`. */
  maxConditionIds: 10,
  maxSymptomIds: 50,
  /** How far up a subtype's links count for its parent with `includeSubtypes: true`. */
  subtypeDepth: 3,
  /** rankConditions `first`. */
  rankDefault: 10,
  rankMax: 50,
  /** rankConditions: conditions read per query symptom (a hub symptom is not expanded beyond this). */
  rankFanOut: 5_000,
  /** compareConditions: relationships read per listed condition (itself and its subtypes). */
  compareFanOut: 2_000,
  /** sharedSymptoms: symptoms returned at most. */
  sharedMax: 500,
  /** neighborhood. */
  depthDefault: 1,
  depthMax: 3,
  nodesDefault: 50,
  nodesMax: 200,
  /** neighborhood: relationships followed from any one node (bounds hubs). */
  neighborhoodFanOut: 50,
  /** neighborhood: edges returned at most. */
  edgesMax: 1_000,
  /** shortestPath. */
  hopsDefault: 4,
  hopsMax: 6,
  /** search. */
  searchDefault: 10,
  searchMax: 50,
  /** Characters of search text accepted (after trimming); longer text is a BAD_USER_INPUT. */
  searchTextMax: 200,
  /** Terms of search text used (the rest is ignored, keeping the Lucene query small). */
  searchTermsMax: 16,
  /** graphStats. */
  statsTop: 10,
  /** graphStats: exact degrees and citations up to this many relationships; a fixed sample above. */
  statsExactMaxRelationships: 5_000,
  /** graphStats: relationships sampled (by id seek) above statsExactMaxRelationships. */
  statsSampleRelationships: 5_000,
  /** graphStats: the most frequent sampled endpoints whose exact degree is read. */
  statsDegreeCandidates: 100,
} as const;
