import {
  EVIDENCE_FIELDS,
  KGX_ID_PREFIXES,
  KGX_KNOWLEDGE_SOURCE,
  KGX_PREFIX,
  KINDS,
  KNOWLEDGE_LEVELS,
  AGENT_TYPES,
  NEGATION_PREFIX,
  POSITIVE_REL_TYPES,
  RELATIONSHIPS,
  edgeId,
  fitsKinds,
  kindByCategory,
  relationshipType,
  type EdgeRecord,
  type Evidence,
  type GraphInput,
  type Kind,
  type NodeRecord,
  type RelType,
} from '../domain/model';

/**
 * KGX JSON (Biolink knowledge-graph exchange): `{"nodes": [...], "edges": [...]}`.
 *
 * Ids: our own kebab-case ids get the prefix `condition-graph:`; ids that are already CURIEs
 * (HP:0002380, OMIM:105400, PMID:...) are written as they are.
 * One KGX edge per piece of evidence (KGX's knowledge_level and agent_type are single-valued per
 * edge); import groups KGX edges with the same subject, predicate, object and negation back into
 * one relationship whose evidence keeps the file's order. `NOT_X` exports as X's predicate with
 * `negated: true`. Extra properties (owner, evidence_owner, Source and Fact fields) keep the round
 * trip exact; KGX allows additional properties.
 */
export interface KgxNode {
  id: string;
  category: string[];
  name: string;
  synonym?: string[];
  xref?: string[];
  description?: string;
  [extra: string]: unknown;
}

export interface KgxEdge {
  id?: string;
  subject: string;
  predicate: string;
  object: string;
  negated?: boolean;
  primary_knowledge_source?: string;
  knowledge_level?: string;
  agent_type?: string;
  publications?: string[];
  supporting_text?: string[];
  [extra: string]: unknown;
}

export interface KgxFile {
  nodes: KgxNode[];
  edges: KgxEdge[];
}

/** Knowledge source (infores) per evidence owner; anything not listed is ours. */
const KNOWLEDGE_SOURCE_BY_OWNER: Readonly<Record<string, string>> = { hpo: 'infores:hpo-annotations' };

export function toCurie(id: string): string {
  return id.includes(':') ? id : `${KGX_PREFIX}${id}`;
}

export function fromCurie(curie: string): string {
  return curie.startsWith(KGX_PREFIX) ? curie.slice(KGX_PREFIX.length) : curie;
}

/**
 * The KGX id of every entity: a registered CURIE from its xrefs when Biolink accepts that prefix for
 * its category (KGX_ID_PREFIXES; ALS -> MONDO:0004976, fasciculations -> HP:0002380), unless another
 * entity has that id or takes it first; the project's own id (toCurie) otherwise.
 */
export function kgxIds(nodes: readonly NodeRecord[]): Map<string, string> {
  const taken = new Set(nodes.map((node) => node.id));
  const out = new Map<string, string>();
  for (const node of [...nodes].sort((a, b) => compare(a.id, b.id))) {
    const prefixes = KGX_ID_PREFIXES[node.kind] ?? [];
    let chosen: string | undefined;
    if (!node.id.includes(':')) {
      for (const prefix of prefixes) {
        chosen = node.xrefs.find((xref) => xref.startsWith(`${prefix}:`) && !taken.has(xref));
        if (chosen) break;
      }
    }
    if (chosen) taken.add(chosen);
    out.set(node.id, chosen ?? toCurie(node.id));
  }
  return out;
}

/** Values that Biolink makes single-valued, written once; the per-evidence list only when they differ. */
function singleOrList(out: KgxNode, key: string, values: readonly string[]): void {
  out[key] = values[0];
  if (values.some((value) => value !== values[0])) out[`evidence_${key}`] = [...values];
}

const SOURCE_EXTRAS = [
  ['title', 'title'],
  ['authors', 'authors'],
  // Biolink's `publisher` is a predicate (an agent publishes a publication), not a Publication's property.
  ['publisher', 'publisher_name'],
  ['year', 'year'],
  ['refNumber', 'ref_number'],
  ['url', 'url'],
  ['text', 'text'],
  ['citedIn', 'cited_in'],
  ['statement', 'statement'],
  ['negated', 'negated'],
] as const;

