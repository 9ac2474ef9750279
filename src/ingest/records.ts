import {
  EVIDENCE_FIELDS,
  KIND_NAMES,
  edgeId,
  isKind,
  isRelType,
  type EdgeRecord,
  type Evidence,
  type Kind,
  type NodeRecord,
  type RelType,
} from '../domain/model';

/**
 * Conversion between neutral records and Neo4j property maps. Evidence becomes parallel lists
 * (evSources, evQuotes, ...); optional evidence fields are stored only when some entry has a value,
 * with '' in the other positions. Absent optional node properties are not stored at all.
 */
export type Props = Record<string, string | number | boolean | string[]>;

const NODE_KEYS = ['id', 'kind', 'name', 'aliases', 'description', 'xrefs', 'owner', 'title', 'authors', 'publisher', 'year', 'refNumber', 'url', 'text', 'citedIn', 'statement', 'negated', 'version'] as const;
/**
 * Every property nodeToProps can write: what a load owns on a node. Other properties (the HPO
 * import's term properties, derived ones) belong to other writers, and a load leaves them alone.
 */
export const NODE_RECORD_PROPERTIES: readonly string[] = [...NODE_KEYS, ...EVIDENCE_FIELDS.map((field) => field.property)];

export function evidenceToProps(evidence: readonly Evidence[]): Props {
  const props: Props = {};
  for (const field of EVIDENCE_FIELDS) {
    const values = evidence.map((ev) => (ev as Record<string, string | undefined>)[field.key] ?? '');
    if (field.required || values.some((value) => value !== '')) props[field.property] = values;
  }
  return props;
}

export function evidenceFromProps(props: Record<string, unknown>): Evidence[] {
  const sources = props.evSources;
  if (!Array.isArray(sources)) return [];
  return sources.map((_, i) => {
    const ev: Record<string, string> = {};
    for (const field of EVIDENCE_FIELDS) {
      const list = props[field.property];
      const value = Array.isArray(list) ? list[i] : undefined;
      if (typeof value === 'string' && (field.required || value !== '')) ev[field.key] = value;
      else if (field.required) ev[field.key] = '';
    }
    return ev as unknown as Evidence;
  });
}

export function nodeToProps(node: NodeRecord): Props {
  const props: Props = {};
  for (const key of NODE_KEYS) {
    const value = node[key];
    if (value !== undefined) props[key] = value as Props[string];
  }
  if (node.evidence) Object.assign(props, evidenceToProps(node.evidence));
  return props;
}

export function nodeFromProps(props: Record<string, unknown>): NodeRecord {
  const kind = props.kind;
  if (!isKind(kind)) throw new Error(`node ${String(props.id)} has unknown kind ${String(kind)} (allowed: ${KIND_NAMES.join(', ')})`);
  const node: Record<string, unknown> = { id: props.id, kind, name: props.name, aliases: props.aliases ?? [], xrefs: props.xrefs ?? [], owner: props.owner };
  for (const key of NODE_KEYS) if (!(key in node) && props[key] !== undefined && props[key] !== null) node[key] = props[key];
  if (kind === 'Fact') node.evidence = evidenceFromProps(props);
  return node as unknown as NodeRecord;
}

export function edgeToProps(edge: EdgeRecord): Props {
  return { id: edgeId(edge.subject, edge.type, edge.object), owner: edge.owner, ...evidenceToProps(edge.evidence) };
}

export function edgeFromProps(type: string, subject: string, object: string, props: Record<string, unknown>): EdgeRecord {
  if (!isRelType(type)) throw new Error(`relationship ${String(props.id)} has unknown type ${type}`);
  return { type: type as RelType, subject, object, owner: String(props.owner), evidence: evidenceFromProps(props) };
}

export type { Kind };
