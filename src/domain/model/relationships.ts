/**
 * The relationship catalogue: the whitelist of relationship types, their ends, Biolink predicates and
 * the field name at each end. A negative statement uses the type prefixed with `NOT_` (NOT_CAUSES,
 * NOT_HAS_SYMPTOM, ...), so that no positive traversal can match it by accident; KGX maps it to the
 * positive predicate + negated. Every relationship has id (`${subject}|${TYPE}|${object}`), owner,
 * and its evidence as parallel lists (./evidence.ts).
 */
import type { Kind } from './kinds';

export interface RelationshipSpec {
  readonly type: string;
  readonly subjects: readonly Kind[];
  readonly objects: readonly Kind[];
  /** Biolink Model 4.x predicate (checked against biolink_model.yaml 4.4.6). */
  readonly predicate: string;
  /** Field on the subject listing the objects, e.g. Condition.symptoms. */
  readonly forwardField: string;
  /** Field on the object listing the subjects, e.g. Symptom.conditions. */
  readonly inverseField: string;
  /** Whether `NOT_${type}` exists for negative statements. */
  readonly negatable: boolean;
  readonly description: string;
}

export const RELATIONSHIPS = {
  HAS_SYMPTOM: {
    type: 'HAS_SYMPTOM',
    subjects: ['Condition'],
    objects: ['Symptom'],
    predicate: 'biolink:has_phenotype',
    forwardField: 'symptoms',
    inverseField: 'conditions',
    negatable: true,
    description: 'A condition shows this symptom.',
  },
  SUBCLASS_OF: {
    type: 'SUBCLASS_OF',
    subjects: ['Condition', 'Symptom'],
    objects: ['Condition', 'Symptom'],
    predicate: 'biolink:subclass_of',
    forwardField: 'parents',
    inverseField: 'subtypes',
    negatable: false,
    description: 'Subtype -> parent: limb-onset ALS is a kind of ALS; HPO is_a between symptoms. Same kind on both ends.',
  },
  ASSOCIATED_WITH: {
    type: 'ASSOCIATED_WITH',
    subjects: ['Condition'],
    objects: ['Trigger'],
    predicate: 'biolink:associated_with',
    forwardField: 'triggers',
    inverseField: 'conditions',
    negatable: true,
    description: 'A (non-causal, e.g. statistical) association between a condition and a factor.',
  },
  CAUSES: {
    type: 'CAUSES',
    subjects: ['Condition', 'Mechanism', 'Trigger'],
    objects: ['Condition', 'Mechanism', 'Symptom'],
    predicate: 'biolink:causes',
    forwardField: 'causes',
    inverseField: 'causedBy',
    negatable: true,
    description: 'Causation: ALS causes motor neuron degeneration; a temporary stimulus causes BFS.',
  },
  TREATS: {
    type: 'TREATS',
    subjects: ['Treatment'],
    objects: ['Condition'],
    predicate: 'biolink:ameliorates_condition',
    forwardField: 'conditions',
    inverseField: 'treatments',
    negatable: true,
    description: 'A treatment eases a condition (relief, not cure). Condition.treatments is the inverse field.',
  },
  RELIEVES: {
    type: 'RELIEVES',
    subjects: ['Treatment'],
    objects: ['Symptom'],
    predicate: 'biolink:ameliorates_condition',
    forwardField: 'relieves',
    inverseField: 'relievedBy',
    negatable: true,
    description: 'A treatment relieves a particular symptom (medication -> muscle cramps).',
  },
  OCCURS_IN: {
    type: 'OCCURS_IN',
    subjects: ['Symptom', 'Mechanism'],
    objects: ['BodyRegion'],
    predicate: 'biolink:located_in',
    forwardField: 'bodyRegions',
    inverseField: 'symptoms',
    negatable: false,
    description: 'Where in the body a symptom (or a disease process) occurs.',
  },
  AFFECTS_REGION: {
    type: 'AFFECTS_REGION',
    subjects: ['Condition'],
    objects: ['BodyRegion'],
    predicate: 'biolink:disease_has_location',
    forwardField: 'bodyRegions',
    inverseField: 'conditions',
    negatable: false,
    description: 'A condition has features in this body region (BFS twitches usually in calves and thighs).',
  },
  DIAGNOSES: {
    type: 'DIAGNOSES',
    subjects: ['DiagnosticStep'],
    objects: ['Condition'],
    predicate: 'biolink:diagnoses',
    forwardField: 'conditions',
    inverseField: 'diagnosticSteps',
    negatable: false,
    description: 'An exam or test helps determine (or rule out) a condition.',
  },
  CONSULT: {
    type: 'CONSULT',
    subjects: ['Condition', 'Symptom'],
    objects: ['Specialist'],
    predicate: 'biolink:related_to',
    forwardField: 'specialists',
    inverseField: 'consultedFor',
    negatable: false,
    description: 'Whom to consult about a condition or symptom (no narrower Biolink predicate exists).',
  },
  PERFORMS: {
    type: 'PERFORMS',
    subjects: ['Specialist'],
    objects: ['DiagnosticStep'],
    predicate: 'biolink:related_to',
    forwardField: 'diagnosticSteps',
    inverseField: 'specialists',
    negatable: false,
    description: 'A specialist performs or orders a diagnostic step (no narrower Biolink predicate exists).',
  },
  ABOUT: {
    type: 'ABOUT',
    subjects: ['Fact'],
    objects: ['Condition', 'Symptom', 'Trigger', 'Treatment', 'BodyRegion', 'DiagnosticStep', 'Specialist', 'Mechanism'],
    predicate: 'biolink:mentions',
    forwardField: 'about',
    inverseField: 'facts',
    negatable: false,
    description: 'A Fact is about these entities.',
  },
} as const satisfies Record<string, RelationshipSpec>;

