import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import { NEGATION_PREFIX, isRelType, type Kind, type RelType } from '../model';
import type { NodePlan, TraversalPlan } from '../projection';
import { idList } from './arguments';
import { assertAllFound } from '../entity/unknown-ids';
import {
  citedIds,
  entityMap,
  evidenceMap,
  evidenceSourcesCall,
  int,
  seekAll,
  sourcesById,
  toEntityRecord,
  toEntityWithSources,
  toEvidence,
  traversalProjection,
} from './cypher';
import { TRAVERSAL_LIMITS } from './limits';
import type {
  ComparedItemRecord,
  ComparisonSectionRecord,
  ConditionComparisonRecord,
  ConditionLinkRecord,
  ConditionProfileRecord,
} from './records';
import { subtypeClause } from './subtypes';

export interface CompareInput {
  conditionIds: readonly string[];
  includeSubtypes?: boolean | null;
  /** The client's selection (entities and evidence anywhere in the answer); without it, everything is projected. */
  plan?: TraversalPlan | null;
}

export type SectionName = keyof ComparisonSectionRecord;
export const SECTION_NAMES: readonly SectionName[] = [
  'symptoms',
  'triggers',
  'treatments',
  'bodyRegions',
  'mechanisms',
  'diagnosticSteps',
  'specialists',
  'negatives',
  'facts',
];

/**
 * Which section of a comparison a relationship of a condition falls in, from its type, its
 * direction seen from the condition and the kind at the other end. Null: not compared.
 */
export function sectionOf(type: RelType, direction: 'OUT' | 'IN', otherKind: Kind): SectionName | null {
  if (type.startsWith(NEGATION_PREFIX)) return 'negatives';
  switch (type) {
    case 'HAS_SYMPTOM':
      return direction === 'OUT' ? 'symptoms' : null;
    case 'ASSOCIATED_WITH':
      return direction === 'OUT' ? 'triggers' : null;
    case 'CAUSES':
      if (otherKind === 'Trigger') return 'triggers';
      if (otherKind === 'Symptom') return 'symptoms';
      return 'mechanisms';
    case 'TREATS':
      return direction === 'IN' ? 'treatments' : null;
    case 'AFFECTS_REGION':
      return 'bodyRegions';
    case 'DIAGNOSES':
      return 'diagnosticSteps';
    case 'CONSULT':
      return 'specialists';
    case 'ABOUT':
      return direction === 'IN' ? 'facts' : null;
    default:
      return null;
  }
}

/**
 * One statement: an index seek per listed condition, then (per condition, inside a CALL with a
 * LIMIT, so a condition with a huge fan-out cannot blow it up) every relationship of the condition
 * and, with includeSubtypes, of its subtypes — positive and NOT_ ones, SUBCLASS_OF excepted. The
 * grouping into shared and distinguishing items happens in the API (the rows are already bounded).
 */
export function compareCypher(includeSubtypes: boolean, plan?: TraversalPlan | null, ids?: readonly string[]): string {
  const { node: selected, evidence, sources, linkSources, factSources } = traversalProjection(plan);
  // Items are ordered by name in the API, so the name comes whatever is selected.
  const node: NodePlan | undefined = selected && { ...selected, properties: [...new Set([...selected.properties, 'name' as const])] };
  const cited = [...(linkSources ? [citedIds('links', '.ev')] : []), ...(factSources ? [citedIds('entities', '.__evidence[0]')] : [])];
  return `
${seekAll('Condition', 'ids', 'conds', ids)}
CALL (conds) {
  UNWIND CASE WHEN size(conds) = size($ids) THEN conds ELSE [] END AS c
  CALL (c) {
    ${subtypeClause('c', 'd', includeSubtypes)}
    MATCH (d)-[r]-(x:Entity)
    WHERE type(r) <> 'SUBCLASS_OF'
    RETURN d, r, x LIMIT $fanout
  }
  WITH c, d, r, x
  RETURN collect({c: c.id, via: d.id, type: type(r), out: startNode(r) = d, x: x.id, kind: x.kind, ev: ${evidenceMap('r', evidence)}}) AS links,
         [n IN collect(DISTINCT x) + collect(DISTINCT d) | ${entityMap('n', node)}] AS entities
}
${evidenceSourcesCall(['links', 'entities'], cited.join(' + '), sources)}
RETURN [c IN conds | ${entityMap('c', node)}] AS found, links, entities, evidenceSources`;
}

interface RawLink {
  c: string;
  via: string;
  type: string;
  out: boolean;
  x: string;
  kind: string;
  ev: unknown;
}

const emptySection = (): ComparisonSectionRecord =>
  Object.fromEntries(SECTION_NAMES.map((name) => [name, []])) as unknown as ComparisonSectionRecord;

