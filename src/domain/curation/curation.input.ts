import { z } from 'zod';
import { AGENT_TYPES, KNOWLEDGE_LEVELS, NEGATION_PREFIX, RELATIONSHIPS, isKind, relationshipType, type Kind, type RelType } from '../model';
import { CURATION_OWNER, CurationError, type ChangePayload, type EntityUpdate } from './change.types';

/** Caps on curated input (documented in schema/curation.graphql): past them a request is refused, not cut. */
export const CURATION_CAPS = {
  id: 100,
  name: 300,
  longText: 2_000,
  quote: 2_000,
  sourceText: 1_000_000,
  listItems: 50,
  authors: 20,
  evidence: 20,
  idempotencyKey: 200,
} as const;

// Control characters other than tab and newline never belong in curated text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\n\r\t]/;

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max.toLocaleString('en')} characters`)
    .refine((value) => !CONTROL.test(value) && !LINE_BREAK.test(value), 'must be one line without control characters');
const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max.toLocaleString('en')} characters`)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters (newline and tab are allowed)');
const distinctList = (item: z.ZodType<string>, max: number, what: string) =>
  z
    .array(item)
    .max(max, `at most ${max} ${what}`)
    .refine((values) => new Set(values.map((value) => value.toLowerCase())).size === values.length, `must not repeat ${what}`);

const reason = paragraph(CURATION_CAPS.longText).optional().nullable();

/** A catalogue type name (HAS_SYMPTOM, CAUSES, ...): the one whitelist of relationship types. */
const relationshipTypeName = () =>
  z.string().refine((type) => Object.prototype.hasOwnProperty.call(RELATIONSHIPS, type), `must be one of ${Object.keys(RELATIONSHIPS).join(', ')}`);

const createSourceInput = z.strictObject({
  id: line(CURATION_CAPS.id),
  title: line(CURATION_CAPS.name),
  authors: distinctList(line(CURATION_CAPS.name), CURATION_CAPS.authors, 'authors').optional().nullable(),
  publisher: line(CURATION_CAPS.name).optional().nullable(),
  year: z.number().int().min(1000).max(new Date().getUTCFullYear() + 1).optional().nullable(),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(CURATION_CAPS.longText).optional().nullable(),
  text: paragraph(CURATION_CAPS.sourceText).optional().nullable(),
  reason,
});

const createEntityInput = z.strictObject({
  id: line(CURATION_CAPS.id),
  kind: z.string().refine((kind) => isKind(kind) && kind !== 'Source' && kind !== 'Fact', 'must be an entity kind other than Source (use createSource) and Fact'),
  name: line(CURATION_CAPS.name),
  aliases: distinctList(line(CURATION_CAPS.name), CURATION_CAPS.listItems, 'aliases').optional().nullable(),
  xrefs: distinctList(line(CURATION_CAPS.id), CURATION_CAPS.listItems, 'xrefs').optional().nullable(),
  description: paragraph(CURATION_CAPS.longText).optional().nullable(),
  reason,
});

const evidenceInput = z.strictObject({
  source: line(CURATION_CAPS.id),
  quote: paragraph(CURATION_CAPS.quote),
  knowledgeLevel: z.enum(KNOWLEDGE_LEVELS, { message: `must be one of ${KNOWLEDGE_LEVELS.join(', ')}` }).optional().nullable(),
  agentType: z.enum(AGENT_TYPES, { message: `must be one of ${AGENT_TYPES.join(', ')}` }).optional().nullable(),
});

const assertRelationshipInput = z.strictObject({
  subject: line(CURATION_CAPS.id),
  type: relationshipTypeName(),
  object: line(CURATION_CAPS.id),
  negated: z.boolean().optional().nullable(),
  evidence: z.array(evidenceInput).min(1, 'needs at least one piece of evidence').max(CURATION_CAPS.evidence, `at most ${CURATION_CAPS.evidence} pieces of evidence`),
  reason,
});

const updateEntityInput = z
  .strictObject({
    id: line(CURATION_CAPS.id),
    version: z.number().int().min(1, 'must be the version you read (Entity.version, 1 or more)'),
    name: line(CURATION_CAPS.name).optional().nullable(),
    aliases: distinctList(line(CURATION_CAPS.name), CURATION_CAPS.listItems, 'aliases').optional().nullable(),
    xrefs: distinctList(line(CURATION_CAPS.id), CURATION_CAPS.listItems, 'xrefs').optional().nullable(),
    description: paragraph(CURATION_CAPS.longText).optional().nullable(),
    removeDescription: z.boolean().optional().nullable(),
    reason,
  })
  .refine((u) => u.name || u.aliases || u.xrefs || u.description || u.removeDescription, 'give at least one of name, aliases, xrefs, description or removeDescription')
  .refine((u) => !(u.description && u.removeDescription), 'give description or removeDescription, not both');

const retractEntityInput = z.strictObject({ id: line(CURATION_CAPS.id), reason: paragraph(CURATION_CAPS.longText) });

const retractEvidenceInput = z.strictObject({
  subject: line(CURATION_CAPS.id),
  type: relationshipTypeName(),
  object: line(CURATION_CAPS.id),
  negated: z.boolean().optional().nullable(),
  source: line(CURATION_CAPS.id),
  quote: paragraph(CURATION_CAPS.quote),
  reason: paragraph(CURATION_CAPS.longText),
});

