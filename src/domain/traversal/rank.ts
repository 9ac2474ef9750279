import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import { assertAllFound, boundedInt, idList } from './arguments';
import { citedIds, entityMap, evidenceMap, evidenceSourcesCall, int, seekAll, sourcesById, toEntityRecord, toEvidence } from './cypher';
import { TRAVERSAL_LIMITS } from './limits';
import type { ConditionMatchRecord, SymptomMatchRecord } from './records';
import { ancestorClause } from './subtypes';

export interface RankInput {
  symptomIds: readonly string[];
  first?: number | null;
  includeSubtypes?: boolean | null;
}

/**
 * The differential's score, kept small and explainable so the HPO hierarchy can slot in:
 *
 *   IC(q)  = ln(N / max(1, n_q))   N = conditions in the graph, n_q = conditions annotated with q
 *   score  = Σ IC(q) over the query symptoms the condition matches / Σ IC(q) over all query symptoms
 *
 * i.e. the share of the query's information content the condition explains, in [0, 1]: rare
 * symptoms weigh more than ones every condition has. (When every query symptom is shared by every
 * condition, all IC are 0 and the score falls back to matched / asked.) Ties: more symptoms matched,
 * then fewer symptoms of the condition in all (a more specific explanation), then name.
 *
 * Today a query symptom matches only itself (`through` = `matchedBy` = the symptom). With the HPO
 * phenotype hierarchy a match becomes "the most informative common ancestor of the query term and
 * one of the condition's terms" (Resnik, as Phenomizer does): only the Cypher that finds
 * `matchedBy`/`through` and the IC of `through` change; the score formula and the type stay.
 */
export function informationContent(totalConditions: number, annotated: number): number {
  return totalConditions <= 0 ? 0 : Math.log(totalConditions / Math.max(1, annotated));
}

export function matchScore(matchedIc: readonly number[], queryIc: readonly number[], matchedCount: number): number {
  const total = queryIc.reduce((a, b) => a + b, 0);
  if (total <= 0) return queryIc.length === 0 ? 0 : matchedCount / queryIc.length;
  return matchedIc.reduce((a, b) => a + b, 0) / total;
}

/**
 * One statement, starting from the query symptoms (never from all conditions): an index seek per
 * symptom, its annotation count from the degree store, then each symptom's conditions (at most
 * rankFanOut per symptom, so a hub symptom stays bounded), grouped per condition, ordered by the
 * information content gained and cut to `first` inside the statement; only the `first` kept are
 * projected (entity maps, evidence lists), the candidates before the cut are node references.
 */
export function rankCypher(includeSubtypes: boolean): string {
  return `
${seekAll('Symptom', 'ids', 'qs')}
CALL () {
  MATCH (c:Condition) RETURN count(c) AS total
}
CALL (qs, total) {
  UNWIND qs AS q
  WITH q, total, COUNT { (q)<-[:HAS_SYMPTOM]-() } AS n
  RETURN collect({id: q.id, n: n, ic: CASE WHEN total = 0 THEN 0.0 ELSE log(toFloat(total) / CASE WHEN n < 1 THEN 1 ELSE n END) END}) AS weights
}
CALL (qs, weights) {
  UNWIND CASE WHEN size(qs) = size($ids) THEN range(0, size(qs) - 1) ELSE [] END AS i
  WITH qs[i] AS q, weights[i].ic AS ic
  CALL (q) {
    MATCH (q)<-[r:HAS_SYMPTOM]-(d:Condition)
    RETURN r, d LIMIT $fanout
  }
  ${ancestorClause('d', 'c', includeSubtypes)}
  WITH c, q, ic, collect({d: d, r: r}) AS links
  WITH c, collect({q: q.id, ic: ic, links: links}) AS hits, sum(ic) AS gained
  WITH c, hits, gained, COUNT { (c)-[:HAS_SYMPTOM]->() } AS degree
  ORDER BY gained DESC, size(hits) DESC, degree ASC, toLower(c.name), c.id
  LIMIT $first
  CALL (hits) {
    UNWIND hits AS hit
    CALL (hit) {
      UNWIND hit.links AS link
      WITH link.d AS d, link.r AS r
      RETURN collect({via: ${entityMap('d')}, ev: ${evidenceMap('r')}}) AS links
    }
    RETURN collect({q: hit.q, ic: hit.ic, links: links}) AS projected
  }
  RETURN collect({
    condition: ${entityMap('c')}, hits: projected, degree: degree,
    contradicted: [x IN qs WHERE EXISTS { (c)-[:NOT_HAS_SYMPTOM]->(x) } | x.id]
  }) AS ranked
}
${evidenceSourcesCall(['ranked'], `reduce(all = [], m IN ranked | all + reduce(per = [], h IN m.hits | per + ${citedIds('h.links', '.ev')}))`)}
RETURN [q IN qs | ${entityMap('q')}] AS found, weights, total, ranked, evidenceSources`;
}

