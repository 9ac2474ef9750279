import { query } from '../shared/graphql';
import type { ComparisonGroup, ComparisonModel, EntityRef, Evidence, ListedEntity, RankedCondition, SourceText, Statement, Subgraph } from './types';

/**
 * Every operation the explorer sends, and the mapping from their answers to what it shows. They are
 * plain GraphQL against the public schema (schema/*.graphql); test/unit/web checks that each one
 * validates there and stays within the server's depth and cost limits.
 */
const ENTITY = 'id kind name';
const EVIDENCE = 'quote source { id name url }';
/** An edge's evidence in the drawing also says where its quote is, to highlight it in the article. */
const EVIDENCE_WITH_SPANS = `${EVIDENCE} spans { start end source { id } }`;
const SECTION_KEYS = ['symptoms', 'triggers', 'treatments', 'bodyRegions', 'mechanisms', 'diagnosticSteps', 'specialists', 'negatives', 'facts'] as const;
const SECTION = SECTION_KEYS.map((key) => `${key} { entity { ${ENTITY} } links { condition { ${ENTITY} } relation evidence { ${EVIDENCE} } } }`).join(' ');

export const OPERATIONS = {
  sourceText: /* GraphQL */ `
    query ExplorerSourceText($id: ID!) {
      source(id: $id) { id name text(length: 20000) }
    }`,
  search: /* GraphQL */ `
    query ExplorerSearch($text: String!) {
      search(text: $text, first: 10) { score entity { ${ENTITY} } }
    }`,
  neighborhood: /* GraphQL */ `
    query ExplorerNeighborhood($id: ID!, $depth: Int) {
      neighborhood(id: $id, depth: $depth, first: 80) {
        truncated
        nodes { ${ENTITY} description }
        edges { id type negated sourceId targetId evidence { ${EVIDENCE_WITH_SPANS} } }
      }
    }`,
  statements: /* GraphQL */ `
    query ExplorerStatements($id: ID!) {
      entity(id: $id) {
        statements(first: 100) { totalCount edges { type field direction negated node { ${ENTITY} } evidence { ${EVIDENCE} } } }
      }
    }`,
  conditions: /* GraphQL */ `
    query ExplorerConditions {
      conditions(first: 100, orderBy: { field: RELATED_COUNT, direction: DESC }) { edges { node { ${ENTITY} } relatedCount } }
    }`,
  symptoms: /* GraphQL */ `
    query ExplorerSymptoms($where: EntityWhere) {
      symptoms(first: 60, where: $where, orderBy: { field: RELATED_COUNT, relatedKind: Condition, direction: DESC }) {
        totalCount
        edges { node { ${ENTITY} } relatedCount }
      }
    }`,
  // Sections are spelled out rather than shared as fragments: GraphQL Armor counts fragment spreads
  // towards depth and cost, and this query would pass neither limit with them.
  compare: /* GraphQL */ `
    query ExplorerCompare($ids: [ID!]!) {
      compareConditions(conditionIds: $ids) {
        conditions { ${ENTITY} }
        similarity { value explanation }
        shared { ${SECTION} }
        distinct { condition { ${ENTITY} } distinct { ${SECTION} } }
      }
    }`,
  rank: /* GraphQL */ `
    query ExplorerRank($ids: [ID!]!) {
      rankConditions(symptomIds: $ids, first: 10) {
        score
        explanation
        condition { ${ENTITY} }
        unmatched { ${ENTITY} }
        contradicted { ${ENTITY} }
        matches { symptom { ${ENTITY} } informationContent evidence { ${EVIDENCE} } }
      }
    }`,
} as const;

export async function searchEntities(endpoint: string, text: string): Promise<EntityRef[]> {
  const data = await query<{ search: { score: number; entity: EntityRef }[] }>(endpoint, OPERATIONS.search, { text });
  return data.search.map((hit) => hit.entity);
}

interface RawEdge {
  id: string;
  type: string;
  negated: boolean;
  sourceId: string;
  targetId: string;
  evidence: Evidence[];
}