const mergeEntitiesInput = z
  .strictObject({ keep: line(CURATION_CAPS.id), merge: line(CURATION_CAPS.id), reason })
  .refine((m) => m.keep !== m.merge, { message: 'keep and merge must be two different entities', path: ['merge'] });

export const idempotencyKeySchema = line(CURATION_CAPS.idempotencyKey);

/** Parses with `schema`, or throws one CurationError listing every problem as `field: message`. */
function parse<T>(schema: z.ZodType<T>, input: unknown, argument: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${[argument, ...issue.path.map(String)].join('.')}: ${issue.message}`);
  throw new CurationError('INVALID', problems.join('; '));
}

export function sourcePayload(input: unknown): { payload: ChangePayload; reason: string | null } {
  const s = parse(createSourceInput, input, 'input');
  return {
    payload: {
      operation: 'CREATE_SOURCE',
      node: {
        id: s.id,
        kind: 'Source',
        name: s.title,
        title: s.title,
        aliases: [],
        xrefs: [],
        owner: CURATION_OWNER,
        ...(s.authors ? { authors: s.authors } : {}),
        ...(s.publisher ? { publisher: s.publisher } : {}),
        ...(s.year ? { year: s.year } : {}),
        ...(s.url ? { url: s.url } : {}),
        ...(s.text ? { text: s.text } : {}),
      },
    },
    reason: s.reason ?? null,
  };
}

export function entityPayload(input: unknown): { payload: ChangePayload; reason: string | null } {
  const e = parse(createEntityInput, input, 'input');
  return {
    payload: {
      operation: 'CREATE_ENTITY',
      node: {
        id: e.id,
        kind: e.kind as Kind,
        name: e.name,
        aliases: e.aliases ?? [],
        xrefs: e.xrefs ?? [],
        owner: CURATION_OWNER,
        ...(e.description ? { description: e.description } : {}),
      },
    },
    reason: e.reason ?? null,
  };
}

export function relationshipPayload(input: unknown, actor: string, today: string): { payload: ChangePayload; reason: string | null } {
  const r = parse(assertRelationshipInput, input, 'input');
  const type = storedType(r.type, r.negated);
  return {
    payload: {
      operation: 'ASSERT_RELATIONSHIP',
      edge: {
        type,
        subject: r.subject,
        object: r.object,
        owner: CURATION_OWNER,
        evidence: r.evidence.map((ev) => ({
          source: ev.source,
          quote: ev.quote,
          knowledgeLevel: ev.knowledgeLevel ?? 'knowledge_assertion',
          agentType: ev.agentType ?? 'manual_agent',
          owner: CURATION_OWNER,
          // Biocuration in HPO's own format: who curated it, and when.
          curation: `${actor}[${today}]`,
        })),
      },
    },
    reason: r.reason ?? null,
  };
}

/** The stored type of a (type, negated) pair, or INVALID when the type has no negative form. */
function storedType(type: string, negated: boolean | null | undefined): RelType {
  const spec = RELATIONSHIPS[type as keyof typeof RELATIONSHIPS];
  if (negated && !spec.negatable) throw new CurationError('INVALID', `input.negated: ${type} has no negative form (negatable types: ${negatableTypes()})`);
  return relationshipType(negated ? `${NEGATION_PREFIX}${type}` : type).type as RelType;
}

export function updatePayload(input: unknown): { payload: ChangePayload; reason: string | null } {
  const u = parse(updateEntityInput, input, 'input');
  const set: EntityUpdate = {
    ...(u.name ? { name: u.name } : {}),
    ...(u.aliases ? { aliases: u.aliases } : {}),
    ...(u.xrefs ? { xrefs: u.xrefs } : {}),
    ...(u.description ? { description: u.description } : u.removeDescription ? { description: null } : {}),
  };
  return { payload: { operation: 'UPDATE_ENTITY', id: u.id, version: u.version, set }, reason: u.reason ?? null };
}

export function retractEntityPayload(input: unknown): { payload: ChangePayload; reason: string } {
  const r = parse(retractEntityInput, input, 'input');
  return { payload: { operation: 'RETRACT_ENTITY', id: r.id }, reason: r.reason };
}

export function retractEvidencePayload(input: unknown): { payload: ChangePayload; reason: string } {
  const r = parse(retractEvidenceInput, input, 'input');
  return {
    payload: { operation: 'RETRACT_EVIDENCE', subject: r.subject, type: storedType(r.type, r.negated), object: r.object, source: r.source, quote: r.quote },
    reason: r.reason,
  };
}

export function mergePayload(input: unknown): { payload: ChangePayload; reason: string | null } {
  const m = parse(mergeEntitiesInput, input, 'input');
  return { payload: { operation: 'MERGE_ENTITIES', keep: m.keep, merge: m.merge }, reason: m.reason ?? null };
}

function negatableTypes(): string {
  return Object.values(RELATIONSHIPS)
    .filter((spec) => spec.negatable)
    .map((spec) => spec.type)
    .join(', ');
}
