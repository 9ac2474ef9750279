/**
 * What each kind of change checks against the live graph and how an accepted one is applied. Checks
 * run twice: when a change is proposed (refused at once when it cannot apply) and again when it is
 * accepted (the graph may have moved on: then a CONFLICT). Validation is the import path's
 * (validateGraph: the model's kinds, ends, id, xref and evidence rules; anchorGraph: quotes as exact
 * spans), never a second copy. Labels and relationship types come from the model's whitelists only.
 */
import type { WriteTransaction } from '../../db';
import { evidenceFromProps, evidenceToProps, nodeFromProps, nodeToProps, type Props } from '../../ingest/records';
import { existingEntities, type ExistingEntities } from '../../ingest/import-kgx';
import { validateGraph } from '../../ingest/validate';
import { ENTITY_LABEL, NAME_SEARCH_PROPERTY, RETIRED_LABEL, VERSION_PROPERTY, edgeId, kindLabel, relationshipType, setNameSearch, withoutDerived, type EdgeRecord, type Evidence, type GraphInput, type Kind, type NodeRecord } from '../model';
import { anchorGraph } from '../text/evidence-quotes';
import { collapseWhitespace } from '../text/quote-spans';
import { CURATION_OWNER, CurationError, type ChangePayload } from './change.types';
import { bothInOrder } from './in-order';

type Tx = Pick<WriteTransaction, 'run' | 'runRow'>;
/** Who asked and why: recorded on what an applied change retires. */
export interface ChangeContext {
  changeId: string;
  actor: string;
  reason: string | null;
  /** The proposer may retract or merge Sources (the admin role). */
  admin: boolean;
}

const READ_NODE = `MATCH (n:${ENTITY_LABEL} {id: $id}) RETURN properties(n) AS props`;
const READ_EDGES_OF = `
  MATCH (n:${ENTITY_LABEL} {id: $id})-[r]-(other:${ENTITY_LABEL})
  RETURN elementId(r) AS elementId, type(r) AS type, startNode(r) = n AS outgoing, other.id AS other, properties(r) AS props`;
const CITING_EDGES = `
  MATCH (s:${ENTITY_LABEL})-[r]->(o:${ENTITY_LABEL}) WHERE $source IN r.evSources
  RETURN elementId(r) AS elementId, type(r) AS type, s.id AS subject, o.id AS object, properties(r) AS props`;
const FACTS_CITING = `MATCH (f:${ENTITY_LABEL}:Fact) WHERE $id IN f.evSources RETURN collect(f.id)[..5] AS facts`;
const DELETE_EDGE = `MATCH ()-[r]->() WHERE elementId(r) = $elementId DELETE r`;
const SET_EDGE = `MATCH ()-[r]->() WHERE elementId(r) = $elementId SET r = $props`;
const REDIRECT_RETIRED = `MATCH (r:${RETIRED_LABEL} {mergedInto: $from}) SET r.mergedInto = $to`;
/** Replaces an entity's properties (its name and aliases among them): `nameSearch` is derived anew in the same statement. */
const REPLACE_NODE = `MATCH (n:${ENTITY_LABEL} {id: $id}) SET n = $after ${setNameSearch('n')}`;

function readEdgeStatement(type: string): string {
  return `MATCH (:${ENTITY_LABEL} {id: $s})-[r:${relationshipType(type).type}]->(:${ENTITY_LABEL} {id: $o}) RETURN elementId(r) AS elementId, properties(r) AS props`;
}
function createEdgeStatement(type: string): string {
  return `MATCH (s:${ENTITY_LABEL} {id: $s}), (o:${ENTITY_LABEL} {id: $o}) CREATE (s)-[r:${relationshipType(type).type}]->(o) SET r = $props`;
}
/** A row statement (src/db/statement-rows.ts): the creations accepted together in a shared transaction go as one. */
function createNodeStatement(kind: Kind): string {
  return `UNWIND $rows AS row CREATE (n:${ENTITY_LABEL}:${kindLabel(kind)}) SET n = row.props ${setNameSearch('n')}`;
}
/** Takes the entity out of every read: no :Entity, no kind label; its id stays taken under :Retired. */
function retireStatement(kind: Kind): string {
  return `MATCH (n:${ENTITY_LABEL}:${kindLabel(kind)} {id: $id})
    REMOVE n:${ENTITY_LABEL}:${kindLabel(kind)}, n.${NAME_SEARCH_PROPERTY} SET n:${RETIRED_LABEL}, n += $retired`;
}

