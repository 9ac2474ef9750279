/**
 * The benchmarked operations: the playground's examples (src/web/examples) plus an entity with
 * nested lists and a filtered, sorted page, with ids that exist at every size. Each has the GraphQL
 * document the API and the ceiling answer, and the floor's hand-written answer: one auto-commit
 * Cypher statement and a hand-written JSON builder that emits exactly the API's bytes.
 *
 * Floors: Entity, Page, SharedSymptoms and issue 19's PageCounts (Q2), Shared (Q3c), Nested (Q4) and
 * TopSymptoms (Q5) run lean Cypher written here (only the selected fields).
 * Compare, Differential, Neighborhood, ShortestPath and GraphStats call the domain's statement (one
 * hand-written Cypher each, src/domain/traversal|stats) and map its rows by hand: their gap to the
 * API is the GraphQL layer only, and whatever their Cypher costs is in both (see bench/README.md).
 */
import type { Database } from '../src/db';
import { encodeCursor } from '../src/graphql/selection/cursor';
import { compareConditions } from '../src/domain/traversal/compare';
import { rankConditions } from '../src/domain/traversal/rank';
import { neighborhood } from '../src/domain/traversal/neighborhood';
import { shortestPath } from '../src/domain/traversal/shortest-path';
import { graphStats } from '../src/domain/stats/stats';
import type { EntityRecord, EvidenceRecord } from '../src/domain/entity/entity.types';
import type { ComparedItemRecord } from '../src/domain/traversal/records';
import type { EntityProperty, EvidencePlan, NodePlan, TraversalPlan } from '../src/domain/projection';

export type SizeName = 'seed' | 'synthetic';
export type Vars = Record<string, unknown>;

export interface Operation {
  name: string;
  /** Light: entity lookups, pages, shared symptoms, compare; heavy: the rest (issue 7's targets). */
  weight: 'light' | 'heavy';
  query: string;
  variables: Record<SizeName, Vars>;
  floor: (db: Database, variables: Vars) => Promise<unknown>;
}

/**
 * The floor's share of the domain statements: exactly the entity properties and evidence lists each
 * operation's document selects, written by hand (the API derives the same from the selection).
 */
const props = (...properties: EntityProperty[]): NodePlan => ({ properties, relations: [], evidence: null });
const quoteAndSourceName: EvidencePlan = { fields: ['quote', 'source'], source: props('name') };
const PLANS: Record<'Compare' | 'Differential' | 'Neighborhood' | 'ShortestPath', TraversalPlan> = {
  Compare: { node: props('name'), evidence: quoteAndSourceName },
  Differential: { node: props('name'), evidence: null },
  Neighborhood: { node: props('name'), evidence: quoteAndSourceName },
  ShortestPath: { node: props('name'), evidence: null },
};

