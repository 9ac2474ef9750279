import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import type { NodePlan, TraversalPlan } from '../projection';
import { boundedInt, idList } from './arguments';
import { assertAllFound } from '../entity/unknown-ids';
import { citedIds, entityMap, evidenceMap, evidenceSourcesCall, int, seekAll, sourcesById, toEntityRecord, toEvidence, traversalProjection } from './cypher';
import { TRAVERSAL_LIMITS } from './limits';
import { IC_RELEASE_SOURCE, PHENOTYPE_CATEGORIES, PHENOTYPE_MATCH_LIMITS, matchExplanation, matchKind, type PhenotypeMatchRecord, type RankedConditionRecord } from './phenotype-match';
import { ancestorClause, subtypeClause } from './subtypes';

export interface RankInput {
  symptomIds: readonly string[];
  first?: number | null;
  includeSubtypes?: boolean | null;
  /** The client's selection (entities and evidence anywhere in the answer); without it, everything is projected. */
  plan?: TraversalPlan | null;
}

/**
 * The differential's score: Phenomizer's IC-weighted best match per asked term, normalised by the
 * asked terms' own IC (see phenotype-match.ts for the formula and its rules):
 *
 *   score = Σ_q IC(MICA(q, best-matching term of the condition)) / Σ_q IC(q)      in [0, 1]
 *
 * Without a hierarchy or `ic` (the article's seed) a term matches only itself and IC(q) is the rarity
 * ln(N / max(1, n_q)), N = conditions in the graph, n_q = conditions stated to have q: the share of
 * the asked symptoms' information content the condition explains. (When every asked term has IC 0,
 * the score falls back to matched / asked.) Ties: more terms matched, then fewer symptoms of the
 * condition in all (a more specific explanation), then name.
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
 * One statement (one round trip), never scanning all conditions:
 * 1. the asked terms by index seek, in the order asked; their IC (`ic`, or the rarity weight from
 *    the degree store) and whether they are phenotypes;
 * 2. the ancestors of each asked term with an `ic` (SUBCLASS_OF up to ancestorDepth levels, distinct
 *    nodes: a pruning expand), phenotype terms only, each with its IC capped at the asked term's;
 * 3. candidates: the conditions annotated with an asked term itself, or with any descendant of an
 *    asked term or ancestor that at most broadestAncestorDiseases diseases reach (at most rankFanOut
 *    conditions per term searched, so a hub stays bounded), ranked by the best IC they reach per
 *    asked term; the best `candidates` (at least `first`) are kept;
 * 4. exact scores of the candidates: each candidate's phenotype terms (itself and, with subtypes,
 *    its subtypes'; at most termsPerCondition besides the asked terms themselves), each term's
 *    ancestors intersected with the asked terms' ancestors -> per asked term the best (term,
 *    ancestor); a term the condition is stated NOT to have gets nothing; ordered and cut to `first`
 *    inside the statement; only the kept ones are projected (entity maps, evidence, cited sources).
 */