export async function fetchNeighborhood(endpoint: string, id: string, depth: number, signal?: AbortSignal): Promise<Subgraph & { truncated: boolean }> {
  const data = await query<{ neighborhood: { truncated: boolean; nodes: Subgraph['nodes']; edges: RawEdge[] } }>(endpoint, OPERATIONS.neighborhood, { id, depth }, signal);
  return {
    truncated: data.neighborhood.truncated,
    nodes: data.neighborhood.nodes,
    edges: data.neighborhood.edges.map((edge) => ({ id: edge.id, type: edge.type, negated: edge.negated, from: edge.sourceId, to: edge.targetId, evidence: edge.evidence })),
  };
}

/** A source's stored text (the first 20,000 characters: the article is shorter), or null when there is none. */
export async function fetchSourceText(endpoint: string, id: string): Promise<SourceText | null> {
  const data = await query<{ source: { id: string; name: string; text: string | null } | null }>(endpoint, OPERATIONS.sourceText, { id });
  const source = data.source;
  return source && source.text !== null ? { id: source.id, name: source.name, text: source.text } : null;
}

export async function fetchStatements(endpoint: string, id: string, signal?: AbortSignal): Promise<{ statements: Statement[]; total: number }> {
  const data = await query<{ entity: { statements: { totalCount: number; edges: Statement[] } } | null }>(endpoint, OPERATIONS.statements, { id }, signal);
  return { statements: data.entity?.statements.edges ?? [], total: data.entity?.statements.totalCount ?? 0 };
}

export async function listConditions(endpoint: string): Promise<ListedEntity[]> {
  const data = await query<{ conditions: { edges: { node: EntityRef; relatedCount?: number | null }[] } }>(endpoint, OPERATIONS.conditions);
  return data.conditions.edges.map((edge) => ({ ...edge.node, count: edge.relatedCount ?? undefined }));
}

export async function listSymptoms(endpoint: string, text: string): Promise<{ symptoms: ListedEntity[]; total: number }> {
  const data = await query<{ symptoms: { totalCount: number; edges: { node: EntityRef; relatedCount?: number | null }[] } }>(endpoint, OPERATIONS.symptoms, {
    where: text ? { nameContains: text } : null,
  });
  return { symptoms: data.symptoms.edges.map((edge) => ({ ...edge.node, count: edge.relatedCount ?? undefined })), total: data.symptoms.totalCount };
}

const SECTIONS: Record<(typeof SECTION_KEYS)[number], string> = {
  symptoms: 'Symptoms',
  triggers: 'Triggers and risk factors',
  treatments: 'Treatments',
  bodyRegions: 'Body regions',
  mechanisms: 'Mechanisms',
  diagnosticSteps: 'Diagnostic steps',
  specialists: 'Specialists',
  negatives: 'Stated NOT to be so',
  facts: 'Facts',
};

type RawSection = Record<keyof typeof SECTIONS, { entity: EntityRef; links: { condition: EntityRef; relation: string; evidence: Evidence[] }[] }[]>;

function groups(section: RawSection): ComparisonGroup[] {
  return (Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]).map((key) => ({ title: SECTIONS[key], items: section[key] }));
}

export async function compareConditions(endpoint: string, ids: string[]): Promise<ComparisonModel> {
  const data = await query<{
    compareConditions: {
      conditions: EntityRef[];
      similarity: { value: number; explanation: string };
      shared: RawSection;
      distinct: { condition: EntityRef; distinct: RawSection }[];
    };
  }>(endpoint, OPERATIONS.compare, { ids });
  const answer = data.compareConditions;
  return {
    similarity: answer.similarity.value,
    similarityNote: answer.similarity.explanation,
    conditions: answer.conditions,
    shared: groups(answer.shared),
    distinct: answer.distinct.map((profile) => ({ condition: profile.condition, groups: groups(profile.distinct) })),
  };
}

export async function rankConditions(endpoint: string, ids: string[]): Promise<RankedCondition[]> {
  const data = await query<{
    rankConditions: {
      score: number;
      explanation: string;
      condition: EntityRef;
      unmatched: EntityRef[];
      contradicted: EntityRef[];
      matches: { symptom: EntityRef; informationContent: number; evidence: Evidence[] }[];
    }[];
  }>(endpoint, OPERATIONS.rank, { ids });
  return data.rankConditions.map((row) => ({
    condition: row.condition,
    score: row.score,
    explanation: row.explanation,
    matched: row.matches.map((match) => ({ symptom: match.symptom, weight: match.informationContent, evidence: match.evidence })),
    unmatched: row.unmatched,
    contradicted: row.contradicted,
  }));
}
