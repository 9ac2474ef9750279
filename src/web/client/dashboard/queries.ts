/**
 * The operations behind the dashboard's charts: each chart shows the exact text it runs (and copies
 * it), so a reader can take any number on the page to the API or the playground. Kept here so the
 * browser test runs the same operations over HTTP and compares the numbers.
 */
export interface ChartSpec {
  /** Element id and test hook. */
  id: string;
  title: string;
  operation: string;
  /** Labels and values of the chart, from the operation's data. */
  series(data: Record<string, unknown>): { labels: string[]; values: number[] };
}

type Counts = Array<{ value: string; count: number }>;
const counts = (list: Counts | undefined = []) => ({ labels: list.map((c) => c.value), values: list.map((c) => c.count) });
const facet = (data: Record<string, unknown>) => data.facets as Record<string, Counts> & { degrees: Array<{ min: number; max: number; count: number }> };

export const META = `query DashboardRelease {
  meta { apiVersion dataVersion releasedAt releasedBy sources { id name version license } }
}`;

export const CHARTS: ChartSpec[] = [
  {
    id: 'chart-kinds',
    title: 'Entities by kind',
    operation: `query EntitiesByKind {
  facets { kinds { value count } }
}`,
    series: (data) => counts(facet(data).kinds),
  },
  {
    id: 'chart-relationships',
    title: 'Statements by relationship type',
    operation: `query StatementsByType {
  facets(top: 30) { relationshipTypes { value count } }
}`,
    series: (data) => counts(facet(data).relationshipTypes),
  },
  {
    id: 'chart-knowledge-levels',
    title: 'Evidence by knowledge level',
    operation: `query EvidenceByKnowledgeLevel {
  facets { knowledgeLevels { value count } }
}`,
    series: (data) => counts(facet(data).knowledgeLevels),
  },
  {
    id: 'chart-agent-types',
    title: 'Evidence by agent type',
    operation: `query EvidenceByAgentType {
  facets { agentTypes { value count } }
}`,
    series: (data) => counts(facet(data).agentTypes),
  },
  {
    id: 'chart-sources',
    title: 'Evidence by source (top 15)',
    operation: `query EvidenceBySource {
  facets(top: 15) { sources { value count } }
}`,
    series: (data) => counts(facet(data).sources),
  },
  {
    id: 'chart-degrees',
    title: 'Degree distribution (entities per number of relationships)',
    operation: `query DegreeDistribution {
  facets { degrees { min max count } }
}`,
    series: (data) => {
      const degrees = facet(data).degrees;
      return { labels: degrees.map((d) => (d.min === d.max ? String(d.min) : `${d.min}–${d.max}`)), values: degrees.map((d) => d.count) };
    },
  },
  {
    id: 'chart-conditions',
    title: 'Conditions with the most evidence items',
    operation: `query ConditionCounts {
  facets(kinds: [Condition], first: 15) { entities { entity { id name } symptoms evidence } }
}`,
    series: (data) => {
      const entities = (data.facets as { entities: Array<{ entity: { name: string }; evidence: number }> }).entities;
      return { labels: entities.map((e) => e.entity.name), values: entities.map((e) => e.evidence) };
    },
  },
  {
    id: 'chart-frequencies',
    title: 'HPO annotations by frequency class (after npm run import:hpo)',
    operation: `query EvidenceByFrequency {
  facets { frequencyClasses { value count } }
}`,
    series: (data) => counts(facet(data).frequencyClasses),
  },
];