const byName = (a: ComparedItemRecord, b: ComparedItemRecord): number =>
  a.entity.name.toLowerCase().localeCompare(b.entity.name.toLowerCase()) || a.entity.id.localeCompare(b.entity.id);

/**
 * Jaccard similarity of the conditions' symptom sets: |symptoms every condition has| / |symptoms
 * any of them has|, in [0, 1]. Symptoms counted are those of the `symptoms` section (HAS_SYMPTOM,
 * and CAUSES a symptom), with subtypes' when includeSubtypes is on. 0 when none has a symptom.
 */
export function jaccard(shared: number, union: number): number {
  return union === 0 ? 0 : shared / union;
}

/** What the conditions share and what distinguishes each, item by item with evidence. */
export async function compareConditions(db: Database, input: CompareInput): Promise<ConditionComparisonRecord> {
  const ids = idList('conditionIds', input.conditionIds, TRAVERSAL_LIMITS.maxConditionIds, 2);
  const includeSubtypes = input.includeSubtypes === true;
  const [row] = await db.read(compareCypher(includeSubtypes, input.plan, ids), { ids, fanout: int(TRAVERSAL_LIMITS.compareFanOut) });
  const found = ((row?.found as unknown[]) ?? []).map(toEntityRecord);
  await assertAllFound(db, 'conditionIds', ids, found.map((c) => c.id), 'Condition');
  const conditions = ids.map((id) => found.find((c) => c.id === id) as EntityRecord);
  const sources = sourcesById(row?.evidenceSources);
  const entities = new Map(((row?.entities as unknown[]) ?? []).map((raw) => toEntityWithSources(raw, sources)).map((e) => [e.id, e]));
  for (const c of conditions) entities.set(c.id, c);

  const links = (row?.links as RawLink[]) ?? [];
  const perCondition = new Map<string, number>();
  // section -> item id -> links
  const groups = new Map<SectionName, Map<string, ConditionLinkRecord[]>>();
  for (const link of links) {
    perCondition.set(link.c, (perCondition.get(link.c) ?? 0) + 1);
    if (!isRelType(link.type)) continue;
    const direction = link.out ? 'OUT' : 'IN';
    const other = entities.get(link.x);
    if (!other) continue;
    const section = sectionOf(link.type, direction, other.kind);
    if (!section) continue;
    const items = groups.get(section) ?? new Map<string, ConditionLinkRecord[]>();
    groups.set(section, items);
    const list = items.get(link.x) ?? [];
    items.set(link.x, list);
    list.push({
      condition: entities.get(link.c) as EntityRecord,
      via: entities.get(link.via) ?? (entities.get(link.c) as EntityRecord),
      relation: link.type,
      direction,
      evidence: toEvidence(link.ev, sources),
    });
  }

  const shared = emptySection();
  const distinct = new Map<string, ComparisonSectionRecord>(ids.map((id) => [id, emptySection()]));
  const order = new Map(ids.map((id, i) => [id, i]));
  for (const [section, items] of groups) {
    for (const [itemId, itemLinks] of items) {
      itemLinks.sort((a, b) => (order.get(a.condition.id) ?? 0) - (order.get(b.condition.id) ?? 0));
      const item: ComparedItemRecord = { entity: entities.get(itemId) as EntityRecord, links: itemLinks };
      const linked = new Set(itemLinks.map((l) => l.condition.id));
      if (linked.size === ids.length) shared[section].push(item);
      else for (const id of linked) distinct.get(id)?.[section].push(item);
    }
  }
  for (const section of SECTION_NAMES) {
    shared[section].sort(byName);
    for (const profile of distinct.values()) profile[section].sort(byName);
  }

  const sharedCount = shared.symptoms.length;
  const unionCount = new Set([...groups.get('symptoms')?.keys() ?? []]).size;
  const value = jaccard(sharedCount, unionCount);
  const profiles: ConditionProfileRecord[] = conditions.map((condition) => ({
    condition,
    distinct: distinct.get(condition.id) ?? emptySection(),
  }));
  return {
    conditions,
    shared,
    distinct: profiles,
    similarity: {
      value,
      method: 'JACCARD_SYMPTOMS',
      sharedCount,
      unionCount,
      explanation: `${sharedCount} of the ${unionCount} symptoms linked to any of the ${ids.length} conditions are linked to all of them (Jaccard index ${value.toFixed(3)}${includeSubtypes ? ', subtypes\u2019 symptoms included' : ''}).`,
    },
    truncated: [...perCondition.values()].some((n) => n >= TRAVERSAL_LIMITS.compareFanOut),
  };
}