interface RawHit {
  q: string;
  ic: number;
  links: Array<{ via: unknown; ev: unknown }>;
}
interface RawRanked {
  condition: unknown;
  hits: RawHit[];
  degree: number;
  contradicted: string[];
}

/** Conditions ordered by how well they explain the given symptoms (a differential). */
export async function rankConditions(db: Database, input: RankInput): Promise<ConditionMatchRecord[]> {
  const ids = idList('symptomIds', input.symptomIds, TRAVERSAL_LIMITS.maxSymptomIds);
  const first = boundedInt('first', input.first, TRAVERSAL_LIMITS.rankDefault, TRAVERSAL_LIMITS.rankMax);
  const includeSubtypes = input.includeSubtypes === true;
  const [row] = await db.read(rankCypher(includeSubtypes), {
    ids,
    first: int(first),
    fanout: int(TRAVERSAL_LIMITS.rankFanOut),
  });
  const found = ((row?.found as unknown[]) ?? []).map(toEntityRecord);
  assertAllFound('symptomIds', ids, found.map((s) => s.id), 'Symptom');
  const symptoms = new Map(found.map((s) => [s.id, s]));
  const sources = sourcesById(row?.evidenceSources);
  const query = ids.map((id) => symptoms.get(id) as EntityRecord);
  const weights = new Map(((row?.weights as Array<{ id: string; ic: number }>) ?? []).map((w) => [w.id, w.ic]));
  const total = Number(row?.total ?? 0);
  const queryIc = ids.map((id) => weights.get(id) ?? 0);
  const queryIcSum = queryIc.reduce((a, b) => a + b, 0);

  return ((row?.ranked as RawRanked[]) ?? []).map((raw) => {
    const condition = toEntityRecord(raw.condition);
    const hitIds = new Set(raw.hits.map((h) => h.q));
    const matches: SymptomMatchRecord[] = raw.hits
      .map((hit) => {
        const symptom = symptoms.get(hit.q) as EntityRecord;
        const vias = hit.links.map((l) => toEntityRecord(l.via));
        return {
          symptom,
          matchedBy: symptom,
          through: symptom,
          informationContent: hit.ic,
          via: vias.find((v) => v.id === condition.id) ?? (vias[0] as EntityRecord),
          evidence: hit.links.flatMap((l) => toEvidence(l.ev, sources)),
        };
      })
      .sort((a, b) => ids.indexOf(a.symptom.id) - ids.indexOf(b.symptom.id));
    const score = matchScore(
      matches.map((m) => m.informationContent),
      queryIc,
      matches.length,
    );
    const matchedIc = matches.reduce((a, m) => a + m.informationContent, 0);
    return {
      condition,
      score,
      matched: matches.map((m) => m.symptom),
      unmatched: query.filter((s) => !hitIds.has(s.id)),
      contradicted: raw.contradicted.map((id) => symptoms.get(id) as EntityRecord).filter(Boolean),
      matches,
      conditionSymptomCount: raw.degree,
      explanation:
        queryIcSum > 0
          ? `Matches ${matches.length} of ${ids.length} symptoms, carrying ${matchedIc.toFixed(3)} of the query's ${queryIcSum.toFixed(3)} information content (IC = ln(N / conditions with the symptom), N = ${total} conditions): score ${score.toFixed(3)}.`
          : `Matches ${matches.length} of ${ids.length} symptoms; every asked symptom is shared by all ${total} conditions (no information content), so the score is the share matched: ${score.toFixed(3)}.`,
    };
  });
}
