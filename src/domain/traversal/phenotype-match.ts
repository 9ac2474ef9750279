/**
 * Phenotype matching for the differential (rankConditions), the way Phenomizer does it (Köhler et al.
 * 2009, "Clinical diagnostics in human genetics with semantic similarity searches in ontologies"):
 * an asked term q and a term d the condition is annotated with match through their most informative
 * common ancestor (MICA) in the phenotype hierarchy (SUBCLASS_OF, child -> parent), weighted by its
 * information content (IC, Resnik). Per asked term, the condition's best-matching term counts:
 *
 *   match(q, c)  = max over the condition's phenotype terms d of IC(MICA(q, d))      (0 when none)
 *   score(c)     = Σ_q match(q, c) / Σ_q IC(q)                                      in [0, 1]
 *
 * i.e. Phenomizer's sim(Q -> D) (the asymmetric "best match average" from the query's side), divided
 * by the query's similarity to itself, so 1 means "the condition explains every asked term exactly
 * (or with a more specific term)". This is the score rankConditions had before the hierarchy, with
 * exact matches generalised to matches through an ancestor: an exact match (d = q) or a more specific
 * annotation (d below q) weighs IC(q), a more general one (d above q) IC(d), a sibling IC(their MICA).
 *
 * IC of a term: `ic` on its node when the HPO import computed it (-ln(n_t / N) over the annotated
 * diseases, annotations propagated up is_a); for a symptom without `ic` (the article's own symptoms)
 * the former rarity weight ln(N / conditions stated to have it), N = conditions in the graph; such a
 * symptom matches only itself (its rarity is not propagated along a hierarchy). The IC credited to a
 * match never exceeds the asked term's own IC.
 *
 * Only phenotypes count: terms whose `hpoCategory` is inheritance, clinical course, modifier,
 * frequency, ... are neither matched nor walked through (an asked one is reported as `ignored`).
 * NOT_HAS_SYMPTOM never counts: a condition stated NOT to have an asked term gets nothing for it
 * (it is listed as `contradicted`).
 */
import type { EntityRecord } from '../entity/entity.types';
import type { ConditionMatchRecord, SymptomMatchRecord } from './records';

/** Bounds of the phenotype matching (see rankCypher for where each applies). */
export const PHENOTYPE_MATCH_LIMITS = {
  /** SUBCLASS_OF levels walked up (ancestors) and down (descendants); the HPO is ~15 deep. */
  ancestorDepth: 20,
  /**
   * Candidate search: an ancestor is searched downward (its descendants' conditions) only when
   * at most this many annotated diseases reach it (estimated from its IC: N_hpo * e^-IC). Broader
   * ancestors (organ-system level, IC below ln(N_hpo / 1000) ≈ 2.5 on the full HPO) still count in
   * the scores of the candidates, but do not bring candidates of their own.
   */
  broadestAncestorDiseases: 1_000,
  /** Candidates scored exactly (the best by the candidate search), at least `first`. */
  candidates: 200,
  /** Phenotype terms read per candidate condition (itself and its subtypes), besides exact matches. */
  termsPerCondition: 1_000,
} as const;

/** The Release node whose `icDiseases` is the N of the terms' `ic` (written by the HPO import). */
export const IC_RELEASE_SOURCE = 'hpo' as const;

/**
 * `hpoCategory` values that are phenotypes; a symptom without `hpoCategory` (the article's) is one
 * (the first value stands in for a missing category).
 */
export const PHENOTYPE_CATEGORIES = ['phenotype', 'past_medical_history'] as const;

export type MatchKind = 'EXACT' | 'MORE_SPECIFIC' | 'MORE_GENERAL' | 'COMMON_ANCESTOR';

/**
 * How an asked term matched a condition's term, from the ids of the asked term, the condition's term
 * (`matchedBy`) and their most informative common ancestor (`through`).
 */
export function matchKind(asked: string, matchedBy: string, through: string): MatchKind {
  if (matchedBy === asked) return 'EXACT';
  if (through === asked) return 'MORE_SPECIFIC';
  if (through === matchedBy) return 'MORE_GENERAL';
  return 'COMMON_ANCESTOR';
}

const fmt = (x: number) => x.toFixed(3);

/** One match in words. */
export function matchExplanation(kind: MatchKind, asked: EntityRecord, matchedBy: EntityRecord, through: EntityRecord, ic: number, askedIc: number): string {
  const q = `"${asked.name}"`;
  switch (kind) {
    case 'EXACT':
      return `${q} is stated on the condition itself: IC ${fmt(ic)}.`;
    case 'MORE_SPECIFIC':
      return `${q} matches the condition's more specific "${matchedBy.name}" (a kind of ${q}): IC of ${q}, ${fmt(ic)}.`;
    case 'MORE_GENERAL':
      return `${q} is a kind of the condition's more general "${matchedBy.name}": IC of "${matchedBy.name}", ${fmt(ic)} of ${q}'s ${fmt(askedIc)}.`;
    default:
      return `${q} and the condition's "${matchedBy.name}" are both kinds of "${through.name}", their most informative common ancestor: IC ${fmt(ic)} of ${q}'s ${fmt(askedIc)}.`;
  }
}

/** A SymptomMatch with how it matched (the hierarchy's fields; records.ts keeps the base shape). */
export interface PhenotypeMatchRecord extends SymptomMatchRecord {
  kind: MatchKind;
  /** IC of the asked term: the most this match could weigh. */
  symptomInformationContent: number;
  /** informationContent / the asked terms' total IC: this match's part of the score. */
  contribution: number;
  explanation: string;
}

/** A ConditionMatch of the phenotype-matching differential. */
export interface RankedConditionRecord extends Omit<ConditionMatchRecord, 'matches'> {
  method: string;
  /** Asked terms that are not phenotypes (inheritance, clinical course, ...): not scored. */
  ignored: EntityRecord[];
  matches: PhenotypeMatchRecord[];
}
