import { z } from 'zod';
import {
  AGENT_TYPES,
  EVIDENCE_FIELDS,
  KEBAB_ID,
  KIND_NAMES,
  KNOWLEDGE_LEVELS,
  REL_TYPES,
  CURIE,
  edgeId,
  fitsKinds,
  isEntityId,
  relationshipType,
  type EdgeRecord,
  type GraphInput,
  type Kind,
  type NodeRecord,
} from '../domain/model';
import { anchorEvidence, quotedText, sourceTextsOf, type SourceTexts } from '../domain/text/evidence-quotes';
import { collapseWhitespace } from '../domain/text/quote-spans';

/** Where a record came from, for error messages: a file and a record within it. */
export interface Origin {
  file: string;
  record: string;
}

/** One problem with the input: which file, which record, which field, and what is wrong. */
export interface ValidationIssue extends Origin {
  field: string;
  message: string;
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.file}: ${issue.record}: ${issue.field}: ${issue.message}`;
}

/** Thrown before anything is written when the input has problems; lists every one of them. */
export class ValidationFailed extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`${issues.length} validation error(s):\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
    this.name = 'ValidationFailed';
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

const text = z.string().trim().min(1, 'must be a non-empty string');

const optionalEvidence = Object.fromEntries(
  EVIDENCE_FIELDS.filter((field) => !field.required).map((field) => [field.key, z.string().optional()]),
) as Record<string, z.ZodOptional<z.ZodString>>;

export const evidenceSchema = z.strictObject({
  source: text,
  quote: z.string(),
  knowledgeLevel: z.enum(KNOWLEDGE_LEVELS),
  agentType: z.enum(AGENT_TYPES),
  owner: text,
  ...optionalEvidence,
});

export const nodeSchema = z.strictObject({
  id: text,
  kind: z.enum(KIND_NAMES as [Kind, ...Kind[]]),
  name: text,
  aliases: z.array(text),
  description: text.optional(),
  xrefs: z.array(z.string().regex(CURIE, 'must be a CURIE such as MONDO:0004976')),
  owner: text,
  title: text.optional(),
  authors: z.array(text).optional(),
  publisher: text.optional(),
  year: z.number().int().min(1000).max(3000).optional(),
  refNumber: z.number().int().positive().optional(),
  url: z.url().optional(),
  text: z.string().min(1, 'must be a non-empty string').optional(),
  citedIn: text.optional(),
  statement: text.optional(),
  negated: z.boolean().optional(),
  evidence: z.array(evidenceSchema).optional(),
  version: z.number().int().min(1).optional(),
});

export const edgeSchema = z.strictObject({
  type: z.enum(REL_TYPES as [string, ...string[]]),
  subject: text,
  object: text,
  owner: text,
  evidence: z.array(evidenceSchema).min(1, 'needs at least one piece of evidence (no relationship without provenance)'),
});

const SOURCE_ONLY = ['title', 'authors', 'publisher', 'year', 'refNumber', 'url', 'text', 'citedIn'] as const;
const FACT_ONLY = ['statement', 'negated', 'evidence'] as const;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface ValidateOptions {
  /**
   * Texts of Sources already in the database (id -> text / citedIn) that evidence of this input may
   * cite: quotes of a source with text must be exact spans of it (src/domain/text/evidence-quotes.ts).
   * Sources of the input itself are taken from the input.
   */
  sourceTexts?: SourceTexts;
  /** Entities already in the database that edges of this input may reference (id -> kind). */
  existing?: ReadonlyMap<string, Kind>;
  /** When given, every xref must be one of these (the checked seed/xrefs.tsv). */
  allowedXrefs?: ReadonlySet<string>;
  /** Our own data: ids must be lowercase kebab-case (otherwise kebab-case or a CURIE). */
  kebabIds?: boolean;
  /** Where each record came from (same order as input.nodes / input.edges). */
  origins?: { nodes?: readonly Origin[]; edges?: readonly Origin[] };
  /** Used for records without an origin. */
  defaultFile?: string;
}