const name = (entity: EntityRecord | null | undefined) => (entity ? { name: entity.name } : null);
const evidenceOf = (evidence: readonly EvidenceRecord[]) =>
  evidence.map((ev) => ({ quote: ev.quote, source: { name: ev.__source?.name ?? ev.source } }));

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'Entity',
    weight: 'light',
    query: `query Entity($id: ID!) {
  condition(id: $id) { id name symptoms { id name } triggers { id name } treatments { id name } }
}`,
    variables: { seed: { id: 'als' }, synthetic: { id: 'cond-0' } },
    floor: async (db, v) => {
      const list = (pattern: string) =>
        `COLLECT { MATCH ${pattern} WITH m ORDER BY toLower(m.name), m.id LIMIT 100 RETURN [m.id, m.name] }`;
      const [row] = await db.read<{ c: [string, string] | null; s: string[][]; t: string[][]; x: string[][] }>(
        `OPTIONAL MATCH (c:Entity {id: $id}) USING INDEX c:Entity(id) WHERE c:Condition
         RETURN CASE WHEN c IS NULL THEN null ELSE [c.id, c.name] END AS c,
           ${list('(c)-[:HAS_SYMPTOM]->(m:Symptom)')} AS s,
           ${list('(c)-[:ASSOCIATED_WITH]->(m:Trigger)')} AS t,
           ${list('(c)<-[:TREATS]-(m:Treatment)')} AS x`,
        v,
      );
      if (!row?.c) return { condition: null };
      const items = (rows: string[][]) => rows.map(([id, n]) => ({ id, name: n }));
      return { condition: { id: row.c[0], name: row.c[1], symptoms: items(row.s), triggers: items(row.t), treatments: items(row.x) } };
    },
  },
  {
    name: 'Page',
    weight: 'light',
    query: `query Page($text: String!) {
  conditions(where: { nameContains: $text }, orderBy: { field: NAME, direction: ASC }, first: 10) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name } }
  }
}`,
    variables: { seed: { text: 'als' }, synthetic: { text: 'tremor' } },
    floor: async (db, v) => {
      const text = String(v.text).toLowerCase();
      const where = 'toLower(n.name) CONTAINS $t OR any(a IN n.aliases WHERE toLower(a) CONTAINS $t)';
      const [row] = await db.read<{ total: number; items: Array<[string, string, string]> }>(
        `CALL () { MATCH (n:Condition) WHERE ${where} RETURN count(n) AS total }
         CALL () { MATCH (n:Condition) WHERE ${where} WITH n, toLower(n.name) AS k ORDER BY k, n.id LIMIT 11 RETURN collect([n.id, n.name, k]) AS items }
         RETURN total, items`,
        { t: text },
      );
      const items = (row?.items ?? []).slice(0, 10);
      const cursor = (item: [string, string, string]) => encodeCursor('NAME::ASC', item[2], item[0]);
      const last = items[items.length - 1];
      return {
        conditions: {
          totalCount: row?.total ?? 0,
          pageInfo: { hasNextPage: (row?.items.length ?? 0) > 10, endCursor: last ? cursor(last) : null },
          edges: items.map((item) => ({ cursor: cursor(item), node: { id: item[0], name: item[1] } })),
        },
      };
    },
  },
  {
    name: 'SharedSymptoms',
    weight: 'light',
    query: `query SharedSymptoms($ids: [ID!]!) {
  sharedSymptomsWithEvidence(conditionIds: $ids) {
    symptom { id name }
    links { condition { name } relation evidence { quote source { name } } }
  }
}`,
    variables: { seed: { ids: ['als', 'bfs'] }, synthetic: { ids: ['cond-0', 'cond-1'] } },
    floor: async (db, v) => {
      const rows = await db.read<{ id: string; name: string; links: Array<[number, string, string[], Array<string | null>]> }>(
        `UNWIND range(0, size($ids) - 1) AS i
         MATCH (c:Entity {id: $ids[i]}) USING INDEX c:Entity(id) WHERE c:Condition
         MATCH (c)-[r:HAS_SYMPTOM]->(s:Symptom)
         WITH s, collect([i, c.name, r.evQuotes, [src IN r.evSources | COLLECT { MATCH (x:Entity {id: src}) USING INDEX x:Entity(id) RETURN x.name }[0]]]) AS links
         WHERE size(links) = size($ids)
         RETURN s.id AS id, s.name AS name, links ORDER BY toLower(s.name), s.id LIMIT 500`,
        v,
      );
      return {
        sharedSymptomsWithEvidence: rows.map((row) => ({
          symptom: { id: row.id, name: row.name },
          links: row.links
            .sort((a, b) => a[0] - b[0])
            .map(([, conditionName, quotes, sources]) => ({
              condition: { name: conditionName },
              relation: 'HAS_SYMPTOM',
              evidence: quotes.map((quote, k) => ({ quote, source: { name: sources[k] } })),
            })),
        })),
      };
    },
  },
  {
    // Issue 19's Q2: a filtered page, each item with a per-item relationship count (totalCount alone).
    name: 'PageCounts',
    weight: 'light',
    query: `query PageCounts($text: String!) {
  conditions(where: { nameContains: $text }, orderBy: { field: NAME, direction: ASC }, first: 20) {
    edges { node { id name symptomsConnection { totalCount } } }
  }
}`,
    // Seed: "onset" (not the "sclerosis", which two ALS subtypes match only through an alias,
    // something @neo4j/graphql cannot ask: bench/README.md "Beside @neo4j/graphql").
    variables: { seed: { text: 'onset' }, synthetic: { text: 'tremor' } },
    floor: async (db, v) => {
      const rows = await db.read<{ id: string; name: string; symptoms: number }>(
        `MATCH (n:Condition) WHERE toLower(n.name) CONTAINS $t OR any(a IN n.aliases WHERE toLower(a) CONTAINS $t)
         WITH n ORDER BY toLower(n.name), n.id LIMIT 20
         RETURN n.id AS id, n.name AS name, COUNT { (n)-[:HAS_SYMPTOM]->(:Symptom) } AS symptoms`,
        { t: String(v.text).toLowerCase() },
      );
      return { conditions: { edges: rows.map((r) => ({ node: { id: r.id, name: r.name, symptomsConnection: { totalCount: r.symptoms } } })) } };
    },
  },
  {
    // Issue 19's Q3c: the symptoms two conditions share, without evidence.
    name: 'Shared',
    weight: 'light',
    query: `query Shared($ids: [ID!]!) {
  sharedSymptoms(conditionIds: $ids) { id name }
}`,
    variables: { seed: { ids: ['als', 'bfs'] }, synthetic: { ids: ['cond-0', 'cond-1'] } },
    floor: async (db, v) => {
      const rows = await db.read<{ id: string; name: string }>(
        `UNWIND $ids AS cid
         MATCH (c:Entity {id: cid}) USING INDEX c:Entity(id) WHERE c:Condition
         MATCH (c)-[:HAS_SYMPTOM]->(s:Symptom)
         WITH s, count(DISTINCT c) AS k WHERE k = size($ids)
         RETURN s.id AS id, s.name AS name ORDER BY toLower(s.name), s.id LIMIT 500`,
        v,
      );
      return { sharedSymptoms: rows.map((r) => ({ id: r.id, name: r.name })) };
    },
  },
  {
    // Issue 19's Q4: two levels of nesting (at synthetic sizes cond-0 shows every hub symptom).
    name: 'Nested',
    weight: 'light',
    query: `query Nested($id: ID!) {
  condition(id: $id) { id name symptoms { id name conditions(first: 100) { id name } } }
}`,
    variables: { seed: { id: 'als' }, synthetic: { id: 'cond-0' } },
    floor: async (db, v) => {
      const [row] = await db.read<{ c: [string, string] | null; s: Array<[string, string, string[][]]> }>(
        `OPTIONAL MATCH (c:Entity {id: $id}) USING INDEX c:Entity(id) WHERE c:Condition
         RETURN CASE WHEN c IS NULL THEN null ELSE [c.id, c.name] END AS c,
           COLLECT { MATCH (c)-[:HAS_SYMPTOM]->(s:Symptom) WITH s ORDER BY toLower(s.name), s.id LIMIT 100
             RETURN [s.id, s.name, COLLECT { MATCH (s)<-[:HAS_SYMPTOM]-(x:Condition) WITH x ORDER BY toLower(x.name), x.id LIMIT 100 RETURN [x.id, x.name] }] } AS s`,
        v,
      );
      if (!row?.c) return { condition: null };
      return {
        condition: {
          id: row.c[0],
          name: row.c[1],
          symptoms: row.s.map(([id, n, conditions]) => ({ id, name: n, conditions: conditions.map(([cid, cn]) => ({ id: cid, name: cn })) })),
        },
      };
    },
  },
  {
    // Issue 19's Q5: the symptoms linked to the most conditions (RELATED_COUNT: distinct conditions over
    // the catalogue's positive Condition -> Symptom types, HAS_SYMPTOM and CAUSES; ties by id).
    name: 'TopSymptoms',
    weight: 'heavy',
    query: `query TopSymptoms {
  symptoms(orderBy: { field: RELATED_COUNT, direction: DESC, relatedKind: Condition }, first: 20) {
    edges { relatedCount node { id name } }
  }
}`,
    variables: { seed: {}, synthetic: {} },
    floor: async (db) => {
      const rows = await db.read<{ id: string; name: string; k: number }>(
        `MATCH (s:Symptom)
         WITH s, COUNT { MATCH (s)<-[:HAS_SYMPTOM|CAUSES]-(c:Condition) RETURN DISTINCT c } AS k
         ORDER BY k DESC, s.id LIMIT 20
         RETURN s.id AS id, s.name AS name, k`,
      );
      return { symptoms: { edges: rows.map((r) => ({ relatedCount: r.k, node: { id: r.id, name: r.name } })) } };
    },
  },
  {
    name: 'Compare',
    weight: 'light',
    query: `query Compare($ids: [ID!]!) {
  compareConditions(conditionIds: $ids) {
    similarity { value explanation }
    shared { symptoms { entity { name } } }
    distinct {
      condition { name }
      distinct {
        symptoms { entity { name } links { evidence { quote source { name } } } }
        negatives { entity { name } links { relation } }
      }
    }
  }
}`,
    variables: { seed: { ids: ['als', 'bfs'] }, synthetic: { ids: ['cond-0', 'cond-1'] } },
    floor: async (db, v) => {
      const c = await compareConditions(db, { conditionIds: v.ids as string[], plan: PLANS.Compare });
      const entityOnly = (items: readonly ComparedItemRecord[]) => items.map((item) => ({ entity: name(item.entity) }));
      return {
        compareConditions: {
          similarity: { value: c.similarity.value, explanation: c.similarity.explanation },
          shared: { symptoms: entityOnly(c.shared.symptoms) },
          distinct: c.distinct.map((profile) => ({
            condition: name(profile.condition),
            distinct: {
              symptoms: profile.distinct.symptoms.map((item) => ({
                entity: name(item.entity),
                links: item.links.map((link) => ({ evidence: evidenceOf(link.evidence) })),
              })),
              negatives: profile.distinct.negatives.map((item) => ({
                entity: name(item.entity),
                links: item.links.map((link) => ({ relation: link.relation })),
              })),
            },
          })),
        },
      };
    },
  },
  {
    name: 'Differential',
    weight: 'heavy',
    query: `query Differential($ids: [ID!]!) {
  rankConditions(symptomIds: $ids, first: 5) {
    score
    explanation
    condition { name }
    matched { name }
    unmatched { name }
  }
}`,
    variables: {
      seed: { ids: ['fasciculations', 'muscle-cramps', 'muscle-weakness'] },
      synthetic: { ids: ['sym-hub-1', 'sym-0', 'sym-1'] },
    },
    floor: async (db, v) => {
      const ranked = await rankConditions(db, { symptomIds: v.ids as string[], first: 5, plan: PLANS.Differential });
      return {
        rankConditions: ranked.map((m) => ({
          score: m.score,
          explanation: m.explanation,
          condition: name(m.condition),
          matched: m.matched.map(name),
          unmatched: m.unmatched.map(name),
        })),
      };
    },
  },
  {
    name: 'Neighborhood',
    weight: 'heavy',
    query: `query Neighborhood($id: ID!) {
  neighborhood(id: $id, depth: 2, first: 50) {
    truncated
    nodes { id kind name }
    edges { type sourceId targetId evidence { quote source { name } } }
  }
}`,
    variables: { seed: { id: 'als' }, synthetic: { id: 'cond-0' } },
    floor: async (db, v) => {
      const g = await neighborhood(db, { id: String(v.id), depth: 2, first: 50, plan: PLANS.Neighborhood });
      return {
        neighborhood: {
          truncated: g.truncated,
          nodes: g.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name })),
          edges: g.edges.map((e) => ({ type: e.type, sourceId: e.sourceId, targetId: e.targetId, evidence: evidenceOf(e.evidence) })),
        },
      };
    },
  },
  {
    name: 'ShortestPath',
    weight: 'heavy',
    query: `query ShortestPath($from: ID!, $to: ID!) {
  shortestPath(fromId: $from, toId: $to, maxHops: 4) {
    length
    nodes { kind name }
    edges { type direction }
  }
}`,
    variables: { seed: { from: 'als', to: 'bfs' }, synthetic: { from: 'cond-0', to: 'cond-2' } },
    floor: async (db, v) => {
      const p = await shortestPath(db, { fromId: String(v.from), toId: String(v.to), maxHops: 4, plan: PLANS.ShortestPath });
      return {
        shortestPath: p && {
          length: p.length,
          nodes: p.nodes.map((n) => ({ kind: n.kind, name: n.name })),
          edges: p.edges.map((e) => ({ type: e.type, direction: e.direction })),
        },
      };
    },
  },
  {
    name: 'GraphStats',
    weight: 'heavy',
    query: `query GraphStats {
  graphStats {
    nodeCount
    relationshipCount
    kinds { kind count }
    mostConnected { degree entity { name } }
    sources { statements source { name } }
  }
}`,
    variables: { seed: {}, synthetic: {} },
    floor: async (db) => {
      const s = await graphStats(db);
      return {
        graphStats: {
          nodeCount: s.nodeCount,
          relationshipCount: s.relationshipCount,
          kinds: s.kinds.map((k) => ({ kind: k.kind, count: k.count })),
          mostConnected: s.mostConnected.map((m) => ({ degree: m.degree, entity: name(m.entity) })),
          sources: s.sources.map((x) => ({ statements: x.statements, source: name(x.source) })),
        },
      };
    },
  },
];