export function rankCypher(includeSubtypes: boolean, plan?: TraversalPlan | null, ids?: readonly string[]): string {
  const depth = PHENOTYPE_MATCH_LIMITS.ancestorDepth;
  const { node: selected, evidence, sources } = traversalProjection(plan);
  // The explanations name the asked, matching and common-ancestor terms, so the name comes whatever is selected.
  const node: NodePlan | undefined = selected && { ...selected, properties: [...new Set([...selected.properties, 'name' as const])] };
  return `
${seekAll('Symptom', 'ids', 'found', ids)}
WITH found, size(found) = size($ids) AS complete, [id IN $ids | head([s IN found WHERE s.id = id OR s.hpoId = id])] AS asked
WITH found, CASE WHEN complete THEN asked ELSE [] END AS qs
CALL () {
  MATCH (c:Condition) RETURN count(c) AS total
}
CALL () {
  OPTIONAL MATCH (rel:Release {source: $icRelease}) RETURN max(rel.icDiseases) AS icTotal
}
WITH found, qs, total, icTotal, [q IN qs | {q: q, n: COUNT { (q)<-[:HAS_SYMPTOM]-() }}] AS counted
WITH found, qs, total, icTotal, [x IN counted |
  {id: x.q.id, n: x.n, phenotype: coalesce(x.q.hpoCategory, $phenotypeCategories[0]) IN $phenotypeCategories, hierarchy: x.q.ic IS NOT NULL,
   ic: CASE WHEN NOT coalesce(x.q.hpoCategory, $phenotypeCategories[0]) IN $phenotypeCategories THEN 0.0
            WHEN x.q.ic IS NOT NULL THEN toFloat(x.q.ic)
            WHEN total = 0 THEN 0.0
            ELSE log(toFloat(total) / CASE WHEN x.n < 1 THEN 1 ELSE x.n END) END}] AS weights
CALL (qs, weights) {
  UNWIND range(0, size(qs) - 1) AS i
  WITH i, qs[i] AS q, weights[i] AS w WHERE w.phenotype AND w.hierarchy
  MATCH (q)-[:SUBCLASS_OF*0..${depth}]->(a:Symptom)
  WITH DISTINCT i, w, a
  WHERE a.ic IS NOT NULL AND a.hpoCategory IN $phenotypeCategories
  RETURN collect({i: i, a: a, ic: CASE WHEN toFloat(a.ic) < w.ic THEN toFloat(a.ic) ELSE w.ic END}) AS hierarchical
}
WITH found, qs, total, icTotal, weights, hierarchical,
     [i IN range(0, size(qs) - 1) WHERE weights[i].phenotype AND NOT weights[i].hierarchy | {i: i, a: qs[i], ic: weights[i].ic}] AS exactOnly
CALL (qs, hierarchical, exactOnly, icTotal) {
  UNWIND [x IN hierarchical | x {.*, descend: icTotal IS NOT NULL AND icTotal > 0 AND toFloat(icTotal) * exp(-toFloat(x.a.ic)) <= $broadest}]
       + [x IN exactOnly | x {.*, descend: false}] AS x
  WITH x, x.a AS a, x.descend AS descend
  WHERE descend OR a = qs[x.i]
  CALL (a, descend) {
    WITH a, descend WHERE descend
    MATCH (d:Symptom)-[:SUBCLASS_OF*0..${depth}]->(a)
    WITH DISTINCT d
    MATCH (d)<-[:HAS_SYMPTOM]-(dc:Condition)
    RETURN DISTINCT dc LIMIT $fanout
    UNION
    WITH a, descend WHERE NOT descend
    MATCH (a)<-[:HAS_SYMPTOM]-(dc:Condition)
    RETURN DISTINCT dc LIMIT $fanout
  }
  ${ancestorClause('dc', 'c', includeSubtypes)}
  WITH c, x.i AS i, max(x.ic) AS best
  WITH c, sum(best) AS reached, count(i) AS terms
  ORDER BY reached DESC, terms DESC, c.id
  LIMIT $candidates
  RETURN collect(c) AS candidates
}
CALL (qs, weights, hierarchical, candidates) {
  WITH qs, weights, [x IN hierarchical | x.a.id] AS unionIds, [x IN hierarchical | toString(x.i) + $keySeparator + x.a.id] AS ancestorKeys
  UNWIND candidates AS c
  WITH qs, weights, unionIds, ancestorKeys, c, COLLECT { MATCH (c)-[:NOT_HAS_SYMPTOM]->(x:Symptom) WHERE x IN qs RETURN x } AS negated
  WITH qs, weights, unionIds, ancestorKeys, c, [i IN range(0, size(qs) - 1) WHERE qs[i] IN negated] AS contradicted
  CALL (c, qs) {
    ${subtypeClause('c', 'via', includeSubtypes)}
    MATCH (via)-[r:HAS_SYMPTOM]->(d:Symptom)
    WHERE coalesce(d.hpoCategory, $phenotypeCategories[0]) IN $phenotypeCategories
    RETURN via, r, d LIMIT $termsPerCondition
    UNION
    ${subtypeClause('c', 'via', includeSubtypes)}
    MATCH (via)-[r:HAS_SYMPTOM]->(d:Symptom)
    WHERE d IN qs AND coalesce(d.hpoCategory, $phenotypeCategories[0]) IN $phenotypeCategories
    RETURN via, r, d
  }
  WITH qs, weights, unionIds, ancestorKeys, d, collect({c: c, contradicted: contradicted, via: via, r: r}) AS uses
  CALL (d, unionIds) {
    MATCH (d)-[:SUBCLASS_OF*0..${depth}]->(a:Symptom)
    WITH DISTINCT a
    WHERE a.ic IS NOT NULL AND a.id IN unionIds
    RETURN collect({a: a, id: a.id, ic: toFloat(a.ic)}) AS shared
  }
  WITH qs, weights, uses, d, [i IN range(0, size(qs) - 1) |
       CASE WHEN d = qs[i] THEN {ic: weights[i].ic, a: d}
            ELSE reduce(b = {ic: 0.0, a: null}, x IN shared |
                   CASE WHEN x.ic > b.ic AND toString(i) + $keySeparator + x.id IN ancestorKeys THEN x ELSE b END) END] AS raw
  WITH qs, uses, [i IN range(0, size(qs) - 1) | CASE WHEN raw[i].a IS NULL THEN null ELSE
       {i: i, d: d, did: d.id, a: raw[i].a, exact: d = qs[i], ic: CASE WHEN raw[i].ic < weights[i].ic THEN raw[i].ic ELSE weights[i].ic END} END] AS perTerm
  UNWIND uses AS use
  WITH qs, use.c AS c, use.contradicted AS contradicted, {via: use.via, r: use.r, m: perTerm} AS link
  WITH qs, c, contradicted, collect(link) AS links
  WITH c, contradicted, links, [i IN range(0, size(qs) - 1) WHERE NOT i IN contradicted | reduce(best = null, l IN links |
         CASE WHEN l.m[i] IS NOT NULL AND (best IS NULL OR l.m[i].ic > best.ic OR (l.m[i].ic = best.ic AND (
                (l.m[i].exact AND NOT best.exact) OR (l.m[i].exact = best.exact AND l.m[i].did < best.did))))
              THEN l.m[i] ELSE best END)] AS bests
  WITH c, contradicted, [b IN bests WHERE b IS NOT NULL |
         {i: b.i, ic: b.ic, d: b.d, a: b.a, links: [l IN links WHERE l.m[b.i].d = b.d | {via: l.via, r: l.r}]}] AS hits
  WITH c, contradicted, hits, reduce(sum = 0.0, h IN hits | sum + h.ic) AS gained
  WHERE size(hits) > 0
  WITH c, contradicted, hits, gained, COUNT { (c)-[:HAS_SYMPTOM]->() } AS degree
  ORDER BY gained DESC, size(hits) DESC, degree ASC, toLower(c.name), c.id
  LIMIT $first
  CALL (hits) {
    UNWIND hits AS hit
    WITH hit, hit.d AS md, hit.a AS ma
    CALL (hit) {
      UNWIND hit.links AS link
      WITH link.via AS v, link.r AS r
      RETURN collect({via: ${entityMap('v', node)}, ev: ${evidenceMap('r', evidence)}}) AS links
    }
    RETURN collect({i: hit.i, ic: hit.ic, matchedBy: ${entityMap('md', node)}, through: ${entityMap('ma', node)}, links: links}) AS projected
  }
  RETURN collect({condition: ${entityMap('c', node)}, hits: projected, degree: degree, contradicted: contradicted}) AS ranked
}
${evidenceSourcesCall(['ranked'], `reduce(all = [], m IN ranked | all + reduce(per = [], h IN m.hits | per + ${citedIds('h.links', '.ev')}))`, sources)}
RETURN [s IN found | ${entityMap('s', node)}] AS found, [s IN found | s.hpoId] AS foundHpoIds, weights, total, icTotal, ranked, evidenceSources`;
}

