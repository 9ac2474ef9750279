/**
 * Counts of neighbours as Cypher, read from relationship degrees wherever the catalogue proves a degree
 * equal to the count (domain/model/degrees.ts): `COUNT { (n)<-[:HAS_SYMPTOM]-() }` compiles to Neo4j's
 * GetDegree, which visits no neighbour; an arm that must test the far end's kind, or skip neighbours an
 * earlier arm reached, matches them.
 */
import { kindLabel, relationshipType, type Arm, type CountArm } from '../model';
import type { CypherParams } from './params';

/** `(n)-[:TYPE]->(far)` or `(n)<-[:TYPE]-(far)` (the type checked against the whitelist). */
function armPattern(variable: string, arm: Arm, far: string): string {
  const type = relationshipType(arm.type).type;
  return arm.direction === 'out' ? `(${variable})-[:${type}]->(${far})` : `(${variable})<-[:${type}]-(${far})`;
}

/**
 * The number of distinct neighbours of `variable` over the arms, e.g.
 * `(COUNT { (n)<-[:A]-() } + CASE WHEN COUNT { (n)<-[:B]-() } = 0 THEN 0 ELSE COUNT { MATCH (n)<-[:B]-(m:K) WHERE NOT (n)<-[:A]-(m) } END)`.
 * An arm that must match its neighbours is tried only when its type has a relationship at `variable`
 * at all: that test is a degree check (Neo4j stops at the first one), and most nodes have none of a
 * second type (TopSymptoms on the 100k graph: 165 → 110 ms, bench/README.md).
 */
export function neighbourCount(variable: string, arms: readonly CountArm[], params: CypherParams): string {
  if (arms.length === 0) return '0';
  const terms = arms.map((arm) => {
    if (arm.labels === null && arm.excluding.length === 0) return `COUNT { ${armPattern(variable, arm, '')} }`;
    const m = params.variable('m');
    const far = arm.labels === null ? m : `${m}:${arm.labels.map((kind) => kindLabel(kind)).join('|')}`;
    const unseen = arm.excluding.map((earlier) => `NOT ${armPattern(variable, earlier, m)}`);
    const matched = `COUNT { MATCH ${armPattern(variable, arm, far)}${unseen.length > 0 ? ` WHERE ${unseen.join(' AND ')}` : ''} }`;
    return `CASE WHEN COUNT { ${armPattern(variable, arm, '')} } = 0 THEN 0 ELSE ${matched} END`;
  });
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' + ')})`;
}