export type PositiveRelType = keyof typeof RELATIONSHIPS;
export type NegatableRelType = {
  [K in PositiveRelType]: (typeof RELATIONSHIPS)[K]['negatable'] extends true ? K : never;
}[PositiveRelType];
export type NegatedRelType = `NOT_${NegatableRelType}`;
export type RelType = PositiveRelType | NegatedRelType;

export const NEGATION_PREFIX = 'NOT_' as const;
export const POSITIVE_REL_TYPES = Object.keys(RELATIONSHIPS) as PositiveRelType[];
export const NEGATED_REL_TYPES = POSITIVE_REL_TYPES.filter((type) => RELATIONSHIPS[type].negatable).map(
  (type) => `${NEGATION_PREFIX}${type}` as NegatedRelType,
);
/** Every relationship type that may appear in the database. */
export const REL_TYPES: readonly RelType[] = [...POSITIVE_REL_TYPES, ...NEGATED_REL_TYPES];

export interface ResolvedRelType {
  readonly type: RelType;
  readonly positive: PositiveRelType;
  readonly negated: boolean;
  readonly spec: (typeof RELATIONSHIPS)[PositiveRelType];
}

export function isRelType(value: unknown): value is RelType {
  return typeof value === 'string' && (REL_TYPES as readonly string[]).includes(value);
}

/** Resolves a relationship type name (positive or NOT_-prefixed); throws outside the whitelist. */
export function relationshipType(name: string): ResolvedRelType {
  if (!isRelType(name)) throw new Error(`Unknown relationship type "${name}" (allowed: ${REL_TYPES.join(', ')})`);
  const negated = name.startsWith(NEGATION_PREFIX);
  const positive = (negated ? name.slice(NEGATION_PREFIX.length) : name) as PositiveRelType;
  return { type: name, positive, negated, spec: RELATIONSHIPS[positive] };
}

export function negate(type: NegatableRelType): NegatedRelType {
  return `${NEGATION_PREFIX}${type}`;
}

/** Whether a relationship of this type may join a subject of kind `s` to an object of kind `o`. */
export function fitsKinds(type: RelType, subjectKind: Kind, objectKind: Kind): boolean {
  const { spec, positive } = relationshipType(type);
  const fits = (spec.subjects as readonly Kind[]).includes(subjectKind) && (spec.objects as readonly Kind[]).includes(objectKind);
  // A hierarchy only links things of the same kind (a symptom is never a subtype of a condition).
  return positive === 'SUBCLASS_OF' ? fits && subjectKind === objectKind : fits;
}

/** The deterministic relationship id. */
export function edgeId(subject: string, type: RelType, object: string): string {
  return `${subject}|${type}|${object}`;
}