export function entityIdsOf(payload: ChangePayload): string[] {
  switch (payload.operation) {
    case 'ASSERT_RELATIONSHIP':
      return [...new Set([payload.edge.subject, payload.edge.object, ...payload.edge.evidence.map((ev) => ev.source)])];
    case 'CREATE_SOURCE':
    case 'CREATE_ENTITY':
      return [payload.node.id];
    case 'UPDATE_ENTITY':
    case 'RETRACT_ENTITY':
      return [payload.id];
    case 'RETRACT_EVIDENCE':
      return [...new Set([payload.subject, payload.object, payload.source])];
    case 'MERGE_ENTITIES':
      return [payload.keep, payload.merge];
  }
}

const invalid = (message: string) => new CurationError('INVALID', message);

/** What the checks need of the graph about `ids` (kinds, source texts, retirements): one statement. */
function lookUp(tx: Tx, ids: string[]): Promise<ExistingEntities> {
  return existingEntities((cypher, row) => tx.runRow(cypher, row), ids);
}

/** Refuses ids of retracted or merged-away entities with what became of them. */
function refuseRetired(retired: ExistingEntities['retired'], ids: readonly string[], field: (id: string) => string, creating: boolean): void {
  const problems = ids.flatMap((id) => {
    const gone = retired.get(id);
    if (!gone) return [];
    return gone.as === 'MERGED'
      ? [`${field(id)}: "${id}" was merged into "${gone.mergedInto}"${creating ? '; choose another id' : `; use "${gone.mergedInto}"`}`]
      : [`${field(id)}: "${id}" was retracted${creating ? ' and its id stays taken; choose another id' : ''}`];
  });
  if (problems.length > 0) throw invalid(problems.join('; '));
}

/**
 * The stored entity: as a record (for validation) and its properties (kept whole in `before`), less the
 * derived ones (`nameSearch`), which no change record holds and every write derives anew.
 */
async function readNode(tx: Tx, id: string, field: string): Promise<{ node: NodeRecord; props: Props }> {
  const [found, [row]] = await bothInOrder(lookUp(tx, [id]), tx.run<{ props: Props }>(READ_NODE, { id }));
  refuseRetired(found.retired, [id], () => field, false);
  if (!row) throw invalid(`${field}: no entity has the id "${id}"`);
  const props = withoutDerived(row.props);
  return { node: nodeFromProps(props), props };
}

function versionOf(props: Props): number {
  const version = props[VERSION_PROPERTY];
  return typeof version === 'number' ? version : 1;
}

/**
 * The import path's validation against the graph, plus the rules only a live graph can answer; the
 * payload comes back with its quotes anchored (exact spans) when that changes it.
 */
export async function checkAgainstGraph(tx: Tx, payload: ChangePayload, context: Pick<ChangeContext, 'admin'>): Promise<ChangePayload> {
  switch (payload.operation) {
    case 'CREATE_SOURCE':
    case 'CREATE_ENTITY': {
      const checked = await validated(tx, { nodes: [payload.node], edges: [] }, { retired: { field: () => 'input.id', creating: true } });
      return { ...payload, node: checked.nodes[0]! };
    }
    case 'ASSERT_RELATIONSHIP': {
      const field = (id: string) => (id === payload.edge.subject ? 'input.subject' : id === payload.edge.object ? 'input.object' : 'input.evidence.source');
      const checked = await validated(tx, { nodes: [], edges: [payload.edge] }, { retired: { field, creating: false } });
      return { ...payload, edge: checked.edges[0]! };
    }
    case 'UPDATE_ENTITY': {
      const { node, props } = await readNode(tx, payload.id, 'input.id');
      const current = versionOf(props);
      if (payload.version !== current) {
        throw new CurationError('CONFLICT', `input.version: "${payload.id}" is at version ${current}, not ${payload.version}; read it again and re-apply your change`, current);
      }
      await validated(tx, { nodes: [updated(node, payload.set)], edges: [] }, { self: node.id });
      return payload;
    }
    case 'RETRACT_ENTITY': {
      const { node } = await readNode(tx, payload.id, 'id');
      if (node.kind === 'Source' && !context.admin) throw new CurationError('FORBIDDEN', `retracting a Source (with every piece of evidence citing it) needs the admin role`);
      const [facts] = await tx.run<{ facts: string[] }>(FACTS_CITING, { id: payload.id });
      if (facts && facts.facts.length > 0) throw invalid(`id: "${payload.id}" is the evidence of the Fact(s) ${facts.facts.join(', ')}; retract those first`);
      return payload;
    }
    case 'RETRACT_EVIDENCE': {
      const ids = entityIdsOf(payload);
      const [found, edge] = await bothInOrder(lookUp(tx, ids), readEdge(tx, payload.subject, payload.type, payload.object));
      refuseRetired(found.retired, ids, () => 'input', false);
      if (!edge) throw invalid(`input: there is no ${payload.type} relationship from "${payload.subject}" to "${payload.object}"`);
      const held = evidenceFromProps(edge.props);
      if (!held.some((ev) => isItem(ev, payload.source, payload.quote))) {
        const listed = held.map((ev) => `${ev.source}: "${ev.quote.slice(0, 80)}"`).join('; ');
        throw invalid(`input.quote: no evidence of that relationship cites "${payload.source}" with this quote; it holds: ${listed}`);
      }
      return payload;
    }
    case 'MERGE_ENTITIES': {
      const { node: keep } = await readNode(tx, payload.keep, 'keep');
      const { node: merge } = await readNode(tx, payload.merge, 'merge');
      if (keep.kind !== merge.kind) throw invalid(`merge: "${merge.id}" is a ${merge.kind} and "${keep.id}" a ${keep.kind}; only entities of one kind merge`);
      if (keep.kind === 'Source' || keep.kind === 'Fact') throw invalid(`merge: ${keep.kind} entities do not merge (evidence cites sources by id); retract the duplicate instead`);
      return payload;
    }
  }
}

