import { TRAVERSAL_LIMITS } from './limits';

/**
 * The clause binding `d` to the condition `c` itself or, with subtypes, to `c` and every condition
 * that is a subtype of it (SUBCLASS_OF pointing at `c`, up to TRAVERSAL_LIMITS.subtypeDepth levels).
 *
 * Decision (documented in the SDL): by default a subtype's links do NOT count for its parent, the
 * same rule as Condition.symptoms and the other entity lists; `includeSubtypes: true` counts them
 * and every link then names the condition it is stated on (`via`).
 */
export function subtypeClause(c: string, d: string, includeSubtypes: boolean): string {
  return includeSubtypes
    ? `MATCH (${c})<-[:SUBCLASS_OF*0..${TRAVERSAL_LIMITS.subtypeDepth}]-(${d}:Condition)`
    : `WITH *, ${c} AS ${d}`;
}

/**
 * The reverse of `subtypeClause`: binds `c` to the condition `d` a link is stated on and, with
 * subtypes, to every condition `d` is a subtype of (so a subtype's symptom counts for its parents).
 */
export function ancestorClause(d: string, c: string, includeSubtypes: boolean): string {
  return includeSubtypes
    ? `MATCH (${d})-[:SUBCLASS_OF*0..${TRAVERSAL_LIMITS.subtypeDepth}]->(${c}:Condition)`
    : `WITH *, ${d} AS ${c}`;
}
