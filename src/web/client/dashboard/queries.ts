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

/** A chart of one `facets` count list (`{ value count }`), e.g. `kinds`, with the arguments given. */
function facetChart(id: string, title: string, operationName: string, field: string, args = ''): ChartSpec {
  return {
    id,
    title,
    operation: `query ${operationName} {\n  facets${args} { ${field} { value count } }\n}`,
    series: (data) => counts(facet(data)[field]),
  };
}

export const CHARTS: ChartSpec[] = [
  facetChart('chart-kinds', 'Entities by kind', 'EntitiesByKind', 'kinds'),
  facetChart('chart-relationships', 'Statements by relationship type', 'StatementsByType', 'relationshipTypes', '(top: 30)'),
  facetChart('chart-knowledge-levels', 'Evidence by knowledge level', 'EvidenceByKnowledgeLevel', 'knowledgeLevels'),
  facetChart('chart-agent-types', 'Evidence by agent type', 'EvidenceByAgentType', 'agentTypes'),
  facetChart('chart-sources', 'Evidence by source (top 15)', 'EvidenceBySource', 'sources', '(top: 15)'),
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
  facetChart('chart-frequencies', 'HPO annotations by frequency class (after npm run import:hpo)', 'EvidenceByFrequency', 'frequencyClasses'),
];