interface ValidateOptions {
  /** The entity being updated: its own id is not "taken". */
  self?: string;
  /** Refuse retracted or merged-away ids first (with these field names). */
  retired?: { field: (id: string) => string; creating: boolean };
}

async function validated(tx: Tx, input: GraphInput, options: ValidateOptions = {}): Promise<GraphInput> {
  const ids = [...new Set([...input.nodes.map((n) => n.id), ...input.edges.flatMap((e) => [e.subject, e.object, ...e.evidence.map((ev) => ev.source)])])];
  const { kinds, texts, retired } = await lookUp(tx, ids);
  if (options.retired) refuseRetired(retired, ids, options.retired.field, options.retired.creating);
  // Quotes become exact spans of their source's text (or are refused with the nearest passage), as for the seed and KGX.
  const anchored = anchorGraph(input, texts);
  const origins = { nodes: [{ file: 'input', record: 'entity' }], edges: [{ file: 'input', record: 'relationship' }] };
  const problems = validateGraph(anchored, { existing: kinds, sourceTexts: texts, origins }).map((issue) => `input.${issue.field}: ${issue.message}`);
  for (const node of input.nodes) {
    const taken = kinds.get(node.id);
    if (taken && node.id !== options.self) problems.push(`input.id: "${node.id}" is already taken by a ${taken}; choose another id`);
  }
  if (problems.length > 0) throw invalid(problems.join('; '));
  return anchored;
}

function updated(node: NodeRecord, set: Extract<ChangePayload, { operation: 'UPDATE_ENTITY' }>['set']): NodeRecord {
  const { description: _old, ...rest } = node;
  const description = set.description === undefined ? node.description : set.description;
  return {
    ...rest,
    ...(set.name !== undefined ? { name: set.name, ...(node.kind === 'Source' ? { title: set.name } : {}) } : {}),
    ...(set.aliases !== undefined ? { aliases: set.aliases } : {}),
    ...(set.xrefs !== undefined ? { xrefs: set.xrefs } : {}),
    ...(description ? { description } : {}),
  };
}

function isItem(ev: Evidence, source: string, quote: string): boolean {
  return ev.source === source && collapseWhitespace(ev.quote) === collapseWhitespace(quote);
}

function sameEvidence(a: Evidence, b: Evidence): boolean {
  return isItem(a, b.source, b.quote) && collapseWhitespace(a.intro ?? '') === collapseWhitespace(b.intro ?? '');
}

async function readEdge(tx: Tx, subject: string, type: string, object: string): Promise<{ elementId: string; props: Props } | undefined> {
  const [row] = await tx.run<{ elementId: string; props: Props }>(readEdgeStatement(type), { s: subject, o: object });
  return row;
}

/** The edge's properties with `evidence` instead of what it held (its owner and id unchanged). */
function withEvidence(props: Props, evidence: readonly Evidence[]): Props {
  const kept: Props = {};
  for (const [key, value] of Object.entries(props)) if (!key.startsWith('ev')) kept[key] = value;
  return { ...kept, ...evidenceToProps(evidence) };
}

