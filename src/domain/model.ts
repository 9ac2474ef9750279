/**
 * The data model of the knowledge graph: the ONLY whitelist of node labels, relationship types and
 * property names that any code may splice into Cypher. Labels and relationship types cannot be query
 * parameters, so every Cypher string that names one must take it from here (via `isKind`,
 * `relationshipType`, ...) and never from user input.
 *
 * Storage conventions (documented at length in seed/README.md):
 * - Every entity node has the label `:Entity` plus exactly one kind label (`:Condition`, `:Symptom`, ...).
 *   Properties: id, kind, name, aliases[], description?, xrefs[], owner, plus the kind-specific ones
 *   listed in KIND_PROPERTIES.
 * - Every relationship has id (`${subject}|${TYPE}|${object}`), owner, and its evidence as parallel
 *   lists of equal length >= 1 (see EVIDENCE_FIELDS). A Fact node carries the same ev* lists.
 * - A negative statement uses the type prefixed with `NOT_` (NOT_CAUSES, NOT_HAS_SYMPTOM, ...), so that
 *   no positive traversal can match it by accident; KGX maps it to the positive predicate + negated.
 */

// ---------------------------------------------------------------------------------------------
// Kinds (node labels)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Relationship types
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/** Properties every entity node has. `description` may be absent. */
export const COMMON_PROPERTIES = ['id', 'kind', 'name', 'aliases', 'description', 'xrefs', 'owner'] as const;

/** Kind-specific properties (all optional). */
export const KIND_PROPERTIES = {
  Source: ['title', 'authors', 'publisher', 'year', 'refNumber', 'url'],
  Fact: ['statement', 'negated'],
} as const satisfies Partial<Record<Kind, readonly string[]>>;

/** Who loaded a node or relationship. Re-loading an owner replaces exactly what it owns. */
export const OWNERS = ['seed', 'kgx', 'hpo', 'bench'] as const;
export type KnownOwner = (typeof OWNERS)[number];

/** Biolink KnowledgeLevelEnum (4.4.6). */
export const KNOWLEDGE_LEVELS = [
  'knowledge_assertion',
  'logical_entailment',
  'prediction',
  'statistical_association',
  'text_co_occurrence',
  'observation',
  'not_provided',
] as const;
export type KnowledgeLevel = (typeof KNOWLEDGE_LEVELS)[number];