const OPTIONAL_EVIDENCE = EVIDENCE_FIELDS.filter((field) => !field.required);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The graph as a KGX object with a deterministic order (nodes by id, edges by id). */
/** `ids`: the export id of every node of the whole graph (kgxIds), when `graph` is one batch of it (the streamed downloads). */
export function toKgx(graph: GraphInput, ids: ReadonlyMap<string, string> = kgxIds(graph.nodes)): KgxFile {
  const idOf = (id: string) => ids.get(id) ?? toCurie(id);
  const nodes = graph.nodes.map((node): KgxNode => {
    const id = idOf(node.id);
    // Under a registered CURIE, the project id stays as an xref (import maps it back).
    const xref = id === toCurie(node.id) ? [...node.xrefs] : [...node.xrefs, toCurie(node.id)];
    const out: KgxNode = { id, category: [KINDS[node.kind].category], name: node.name, synonym: [...node.aliases], xref };
    if (node.description !== undefined) out.description = node.description;
    out.owner = node.owner;
    if (node.version !== undefined) out.version = node.version;
    for (const [key, kgx] of SOURCE_EXTRAS) if (node[key] !== undefined) out[kgx] = node[key];
    if (node.evidence) {
      out.publications = node.evidence.map((ev) => idOf(ev.source));
      out.supporting_text = node.evidence.map((ev) => ev.quote);
      // Biolink's knowledge_level and agent_type are single-valued.
      singleOrList(out, 'knowledge_level', node.evidence.map((ev) => ev.knowledgeLevel));
      singleOrList(out, 'agent_type', node.evidence.map((ev) => ev.agentType));
      out.evidence_owner = node.evidence.map((ev) => ev.owner);
      for (const field of OPTIONAL_EVIDENCE) {
        const values = node.evidence.map((ev) => ev[field.key] ?? '');
        if (values.some((value) => value !== '')) out[field.kgx] = values;
      }
    }
    return out;
  });
  nodes.sort((a, b) => compare(a.id, b.id));

  const edges: KgxEdge[] = [];
  const sorted = [...graph.edges].sort((a, b) => compare(edgeId(a.subject, a.type, a.object), edgeId(b.subject, b.type, b.object)));
  for (const edge of sorted) {
    const { spec, negated } = relationshipType(edge.type);
    const id = edgeId(edge.subject, edge.type, edge.object);
    edge.evidence.forEach((ev, i) => {
      const out: KgxEdge = { id: `${toCurie(id)}#${i + 1}`, subject: idOf(edge.subject), predicate: spec.predicate, object: idOf(edge.object) };
      if (negated) out.negated = true;
      out.primary_knowledge_source = KNOWLEDGE_SOURCE_BY_OWNER[ev.owner] ?? KGX_KNOWLEDGE_SOURCE;
      out.knowledge_level = ev.knowledgeLevel;
      out.agent_type = ev.agentType;
      out.publications = [idOf(ev.source)];
      // Only exact substrings of the source's text: the quote, and a list item's lead-in.
      out.supporting_text = ev.intro ? [ev.quote, ev.intro] : [ev.quote];
      out.owner = edge.owner;
      out.evidence_owner = ev.owner;
      for (const field of OPTIONAL_EVIDENCE) if (ev[field.key] !== undefined && ev[field.key] !== '') out[field.kgx] = ev[field.key];
      edges.push(out);
    });
  }
  return { nodes, edges };
}