/** Removes the evidence items `drop` says; an edge left without evidence is deleted. Returns what it held before. */
async function dropEvidence(tx: Tx, elementId: string, props: Props, drop: (ev: Evidence) => boolean): Promise<{ before: Props; after: Props | null }> {
  const left = evidenceFromProps(props).filter((ev) => !drop(ev));
  if (left.length === 0) {
    await tx.run(DELETE_EDGE, { elementId });
    return { before: props, after: null };
  }
  const after = withEvidence(props, left);
  await tx.run(SET_EDGE, { elementId, props: after });
  return { before: props, after };
}

/** Adds evidence to the edge subject -type-> object, creating the edge when there is none. */
async function addEvidence(tx: Tx, edge: Pick<EdgeRecord, 'type' | 'subject' | 'object' | 'owner'>, evidence: readonly Evidence[]): Promise<{ before: Props | null; after: Props; added: number }> {
  const existing = await readEdge(tx, edge.subject, edge.type, edge.object);
  if (!existing) {
    const props = { id: edgeId(edge.subject, edge.type, edge.object), owner: edge.owner, ...evidenceToProps(evidence) };
    await tx.run(createEdgeStatement(edge.type), { s: edge.subject, o: edge.object, props });
    return { before: null, after: props, added: evidence.length };
  }
  const held = evidenceFromProps(existing.props);
  const fresh = evidence.filter((ev) => !held.some((old) => sameEvidence(old, ev)));
  const after = withEvidence(existing.props, [...held, ...fresh]);
  if (fresh.length > 0) await tx.run(SET_EDGE, { elementId: existing.elementId, props: after });
  return { before: existing.props, after, added: fresh.length };
}

function retirement(context: ChangeContext, as: 'RETRACTED' | 'MERGED', mergedInto: string | null): Props {
  return {
    retiredAs: as,
    ...(mergedInto ? { mergedInto } : {}),
    retiredBy: context.actor,
    retiredChange: context.changeId,
    retiredAt: new Date().toISOString(),
    ...(context.reason ? { retiredReason: context.reason } : {}),
  };
}

/** Writes the change record of an applied change, given what it keeps (`before`, `after`). */
export type RecordApplied<R> = (before: unknown, after: unknown) => Promise<R>;

type Creation = Extract<ChangePayload, { node: NodeRecord }>;

function isCreation(payload: ChangePayload): payload is Creation {
  return payload.operation === 'CREATE_SOURCE' || payload.operation === 'CREATE_ENTITY';
}

/**
 * Applies an accepted (and re-checked) change, then `record`s it in the same transaction. What a
 * creation writes is known before it is written, so its CREATE and the record are sent together:
 * one round trip fewer in the shared transaction every accepted change waits on (Neo4j runs them in
 * the order sent, and a failed CREATE fails the transaction before the record counts).
 */
export async function apply<R>(tx: Tx, payload: ChangePayload, context: ChangeContext, record: RecordApplied<R>): Promise<R> {
  if (isCreation(payload)) {
    const props = nodeToProps(payload.node);
    const [, recorded] = await bothInOrder(tx.runRow(createNodeStatement(payload.node.kind), { props }), record(null, props));
    return recorded;
  }
  const { before, after } = await changeGraph(tx, payload, context);
  return record(before, after);
}