/** Biolink AgentTypeEnum (4.4.6). */
export const AGENT_TYPES = [
  'manual_agent',
  'automated_agent',
  'data_analysis_pipeline',
  'computational_model',
  'text_mining_agent',
  'image_processing_agent',
  'manual_validation_of_automated_agent',
  'not_provided',
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

/**
 * Evidence is stored as parallel list properties on the relationship (or Fact node), one entry per
 * piece of evidence, all lists of the same length >= 1. Neo4j properties cannot hold maps, and
 * evidence is always read together with its edge, so parallel lists keep every traversal one hop.
 *
 * Required fields are always present. Optional fields (added by HPO) are stored only when at least
 * one piece of evidence on that edge has a value; then the list has the full length and '' marks
 * "absent" in the other positions (Neo4j lists cannot hold null). To add a field: one line here.
 */
export const EVIDENCE_FIELDS = [
  { key: 'source', property: 'evSources', kgx: 'publications', required: true },
  { key: 'quote', property: 'evQuotes', kgx: 'supporting_text', required: true },
  { key: 'knowledgeLevel', property: 'evKnowledgeLevels', kgx: 'knowledge_level', required: true },
  { key: 'agentType', property: 'evAgentTypes', kgx: 'agent_type', required: true },
  { key: 'owner', property: 'evOwners', kgx: 'evidence_owner', required: true },
  { key: 'code', property: 'evCodes', kgx: 'evidence_code', required: false },
  { key: 'frequency', property: 'evFrequencies', kgx: 'frequency_qualifier', required: false },
  { key: 'onset', property: 'evOnsets', kgx: 'onset_qualifier', required: false },
  { key: 'sex', property: 'evSexes', kgx: 'sex_qualifier', required: false },
  { key: 'curation', property: 'evCurations', kgx: 'biocuration', required: false },
  { key: 'modifier', property: 'evModifiers', kgx: 'clinical_modifier_qualifier', required: false },
] as const;

export type EvidenceKey = (typeof EVIDENCE_FIELDS)[number]['key'];
export type RequiredEvidenceKey = Extract<(typeof EVIDENCE_FIELDS)[number], { required: true }>['key'];
export type OptionalEvidenceKey = Exclude<EvidenceKey, RequiredEvidenceKey>;
export type EvidenceProperty = (typeof EVIDENCE_FIELDS)[number]['property'];

/** One piece of evidence for an edge or a Fact. */
export type Evidence = {
  /** Id of a Source entity. */
  source: string;
  /** Verbatim sentence or clause of the source ('' only where a source has no text, e.g. HPO). */
  quote: string;
  knowledgeLevel: KnowledgeLevel;
  agentType: AgentType;
  owner: string;
} & Partial<Record<OptionalEvidenceKey, string>>;

// ---------------------------------------------------------------------------------------------
// Records (the neutral input of the loader: seed YAML, KGX, HPO and the benchmark all produce these)
// ---------------------------------------------------------------------------------------------

export interface NodeRecord {
  id: string;
  kind: Kind;
  name: string;
  aliases: string[];
  description?: string;
  xrefs: string[];
  owner: string;
  // Source
  title?: string;
  authors?: string[];
  publisher?: string;
  year?: number;
  refNumber?: number;
  url?: string;
  // Fact
  statement?: string;
  negated?: boolean;
  /** Facts only: the Fact's own provenance. */
  evidence?: Evidence[];
}

export interface EdgeRecord {
  type: RelType;
  subject: string;
  object: string;
  owner: string;
  evidence: Evidence[];
}

export interface GraphInput {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
}

// ---------------------------------------------------------------------------------------------
// Ids, sources and indexes
// ---------------------------------------------------------------------------------------------

/** Our own ids: lowercase kebab-case. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Ids of imported entities may be CURIEs (HP:0002380, OMIM:105400, PMID:123). */
export const CURIE = /^[A-Za-z][A-Za-z0-9_.-]*:[^\s|]+$/;

export function isEntityId(value: string): boolean {
  return KEBAB_ID.test(value) || CURIE.test(value);
}

/** The article itself, cited where it states something without a numbered reference. */
export const ARTICLE_SOURCE_ID = 'article';
/** Sources whose quotes must be found verbatim in the article text (the article and its refs). */
export function isArticleSource(sourceId: string): boolean {
  return sourceId === ARTICLE_SOURCE_ID || /^ref-[1-9][0-9]*$/.test(sourceId);
}

/** KGX: the CURIE prefix of our own (kebab-case) ids, and our knowledge source. */
export const KGX_PREFIX = 'condition-graph:' as const;
export const KGX_KNOWLEDGE_SOURCE = 'infores:condition-graph' as const;

export const CONSTRAINT_ENTITY_ID = 'entity_id_unique' as const;
export const INDEX_ENTITY_KIND = 'entity_kind' as const;
export const INDEX_ENTITY_OWNER = 'entity_owner' as const;
/**
 * Full-text index over name, aliases, xrefs, id, altIds (HPO alt_ids: `HP:0002468` finds
 * Fasciculations) and hpoSynonyms (an HPO term's synonyms, also on an article node an HPO term joined,
 * whose own aliases stay the article's: `Muscle twitch` finds Fasciculations) of every :Entity. Neo4j 5.26 indexes STRING and
 * LIST<STRING> properties in full-text indexes (checked against a 5.26 server: a query for
 * `"MONDO:0004976"` finds the node through its `xrefs` list, `ALS` through `aliases`), so no derived
 * search string is stored. Standard analyzer: CURIEs must be quoted as a phrase (or `:` escaped),
 * and the API must escape user text before querying:
 * `CALL db.index.fulltext.queryNodes('entity_search', $escapedText) YIELD node, score`.
 */
export const FULLTEXT_INDEX = 'entity_search' as const;
/**
 * Changing this list changes the index: `ensureSchema` drops an existing index whose properties
 * differ (src/domain/search/fulltext-index.ts) and creates it anew.
 */
export const FULLTEXT_PROPERTIES = ['name', 'aliases', 'xrefs', 'id', 'altIds', 'hpoSynonyms'] as const;