/** Deterministic text: two-space JSON with a final newline. */
export function formatKgx(file: KgxFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface KgxImport {
  input: GraphInput;
  /** Categories no kind maps to, with how many nodes carried them (those nodes are not imported). */
  unmappedCategories: Record<string, number>;
  /** Predicates (with subject/object kinds) no relationship type maps to, with counts. */
  unmappedPredicates: Record<string, number>;
  /** Edges left out because an end was not imported (its node had an unmapped category). */
  edgesWithUnimportedEnd: number;
  /** Source nodes created for publications / knowledge sources the file references but does not define. */
  createdSources: string[];
  /** Problems with the file's structure (not JSON objects, missing ids, ...), by record. */
  problems: Array<{ record: string; field: string; message: string }>;
}

export interface FromKgxOptions {
  /** Owner of records that carry none (default 'kgx'). */
  owner?: string;
  /** Kinds of entities already in the database that edges may reference (id -> kind). */
  existing?: ReadonlyMap<string, Kind>;
}

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T {
  const first = strings(value)[0];
  return (allowed as readonly string[]).includes(first ?? '') ? (first as T) : ('not_provided' as T);
}

/** Maps a KGX object to neutral records (validation and loading happen after, as for the seed). */
export function fromKgx(file: unknown, options: FromKgxOptions = {}): KgxImport {
  const owner = options.owner ?? 'kgx';
  const result: KgxImport = { input: { nodes: [], edges: [] }, unmappedCategories: {}, unmappedPredicates: {}, edgesWithUnimportedEnd: 0, createdSources: [], problems: [] };
  const body = (typeof file === 'object' && file !== null ? file : {}) as { nodes?: unknown; edges?: unknown };
  if (!Array.isArray(body.nodes) || !Array.isArray(body.edges)) {
    result.problems.push({ record: '(file)', field: 'nodes/edges', message: 'a KGX JSON file is an object with "nodes" and "edges" arrays' });
    return result;
  }
  const kinds = new Map<string, Kind>(options.existing ?? []);
  const unimported = new Set<string>();
  // A node exported under a registered CURIE carries its project id as an xref: map both back to it.
  const projectIds = new Map<string, string>();
  for (const raw of body.nodes as unknown[]) {
    const node = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const own = strings(node.xref).find((xref) => xref.startsWith(KGX_PREFIX));
    if (typeof node.id === 'string' && own !== undefined) projectIds.set(node.id, fromCurie(own));
  }
  const resolve = (curie: string) => projectIds.get(curie) ?? fromCurie(curie);

  body.nodes.forEach((raw: unknown, i: number) => {
    const node = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const record = `nodes[${i}]${typeof node.id === 'string' ? ` (${node.id})` : ''}`;
    if (typeof node.id !== 'string' || node.id === '') {
      result.problems.push({ record, field: 'id', message: 'a node needs a string id' });
      return;
    }
    const categories = strings(node.category);
    const kind = categories.map(kindByCategory).find((k): k is Kind => k !== undefined);
    if (kind === undefined) {
      const name = categories.length > 0 ? categories.join('|') : '(no category)';
      result.unmappedCategories[name] = (result.unmappedCategories[name] ?? 0) + 1;
      unimported.add(node.id);
      return;
    }
    const id = resolve(node.id);
    const out: Record<string, unknown> = {
      id,
      kind,
      name: typeof node.name === 'string' ? node.name : node.id,
      aliases: strings(node.synonym),
      xrefs: strings(node.xref).filter((xref) => !xref.startsWith(KGX_PREFIX)),
      owner: typeof node.owner === 'string' ? node.owner : owner,
    };
    if (typeof node.description === 'string') out.description = node.description;
    if (typeof node.version === 'number') out.version = node.version;
    for (const [key, kgx] of SOURCE_EXTRAS) if (node[kgx] !== undefined) out[key] = node[kgx];
    if (kind === 'Fact') out.evidence = evidenceOf(node, typeof out.owner === 'string' ? out.owner : owner);
    result.input.nodes.push(out as unknown as NodeRecord);
    kinds.set(id, kind);
  });

  const grouped = new Map<string, EdgeRecord>();
  body.edges.forEach((raw: unknown, i: number) => {
    const edge = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const record = `edges[${i}]${typeof edge.id === 'string' ? ` (${edge.id})` : ''}`;
    if (typeof edge.subject !== 'string' || typeof edge.object !== 'string' || typeof edge.predicate !== 'string') {
      result.problems.push({ record, field: 'subject/predicate/object', message: 'an edge needs string subject, predicate and object' });
      return;
    }
    if (unimported.has(edge.subject) || unimported.has(edge.object)) {
      result.edgesWithUnimportedEnd += 1;
      return;
    }
    const subject = resolve(edge.subject);
    const object = resolve(edge.object);
    const negated = edge.negated === true;
    const missing = [subject, object].filter((id) => !kinds.has(id));
    if (missing.length > 0) {
      for (const id of missing) result.problems.push({ record, field: id === subject ? 'subject' : 'object', message: `unknown entity "${toCurie(id)}" (not in the file nor in the database)` });
      return;
    }
    const type = mapPredicate(edge.predicate, negated, kinds.get(subject), kinds.get(object));
    if (type === undefined) {
      const name = `${negated ? 'NOT ' : ''}${edge.predicate} (${kinds.get(subject) ?? '?'} -> ${kinds.get(object) ?? '?'})`;
      result.unmappedPredicates[name] = (result.unmappedPredicates[name] ?? 0) + 1;
      return;
    }
    const edgeOwner = typeof edge.owner === 'string' ? edge.owner : owner;
    const evidence = evidenceOf(edge, edgeOwner);
    const key = edgeId(subject, type, object);
    const existing = grouped.get(key);
    if (existing) existing.evidence.push(...evidence);
    else grouped.set(key, { type, subject, object, owner: edgeOwner, evidence });
  });
  result.input.edges = [...grouped.values()];

  // Publications and knowledge sources that no node of the file (or the database) defines become Sources.
  const defined = new Set([...result.input.nodes.map((n) => n.id), ...(options.existing?.keys() ?? [])]);
  const evidences = [...result.input.edges.flatMap((e) => e.evidence), ...result.input.nodes.flatMap((n) => n.evidence ?? [])];
  for (const ev of evidences) {
    if (defined.has(ev.source)) continue;
    defined.add(ev.source);
    result.createdSources.push(ev.source);
    result.input.nodes.push({ id: ev.source, kind: 'Source', name: ev.source, aliases: [], xrefs: [], owner });
  }
  return result;

  function evidenceOf(record: Record<string, unknown>, evidenceOwnerDefault: string): Evidence[] {
    const publications = strings(record.publications);
    const sources = publications.length > 0 ? publications : strings(record.primary_knowledge_source);
    const texts = strings(record.supporting_text);
    const perEvidence = (key: string) => (record[`evidence_${key}`] !== undefined ? strings(record[`evidence_${key}`]) : strings(record[key]));
    const levels = perEvidence('knowledge_level');
    const agents = perEvidence('agent_type');
    const owners = strings(record.evidence_owner);
    const list = sources.length > 0 ? sources : [KGX_KNOWLEDGE_SOURCE];
    return list.map((source, j) => {
      const pick = (values: string[]) => (values.length === list.length ? values[j] : values[0]);
      const ev: Record<string, string> = {
        source: resolve(source),
        quote: pick(texts) ?? '',
        knowledgeLevel: oneOf(KNOWLEDGE_LEVELS, pick(levels)),
        agentType: oneOf(AGENT_TYPES, pick(agents)),
        owner: pick(owners) ?? evidenceOwnerDefault,
      };
      for (const field of OPTIONAL_EVIDENCE) {
        const value = pick(strings(record[field.kgx]));
        if (value !== undefined && value !== '') ev[field.key] = value;
      }
      return ev as unknown as Evidence;
    });
  }
}

/** The relationship type for a Biolink predicate between two kinds, if exactly one fits. */
export function mapPredicate(predicate: string, negated: boolean, subjectKind: Kind | undefined, objectKind: Kind | undefined): RelType | undefined {
  if (subjectKind === undefined || objectKind === undefined) return undefined;
  const candidates = POSITIVE_REL_TYPES.filter((type) => RELATIONSHIPS[type].predicate === predicate && fitsKinds(type, subjectKind, objectKind));
  const positive = candidates.length === 1 ? candidates[0] : undefined;
  if (positive === undefined) return undefined;
  if (!negated) return positive;
  return RELATIONSHIPS[positive].negatable ? (`${NEGATION_PREFIX}${positive}` as RelType) : undefined;
}
