/**
 * What a re-load (seed, KGX, HPO) must respect of curation's work, as pure functions the loader
 * applies inside its transaction:
 * - ids curation retracted stay retracted, and ids it merged into another entity load as that entity
 *   (`withoutRetired`): a re-load never brings them back;
 * - evidence another owner added to an edge this load owns stays beside this load's evidence
 *   (`keepForeignEvidence`), and an edge this load drops keeps the others' evidence (`foreignOnly`).
 */
import type { EdgeRecord, GraphInput } from '../domain/model';
import { evidenceFromProps, evidenceToProps, type Props } from './records';

/** Retired id -> the id it was merged into, or null when it was retracted. */
export type RetiredIds = ReadonlyMap<string, string | null>;

export interface WithoutRetired {
  input: GraphInput;
  /** Input nodes left out because curation retracted or merged their id. */
  skippedNodes: number;
  /** Input edges left out: an end or every source retracted, or both ends merged into one entity. */
  skippedEdges: number;
}

export function withoutRetired(input: GraphInput, retired: RetiredIds): WithoutRetired {
  if (retired.size === 0) return { input, skippedNodes: 0, skippedEdges: 0 };
  const nodes = input.nodes.filter((node) => !retired.has(node.id));
  const edges: EdgeRecord[] = [];
  for (const edge of input.edges) {
    const subject = retired.has(edge.subject) ? retired.get(edge.subject) : edge.subject;
    const object = retired.has(edge.object) ? retired.get(edge.object) : edge.object;
    if (!subject || !object || subject === object) continue;
    const evidence = edge.evidence.filter((ev) => !retired.has(ev.source));
    if (evidence.length === 0) continue;
    edges.push(subject === edge.subject && object === edge.object && evidence.length === edge.evidence.length ? edge : { ...edge, subject, object, evidence });
  }
  return { input: { nodes, edges }, skippedNodes: input.nodes.length - nodes.length, skippedEdges: input.edges.length - edges.length };
}

/** `props` (what this load writes) plus the evidence of `stored` that other owners added. */
export function keepForeignEvidence(props: Props, stored: Record<string, unknown>): Props {
  const owner = props.owner;
  const foreign = evidenceFromProps(stored).filter((ev) => ev.owner !== owner);
  if (foreign.length === 0) return props;
  const own = evidenceFromProps(props);
  const kept: Props = {};
  for (const [key, value] of Object.entries(props)) if (!key.startsWith('ev')) kept[key] = value;
  return { ...kept, ...evidenceToProps([...own, ...foreign]) };
}

/** The stored edge with only other owners' evidence, owned by the first of them; null when none is left. */
export function foreignOnly(stored: Record<string, unknown>, owner: string): Props | null {
  const foreign = evidenceFromProps(stored).filter((ev) => ev.owner !== owner);
  if (foreign.length === 0) return null;
  return { id: String(stored.id), owner: foreign[0]!.owner, ...evidenceToProps(foreign) };
}