interface RawHit {
  i: number;
  ic: number;
  matchedBy: unknown;
  through: unknown;
  links: Array<{ via: unknown; ev: unknown }>;
}
interface RawRanked {
  condition: unknown;
  hits: RawHit[];
  degree: number;
  contradicted: number[];
}
interface RawWeight {
  id: string;
  n: number;
  ic: number;
  phenotype: boolean;
  hierarchy: boolean;
}

/** ConditionMatch.method: Phenomizer's IC-weighted best match per asked term (phenotype-match.ts). */
export const RANK_METHOD = 'IC_BEST_MATCH' as const;

/** Conditions ordered by how well they explain the given symptoms (a differential). */
export async function rankConditions(db: Database, input: RankInput): Promise<RankedConditionRecord[]> {
  const ids = idList('symptomIds', input.symptomIds, TRAVERSAL_LIMITS.maxSymptomIds);
  const first = boundedInt('first', input.first, TRAVERSAL_LIMITS.rankDefault, TRAVERSAL_LIMITS.rankMax);
  const includeSubtypes = input.includeSubtypes === true;
  const [row] = await db.read(rankCypher(includeSubtypes, input.plan, ids), {
    ids,
    first: int(first),
    fanout: int(TRAVERSAL_LIMITS.rankFanOut),
    candidates: int(Math.max(first, PHENOTYPE_MATCH_LIMITS.candidates)),
    termsPerCondition: int(PHENOTYPE_MATCH_LIMITS.termsPerCondition),
    broadest: PHENOTYPE_MATCH_LIMITS.broadestAncestorDiseases,
    phenotypeCategories: [...PHENOTYPE_CATEGORIES],
    icRelease: IC_RELEASE_SOURCE,
    keySeparator: '|',
  });
  const found = ((row?.found as unknown[]) ?? []).map(toEntityRecord);
  // An asked HPO id joined to an article entity found that entity (its hpoId): both name it.
  const hpoIds = (row?.foundHpoIds as Array<string | null> | undefined) ?? [];
  const symptoms = new Map(found.flatMap((s, i): Array<[string, EntityRecord]> => [[s.id, s], ...(hpoIds[i] ? [[hpoIds[i] as string, s] as [string, EntityRecord]] : [])]));
  await assertAllFound(db, 'symptomIds', ids, [...symptoms.keys()], 'Symptom');
  const sources = sourcesById(row?.evidenceSources);
  const query = ids.map((id) => symptoms.get(id) as EntityRecord);
  const weights = (row?.weights as RawWeight[]) ?? [];
  const total = Number(row?.total ?? 0);
  const icTotal = row?.icTotal === null || row?.icTotal === undefined ? null : Number(row.icTotal);
  const queryIc = query.map((_, i) => weights[i]?.ic ?? 0);
  const isPhenotype = (i: number) => weights[i]?.phenotype !== false;
  const ignored = query.filter((_, i) => !isPhenotype(i));
  const scored = query.length - ignored.length;
  const queryIcSum = queryIc.reduce((a, b) => a + b, 0);
  const icSources = [
    weights.some((w) => w.phenotype && w.hierarchy) ? `HPO's ic over ${icTotal ?? '?'} annotated diseases` : null,
    weights.some((w) => w.phenotype && !w.hierarchy) ? `ln(N / conditions with the symptom), N = ${total} conditions` : null,
  ].filter(Boolean);

  return ((row?.ranked as RawRanked[]) ?? []).map((raw) => {
    const condition = toEntityRecord(raw.condition);
    const matches: PhenotypeMatchRecord[] = raw.hits
      .map((hit) => {
        const symptom = query[hit.i] as EntityRecord;
        const matchedBy = toEntityRecord(hit.matchedBy);
        const through = toEntityRecord(hit.through);
        const vias = hit.links.map((l) => toEntityRecord(l.via));
        const kind = matchKind(symptom.id, matchedBy.id, through.id);
        const askedIc = queryIc[hit.i] ?? 0;
        return {
          symptom,
          matchedBy,
          through,
          kind,
          informationContent: hit.ic,
          symptomInformationContent: askedIc,
          contribution: queryIcSum > 0 ? hit.ic / queryIcSum : 0,
          explanation: matchExplanation(kind, symptom, matchedBy, through, hit.ic, askedIc),
          via: vias.find((v) => v.id === condition.id) ?? (vias[0] as EntityRecord),
          evidence: hit.links.flatMap((l) => toEvidence(l.ev, sources)),
        };
      })
      .sort((a, b) => ids.indexOf(a.symptom.id) - ids.indexOf(b.symptom.id));
    const hitIds = new Set(matches.map((m) => m.symptom.id));
    const score = matchScore(
      matches.map((m) => m.informationContent),
      queryIc.filter((_, i) => isPhenotype(i)),
      matches.length,
    );
    const matchedIc = matches.reduce((a, m) => a + m.informationContent, 0);
    const exact = matches.filter((m) => m.kind === 'EXACT').length;
    const how = exact === matches.length ? '' : ` (${exact} exactly, ${matches.length - exact} through the phenotype hierarchy)`;
    const skipped = ignored.length > 0 ? ` ${ignored.length} asked term${ignored.length === 1 ? ' is' : 's are'} not a phenotype (inheritance, clinical course, ...) and not scored.` : '';
    return {
      condition,
      score,
      method: RANK_METHOD,
      matched: matches.map((m) => m.symptom),
      unmatched: query.filter((s, i) => !hitIds.has(s.id) && isPhenotype(i)),
      contradicted: raw.contradicted.map((i) => query[i] as EntityRecord).filter(Boolean),
      ignored,
      matches,
      conditionSymptomCount: raw.degree,
      explanation:
        (queryIcSum > 0
          ? `Matches ${matches.length} of ${scored} symptoms${how}, carrying ${matchedIc.toFixed(3)} of the query's ${queryIcSum.toFixed(3)} information content (IC: ${icSources.join('; ')}; a match through the hierarchy weighs the IC of the most informative common ancestor): score ${score.toFixed(3)}.`
          : `Matches ${matches.length} of ${scored} symptoms; every asked symptom is shared by all ${total} conditions (no information content), so the score is the share matched: ${score.toFixed(3)}.`) + skipped,
    };
  });
}
