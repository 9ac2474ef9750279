/** Provenance: Biolink knowledge levels and agent types, and how evidence is stored. */

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
