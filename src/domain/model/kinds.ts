/**
 * Node kinds: the whitelist of node labels. Every entity node has the label `:Entity` plus exactly
 * one kind label (`:Condition`, `:Symptom`, ...). Labels cannot be query parameters, so every Cypher
 * string that names one must take it from here (via `isKind` / `kindLabel`), never from user input.
 */
export const ENTITY_LABEL = 'Entity' as const;

export interface KindSpec {
  /** The Neo4j label and the value of the `kind` property. */
  readonly label: string;
  /** Biolink Model 4.x category used in KGX (checked against biolink_model.yaml 4.4.6). */
  readonly category: string;
  /** GraphQL-ish names for lists of this kind. */
  readonly plural: string;
  readonly description: string;
}

export const KINDS = {
  Condition: {
    label: 'Condition',
    category: 'biolink:Disease',
    plural: 'conditions',
    description: 'A disease or disorder (ALS, BFS, ALS subtypes; HPOA diseases later).',
  },
  Symptom: {
    label: 'Symptom',
    category: 'biolink:PhenotypicFeature',
    plural: 'symptoms',
    description: 'A sign or symptom (a phenotype; HPO terms later).',
  },
  Trigger: {
    label: 'Trigger',
    category: 'biolink:ExposureEvent',
    plural: 'triggers',
    description: 'A risk factor, cause or associated factor (stress, caffeine, strenuous exercise, ...).',
  },
  Treatment: {
    label: 'Treatment',
    category: 'biolink:Treatment',
    plural: 'treatments',
    description: 'Something that relieves a condition or a symptom (medication, massage, devices, ...).',
  },
  Source: {
    label: 'Source',
    category: 'biolink:Publication',
    plural: 'sources',
    description: 'Where a statement comes from: the article itself or one of its numbered references.',
  },
  BodyRegion: {
    label: 'BodyRegion',
    category: 'biolink:AnatomicalEntity',
    plural: 'bodyRegions',
    description: 'A part of the body (legs, calves, eyelid, tongue, motor neurons, ...).',
  },
  DiagnosticStep: {
    label: 'DiagnosticStep',
    category: 'biolink:DiagnosticAid',
    plural: 'diagnosticSteps',
    description: 'An examination or test used to tell conditions apart (neurological exam, bloodwork).',
  },
  Specialist: {
    label: 'Specialist',
    category: 'biolink:ClinicalEntity',
    plural: 'specialists',
    description: 'A kind of clinician one consults (neurologist, physician).',
  },
  Mechanism: {
    label: 'Mechanism',
    category: 'biolink:PathologicalProcess',
    plural: 'mechanisms',
    description: 'A disease process (motor neuron degeneration, muscle deterioration, nerve damage, ...).',
  },
  Fact: {
    label: 'Fact',
    category: 'biolink:NamedThing',
    plural: 'facts',
    description:
      'A reified statement that is not a simple link ("about 70% of people have fasciculations"); ' +
      'carries `statement`, `negated` and its own evidence lists, and is linked by ABOUT to what it is about.',
  },
} as const satisfies Record<string, KindSpec>;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KINDS, value);
}

/** The kind label for Cypher; throws on anything outside the whitelist. */
export function kindLabel(value: string): Kind {
  if (!isKind(value)) throw new Error(`Unknown entity kind "${value}" (allowed: ${KIND_NAMES.join(', ')})`);
  return value;
}

export function kindByCategory(category: string): Kind | undefined {
  return KIND_NAMES.find((kind) => KINDS[kind].category === category);
}