async function changeGraph(tx: Tx, payload: Exclude<ChangePayload, Creation>, context: ChangeContext): Promise<{ before: unknown; after: unknown }> {
  switch (payload.operation) {
    case 'ASSERT_RELATIONSHIP': {
      const result = await addEvidence(tx, payload.edge, payload.edge.evidence);
      if (result.added === 0) throw new CurationError('CONFLICT', 'the relationship already holds this evidence');
      return { before: result.before, after: result.after };
    }
    case 'UPDATE_ENTITY': {
      const { node, props: stored } = await readNode(tx, payload.id, 'input.id');
      const props = { ...nodeToProps(updated(node, payload.set)), [VERSION_PROPERTY]: versionOf(stored) + 1, owner: CURATION_OWNER };
      // Properties the curator does not edit (HPO's altIds, hpoId, ...) stay; the curated node is curation's from now on,
      // so a seed or HPO re-load leaves it as curated.
      const after: Props = { ...stored, ...props };
      if (payload.set.description === null) delete after.description;
      await tx.run(REPLACE_NODE, { id: payload.id, after });
      return { before: stored, after };
    }
    case 'RETRACT_ENTITY': {
      const { node, props: stored } = await readNode(tx, payload.id, 'id');
      const edges = await tx.run<{ elementId: string; type: string; outgoing: boolean; other: string; props: Props }>(READ_EDGES_OF, { id: payload.id });
      for (const edge of edges) await tx.run(DELETE_EDGE, { elementId: edge.elementId });
      // A retracted Source takes every piece of evidence citing it along (an edge left without evidence goes too).
      const evidence = [];
      if (node.kind === 'Source') {
        const citing = await tx.run<{ elementId: string; type: string; subject: string; object: string; props: Props }>(CITING_EDGES, { source: payload.id });
        for (const edge of citing) {
          const change = await dropEvidence(tx, edge.elementId, edge.props, (ev) => ev.source === payload.id);
          evidence.push({ type: edge.type, subject: edge.subject, object: edge.object, ...change });
        }
      }
      await tx.run(retireStatement(node.kind), { id: payload.id, retired: retirement(context, 'RETRACTED', null) });
      const removed = edges.map((edge) => ({ type: edge.type, subject: edge.outgoing ? payload.id : edge.other, object: edge.outgoing ? edge.other : payload.id, props: edge.props }));
      return { before: { entity: stored, relationships: removed, evidence }, after: { retracted: payload.id } };
    }
    case 'RETRACT_EVIDENCE': {
      const edge = await readEdge(tx, payload.subject, payload.type, payload.object);
      if (!edge) throw new CurationError('CONFLICT', `the ${payload.type} relationship from "${payload.subject}" to "${payload.object}" is gone`);
      return dropEvidence(tx, edge.elementId, edge.props, (ev) => isItem(ev, payload.source, payload.quote));
    }
    case 'MERGE_ENTITIES':
      return merge(tx, payload.keep, payload.merge, context);
  }
}

/**
 * Moves every relationship of `mergeId` to `keepId` (evidence joins an edge `keepId` already has; an
 * edge between the two is dropped), adds the merged entity's name, aliases and xrefs to the kept one,
 * and retires the merged id as an alias of the kept entity (lookups and `entity(id:)` resolve it).
 */
async function merge(tx: Tx, keepId: string, mergeId: string, context: ChangeContext): Promise<{ before: unknown; after: unknown }> {
  const { node: keep, props: keepProps } = await readNode(tx, keepId, 'keep');
  const { node: gone, props: goneProps } = await readNode(tx, mergeId, 'merge');
  const edges = await tx.run<{ elementId: string; type: string; outgoing: boolean; other: string; props: Props }>(READ_EDGES_OF, { id: mergeId });
  const moved = [];
  for (const edge of edges) {
    const subject = edge.outgoing ? keepId : edge.other === keepId ? keepId : edge.other;
    const object = edge.outgoing ? (edge.other === keepId ? keepId : edge.other) : keepId;
    await tx.run(DELETE_EDGE, { elementId: edge.elementId });
    if (subject === object) {
      moved.push({ type: edge.type, dropped: true, props: edge.props });
      continue;
    }
    const type = relationshipType(edge.type).type;
    await addEvidence(tx, { type, subject, object, owner: String(edge.props.owner ?? CURATION_OWNER) }, evidenceFromProps(edge.props));
    moved.push({ type, subject, object, props: edge.props });
  }
  const names = [gone.name, ...gone.aliases].filter((name) => name.toLowerCase() !== keep.name.toLowerCase());
  const aliases = [...keep.aliases];
  for (const name of names) if (!aliases.some((alias) => alias.toLowerCase() === name.toLowerCase())) aliases.push(name);
  const xrefs = [...new Set([...keep.xrefs, ...gone.xrefs])];
  const after = { ...keepProps, aliases, xrefs, [VERSION_PROPERTY]: versionOf(keepProps) + 1, owner: CURATION_OWNER };
  await tx.run(REPLACE_NODE, { id: keepId, after });
  await tx.run(retireStatement(gone.kind), { id: mergeId, retired: retirement(context, 'MERGED', keepId) });
  // Ids merged into the merged entity earlier now resolve to the kept one.
  await tx.run(REDIRECT_RETIRED, { from: mergeId, to: keepId });
  return { before: { keep: keepProps, merge: goneProps, relationships: moved }, after: { keep: after, merged: mergeId } };
}
