import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import { CypherParams, entityOfValues, entityProjection, type NodePlan, type TraversalPlan } from '../projection';
import type { RelType } from '../model';
import { idList } from './arguments';
import { assertAllFound } from '../entity/unknown-ids';
import { withPrefetched } from './prefetched';
import { citedIds, entityMap, evidenceMap, evidenceSourcesCall, int, seekAll, sourcesById, toEntityRecord, toEvidence, toRecordOfKind, traversalProjection } from './cypher';
import { TRAVERSAL_LIMITS } from './limits';
import type { ConditionLinkRecord, SharedSymptomRecord } from './records';
import { subtypeClause } from './subtypes';

export interface SharedSymptomsInput {
  conditionIds: readonly string[];
  includeSubtypes?: boolean | null;
  /**
   * The client's selection below each symptom (from the selection planner): when given, the
   * symptoms' nested fields (`conditions { name }`, ...) are fetched by this same statement.
   */
  symptomPlan?: NodePlan | null;
  /**
   * The client's selection below `links` (the conditions, vias and evidence it returns): when
   * given, only what it needs is projected; without it, everything; `false` (sharedSymptoms): no link,
   * via or evidence at all, the symptoms only.
   */
  linksPlan?: TraversalPlan | null | false;
}

/**
 * The statement starts from the listed conditions (an index seek per id), expands each one's
 * HAS_SYMPTOM relationships (and its subtypes' with includeSubtypes), groups by symptom and keeps
 * the symptoms reached from every listed condition. Its cost is the sum of the listed conditions'
 * degrees, never the number of symptoms in the graph. The ids found come back in the same row, so
 * an unknown id is reported without a second round trip.
 */
export function sharedSymptomsCypher(includeSubtypes: boolean, symptom: string = entityMap('s'), links?: TraversalPlan | null | false, ids?: readonly string[]): string {
  if (links === false) return sharedSymptomsOnlyCypher(includeSubtypes, symptom, ids);
  const { node, evidence, sources } = traversalProjection(links);
  return `
${seekAll('Condition', 'ids', 'conds', ids)}
CALL (conds) {
  UNWIND CASE WHEN size(conds) = size($ids) THEN conds ELSE [] END AS c
  ${subtypeClause('c', 'd', includeSubtypes)}
  MATCH (d)-[r:HAS_SYMPTOM]->(s:Symptom)
  WITH s, c, collect({via: ${entityMap('d', node)}, ev: ${evidenceMap('r', evidence)}}) AS links
  WITH s, collect({c: c.id, links: links}) AS perCondition
  WHERE size(perCondition) = size(conds)
  WITH s, perCondition ORDER BY toLower(s.name), s.id LIMIT $max
  RETURN collect({symptom: ${symptom}, perCondition: perCondition}) AS shared
}
${evidenceSourcesCall(['shared'], `reduce(all = [], x IN shared | all + reduce(per = [], p IN x.perCondition | per + ${citedIds('p.links', '.ev')}))`, sources)}
RETURN [c IN conds | ${entityMap('c', node)}] AS found, shared, evidenceSources`;
}

/**
 * The same symptoms in the same order, counted per symptom instead of collected per link
 * (sharedSymptoms): each symptom's map as it is, and the ids found, nothing the answer does not show.
 */
function sharedSymptomsOnlyCypher(includeSubtypes: boolean, symptom: string, ids: readonly string[] | undefined): string {
  return `
${seekAll('Condition', 'ids', 'conds', ids)}
CALL (conds) {
  UNWIND CASE WHEN size(conds) = size($ids) THEN conds ELSE [] END AS c
  ${subtypeClause('c', 'd', includeSubtypes)}
  MATCH (d)-[:HAS_SYMPTOM]->(s:Symptom)
  WITH s, count(DISTINCT c) AS reached
  WHERE reached = size(conds)
  WITH s ORDER BY toLower(s.name), s.id LIMIT $max
  RETURN collect(${symptom}) AS shared
}
RETURN [c IN conds | c.id] AS found, shared`;
}

interface RawRow {
  found: unknown[];
  evidenceSources: unknown;
  shared: Array<{ symptom: unknown; perCondition: Array<{ c: string; links: Array<{ via: unknown; ev: unknown }> }> }>;
}

interface SymptomsOnlyRow {
  found: string[];
  shared: unknown[];
}

/** Symptoms linked to every listed condition, each with the links (and their evidence) to each. */
export async function sharedSymptoms(db: Database, input: SharedSymptomsInput): Promise<SharedSymptomRecord[]> {
  const ids = idList('conditionIds', input.conditionIds, TRAVERSAL_LIMITS.maxConditionIds);
  const includeSubtypes = input.includeSubtypes === true;
  const params = new CypherParams();
  const { symptomPlan } = input;
  const symptomsOnly = input.linksPlan === false;
  // Symptoms only: each one travels as the list of its values (see entityProjection), named below.
  const symptom = symptomPlan ? entityProjection('s', symptomPlan, params, symptomsOnly ? 'values' : 'map') : undefined;
  const values = { ...params.values, ids, max: int(TRAVERSAL_LIMITS.sharedMax) };
  if (symptomsOnly) {
    const [only] = await db.read<SymptomsOnlyRow & Record<string, unknown>>(sharedSymptomsCypher(includeSubtypes, symptom, false, ids), values);
    await assertAllFound(db, 'conditionIds', ids, only?.found ?? [], 'Condition');
    return (only?.shared ?? []).map((item) => {
      const raw = symptomPlan ? entityOfValues(symptomPlan, item) : item;
      return { symptom: withPrefetched(toRecordOfKind(raw, 'Symptom'), raw, symptomPlan), links: [] };
    });
  }
  const [row] = await db.read<RawRow & Record<string, unknown>>(sharedSymptomsCypher(includeSubtypes, symptom, input.linksPlan, ids), values);
  const conditions = (row?.found ?? []).map((found) => toRecordOfKind(found, 'Condition'));
  await assertAllFound(db, 'conditionIds', ids, conditions.map((c) => c.id), 'Condition');
  const sources = sourcesById(row?.evidenceSources);
  const byId = new Map(conditions.map((c) => [c.id, c]));
  const order = new Map(ids.map((id, i) => [id, i]));
  return (row?.shared ?? []).map((item) => ({
    symptom: withPrefetched(toRecordOfKind(item.symptom, 'Symptom'), item.symptom, input.symptomPlan),
    links: item.perCondition
      .sort((a, b) => (order.get(a.c) ?? 0) - (order.get(b.c) ?? 0))
      .flatMap((entry) =>
        entry.links.map(
          (link): ConditionLinkRecord => ({
            condition: byId.get(entry.c) as EntityRecord,
            via: toEntityRecord(link.via),
            relation: 'HAS_SYMPTOM' satisfies RelType,
            direction: 'OUT',
            evidence: toEvidence(link.ev, sources),
          }),
        ),
      ),
  }));
}
