import type { EntityRecord } from '../entity/entity.types';
import type { EvidencePlan } from '../projection';
import { RELATIONSHIPS, isRelType, relationshipType } from '../model';
import { evidenceMap, toEvidence } from './cypher';
import type { EdgeRecordOut } from './records';

/** `{id, type, s, t, ev}` of a relationship, for `toEdge` (`ev`: the lists the plan needs, see `evidenceMap`). */
export function edgeMap(r: string, evidence?: EvidencePlan | null): string {
  return `{id: coalesce(${r}.id, elementId(${r})), type: type(${r}), s: startNode(${r}).id, t: endNode(${r}).id, ev: ${evidenceMap(r, evidence)}}`;
}

export interface RawEdge {
  id: string;
  type: string;
  s: string;
  t: string;
  ev: unknown;
}

/** An Edge record from `edgeMap`, with its end nodes looked up among the nodes fetched with it. */
export function toEdge(
  raw: RawEdge,
  nodes: ReadonlyMap<string, EntityRecord>,
  sources: readonly EntityRecord[],
  direction: EdgeRecordOut['direction'] = null,
): EdgeRecordOut | null {
  const source = nodes.get(raw.s);
  const target = nodes.get(raw.t);
  if (!source || !target || !isRelType(raw.type)) return null;
  const resolved = relationshipType(raw.type);
  return {
    id: raw.id,
    type: raw.type,
    negated: resolved.negated,
    predicate: RELATIONSHIPS[resolved.positive].predicate,
    source,
    target,
    sourceId: source.id,
    targetId: target.id,
    direction,
    evidence: toEvidence(raw.ev, sources),
  };
}
