import { query } from '../shared/graphql';
import type { ComparisonModel, EntityRef, Evidence, ListedEntity, RankedCondition, Subgraph } from './types';

/**
 * Every operation the explorer sends, and the mapping from their answers to what it draws. The
 * operations are plain GraphQL against the public schema; test/unit/web checks each validates
 * against schema/*.graphql.
 */
const EVIDENCE = 'quote source { id name url }';

export const OPERATIONS = {
  search: /* GraphQL */ `
    query ExplorerSearch($text: String!) {
      search(text: $text, first: 10) { score entity { id kind name } }
    }`,
  neighborhood: /* GraphQL */ `
    query ExplorerNeighborhood($id: ID!, $depth: Int) {
      neighborhood(id: $id, depth: $depth, first: 80) {
        nodes { id kind name description }
        edges { id type from { id } to { id } evidence { ${EVIDENCE} } }
      }
    }`,
  conditions: /* GraphQL */ `
    query ExplorerConditions {
      conditions(first: 100, orderBy: { field: RELATED_COUNT, direction: DESC }) { edges { node { id kind name } relatedCount } }
    }`,
  symptoms: /* GraphQL */ `
    query ExplorerSymptoms($where: EntityWhere) {
      symptoms(first: 60, where: $where, orderBy: { field: RELATED_COUNT, relatedKind: Condition, direction: DESC }) {
        totalCount
        edges { node { id kind name } relatedCount }
      }
    }`,
  compare: /* GraphQL */ `
    query ExplorerCompare($ids: [ID!]!) {
      compareConditions(conditionIds: $ids) {
        similarity
      }
    }`,
  rank: /* GraphQL */ `
    query ExplorerRank($ids: [ID!]!) {
      rankConditions(symptomIds: $ids, first: 10) {
        score
        condition { id kind name }
        matched { id kind name }
        unmatched { id kind name }
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
  from: { id: string };
  to: { id: string };
  evidence: Evidence[];
}

export async function fetchNeighborhood(endpoint: string, id: string, depth: number, signal?: AbortSignal): Promise<Subgraph> {
  const data = await query<{ neighborhood: { nodes: Subgraph['nodes']; edges: RawEdge[] } }>(endpoint, OPERATIONS.neighborhood, { id, depth }, signal);
  return {
    nodes: data.neighborhood.nodes,
    edges: data.neighborhood.edges.map((edge) => ({ id: edge.id, type: edge.type, from: edge.from.id, to: edge.to.id, evidence: edge.evidence })),
  };
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

export async function compareConditions(endpoint: string, ids: string[]): Promise<ComparisonModel> {
  const data = await query<{ compareConditions: { similarity: number | null } }>(endpoint, OPERATIONS.compare, { ids });
  return { similarity: data.compareConditions.similarity, conditions: [], shared: [], distinct: [] };
}

export async function rankConditions(endpoint: string, ids: string[]): Promise<RankedCondition[]> {
  const data = await query<{ rankConditions: { score: number; condition: EntityRef; matched: EntityRef[]; unmatched: EntityRef[] }[] }>(endpoint, OPERATIONS.rank, { ids });
  return data.rankConditions.map((row) => ({ condition: row.condition, score: row.score, matched: row.matched.map((symptom) => ({ symptom, evidence: [] })), unmatched: row.unmatched }));
}