/** Every problem with the input (empty when it may be written). Never touches the database. */
export function validateGraph(input: GraphInput, options: ValidateOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const file = options.defaultFile ?? '(input)';
  const nodeOrigin = (i: number, node: unknown): Origin =>
    options.origins?.nodes?.[i] ?? { file, record: `node #${i + 1}${describeId(node)}` };
  const edgeOrigin = (i: number, edge: unknown): Origin =>
    options.origins?.edges?.[i] ?? { file, record: `edge #${i + 1}${describeEdge(edge)}` };
  const add = (origin: Origin, field: string, message: string) => issues.push({ ...origin, field, message });
  const sources = sourceTextsOf(input.nodes.filter((node): node is NodeRecord => typeof node === 'object' && node !== null && (node as NodeRecord).kind === 'Source'), options.sourceTexts);

  // Pass 1: shapes, ids, kinds of every node.
  const kinds = new Map<string, Kind>(options.existing ?? []);
  const firstSeen = new Map<string, Origin>();
  const validNodes: Array<{ node: NodeRecord; origin: Origin }> = [];
  input.nodes.forEach((raw, i) => {
    const origin = nodeOrigin(i, raw);
    const parsed = nodeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(origin, fieldOf(issue.path), issue.message);
      return;
    }
    const node = parsed.data as NodeRecord;
    const idOk = options.kebabIds ? KEBAB_ID.test(node.id) : isEntityId(node.id);
    if (!idOk) {
      add(origin, 'id', options.kebabIds ? `"${node.id}" is not lowercase kebab-case (like "limb-onset-als")` : `"${node.id}" is neither kebab-case nor a CURIE`);
    }
    const previous = firstSeen.get(node.id);
    if (previous) add(origin, 'id', `duplicate id "${node.id}" (first defined in ${previous.file}: ${previous.record})`);
    else firstSeen.set(node.id, origin);
    if (node.kind !== 'Source') {
      for (const key of SOURCE_ONLY) if (node[key] !== undefined) add(origin, key, `only Source entities have "${key}"`);
    }
    if (node.kind !== 'Fact') {
      for (const key of FACT_ONLY) if (node[key] !== undefined) add(origin, key, `only Fact entities have "${key}"`);
    } else {
      if (node.statement === undefined) add(origin, 'statement', 'a Fact needs a statement');
      if (!node.evidence || node.evidence.length === 0) add(origin, 'evidence', 'a Fact needs at least one piece of evidence');
    }
    if (options.allowedXrefs) {
      node.xrefs.forEach((xref, j) => {
        if (!options.allowedXrefs?.has(xref)) add(origin, `xrefs[${j}]`, `"${xref}" is not a checked cross-reference (seed/xrefs.tsv); never invent an ontology ID`);
      });
    }
    const seenXrefs = new Set<string>();
    node.xrefs.forEach((xref, j) => {
      if (seenXrefs.has(xref)) add(origin, `xrefs[${j}]`, `duplicate xref "${xref}"`);
      seenXrefs.add(xref);
    });
    if (node.citedIn !== undefined && quotedText(node.id, sources) === undefined) {
      add(origin, 'citedIn', `"${node.citedIn}" is not a Source whose text the graph holds`);
    }
    if (!kinds.has(node.id)) kinds.set(node.id, node.kind);
    validNodes.push({ node, origin });
  });

  const checkEvidence = (origin: Origin, field: string, evidence: readonly EdgeRecord['evidence'][number][]) => {
    const seen = new Set<string>();
    evidence.forEach((ev, j) => {
      const at = `${field}[${j}]`;
      const sourceKind = kinds.get(ev.source);
      if (sourceKind === undefined) add(origin, `${at}.source`, `unknown source "${ev.source}"`);
      else if (sourceKind !== 'Source') add(origin, `${at}.source`, `"${ev.source}" is a ${sourceKind}, not a Source`);
      // Quotes of a source whose text the graph holds: exact spans of it, anchored before validation
      // (anchorGraph) so that what is stored carries its offsets.
      const quote = anchorEvidence(ev, sources);
      if (!quote.ok) add(origin, `${at}.${quote.field}`, quote.message);
      else if (quote.evidence !== ev) add(origin, `${at}.spans`, 'the quote was not anchored in its source\'s text (anchorGraph before validating)');
      const key = `${ev.source}\u0000${collapseWhitespace(ev.quote)}\u0000${collapseWhitespace(ev.intro ?? '')}`;
      if (seen.has(key)) add(origin, at, `duplicate evidence (same source "${ev.source}" and quote)`);
      seen.add(key);
    });
  };

  for (const { node, origin } of validNodes) if (node.evidence) checkEvidence(origin, 'evidence', node.evidence);

  // Pass 2: relationships.
  const edgeIds = new Map<string, Origin>();
  input.edges.forEach((raw, i) => {
    const origin = edgeOrigin(i, raw);
    const parsed = edgeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(origin, fieldOf(issue.path), issue.message);
      return;
    }
    const edge = parsed.data as EdgeRecord;
    const subjectKind = kinds.get(edge.subject);
    const objectKind = kinds.get(edge.object);
    if (subjectKind === undefined) add(origin, 'subject', `unknown entity "${edge.subject}"`);
    if (objectKind === undefined) add(origin, 'object', `unknown entity "${edge.object}"`);
    if (subjectKind !== undefined && objectKind !== undefined && !fitsKinds(edge.type as EdgeRecord['type'], subjectKind, objectKind)) {
      const { spec } = relationshipType(edge.type);
      add(
        origin,
        'type',
        `${edge.type} cannot join a ${subjectKind} to a ${objectKind} (allowed: ${spec.subjects.join('|')} -> ${spec.objects.join('|')}${spec.type === 'SUBCLASS_OF' ? ', same kind on both ends' : ''})`,
      );
    }
    if (edge.subject === edge.object) add(origin, 'object', 'a relationship cannot join an entity to itself');
    const id = edgeId(edge.subject, edge.type as EdgeRecord['type'], edge.object);
    const previous = edgeIds.get(id);
    if (previous) add(origin, 'type', `duplicate relationship "${id}" (first defined in ${previous.file}: ${previous.record}); give it several pieces of evidence instead`);
    else edgeIds.set(id, origin);
    checkEvidence(origin, 'evidence', edge.evidence);
  });
  return issues;
}

/** Throws ValidationFailed listing every issue, if there is any. */
export function assertValid(input: GraphInput, options: ValidateOptions = {}): void {
  const issues = validateGraph(input, options);
  if (issues.length > 0) throw new ValidationFailed(issues);
}

function fieldOf(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(record)';
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function describeId(node: unknown): string {
  const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? ` (${id})` : '';
}

function describeEdge(edge: unknown): string {
  if (typeof edge !== 'object' || edge === null) return '';
  const { subject, type, object } = edge as Record<string, unknown>;
  return ` (${String(subject)} ${String(type)} ${String(object)})`;
}
