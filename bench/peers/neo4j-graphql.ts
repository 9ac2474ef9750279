/**
 * The bench's questions asked of @neo4j/graphql 7.6 (the `neo4jgraphql` server, issue 19) in its own
 * dialect, and how each answer is mapped to the shape of this API's answer, so that it can be checked
 * equal to the floor's (bench/run.ts; test/integration/bench/peer-agrees.test.ts).
 *
 * Pure: no driver, no server (bench/peers/server.ts starts the server).
 *
 * What differs in the dialect, and what the mapping does about it:
 * - Lookups by id are lists (`conditions(where: {id: {eq}})`): the mapping takes the first or null.
 * - @neo4j/graphql sorts by a property's code points (`sort: [{name: ASC}, {id: ASC}]`); this API sorts
 *   by the lower-cased name, then id. The mapping orders every name-ordered list as the API does. It
 *   cannot bring back an item a cut (`limit`) dropped: where the two orders choose different items the
 *   check fails (the synthetic graphs' names sort alike either way).
 * - `nameContains` also matches aliases; @neo4j/graphql cannot test a substring of a list element,
 *   so PageCounts (Q2) matches names only, case-insensitively (`features.filters.String.CASE_INSENSITIVE`);
 *   its seed text is chosen where that is the same answer.
 */
import type { Vars } from '../operations';

export interface PeerOperation {
  /** The document in @neo4j/graphql's dialect; its operation name is the bench operation's. */
  query: string;
  /** The peer's variables from the bench operation's. */
  variables: (v: Vars) => Vars;
  /** The peer's `data` mapped to the API's `data`. */
  toApi: (data: unknown) => unknown;
}

interface Item {
  id: string;
  name: string;
}

/** This API's order of named items: lower-cased name, then id (a copy; the input is left as it is). */
export function byApiNameOrder<T extends Item>(items: readonly T[]): T[] {
  const key = (item: T) => item.name.toLowerCase();
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const idName = (item: Item) => ({ id: item.id, name: item.name });
const items = (list: readonly Item[]) => byApiNameOrder(list).map(idName);

/** The one item of a lookup by id (`conditions(where: {id: {eq: $id}})`), or null. */
function single<T>(list: readonly T[] | undefined): T | null {
  if (!Array.isArray(list)) throw new Error('a lookup by id answered no list');
  if (list.length > 1) throw new Error(`a lookup by id answered ${list.length} items`);
  return list[0] ?? null;
}

const NAME_ORDER = 'sort: [{ name: ASC }, { id: ASC }]';

interface EntityAnswer {
  conditions: Array<Item & { symptoms: Item[]; triggers: Item[]; treatments: Item[] }>;
}
interface PageCountsAnswer {
  conditions: Array<Item & { symptomsConnection: { totalCount: number } }>;
}
interface SharedAnswer {
  conditions: Array<{ symptoms: Item[] }>;
}
interface NestedAnswer {
  conditions: Array<Item & { symptoms: Array<Item & { conditions: Item[] }> }>;
}
interface TopSymptomsAnswer {
  symptoms: Array<Item & { conditionCount: number }>;
}

export const PEER_OPERATIONS: Readonly<Record<string, PeerOperation>> = {
  // Q1 (and the bench's Entity: with triggers and treatments too).
  Entity: {
    query: `query Entity($id: ID!) {
  conditions(where: { id: { eq: $id } }) {
    id name
    symptoms(limit: 100, ${NAME_ORDER}) { id name }
    triggers(limit: 100, ${NAME_ORDER}) { id name }
    treatments(limit: 100, ${NAME_ORDER}) { id name }
  }
}`,
    variables: (v) => ({ id: v.id }),
    toApi: (data) => {
      const c = single((data as EntityAnswer).conditions);
      return { condition: c && { id: c.id, name: c.name, symptoms: items(c.symptoms), triggers: items(c.triggers), treatments: items(c.treatments) } };
    },
  },
  // Q2.
  PageCounts: {
    query: `query PageCounts($text: String!) {
  conditions(where: { name: { caseInsensitive: { contains: $text } } }, limit: 20, ${NAME_ORDER}) {
    id name symptomsConnection { totalCount }
  }
}`,
    variables: (v) => ({ text: v.text }),
    toApi: (data) => ({
      conditions: {
        edges: byApiNameOrder((data as PageCountsAnswer).conditions).map((c) => ({
          node: { id: c.id, name: c.name, symptomsConnection: { totalCount: c.symptomsConnection.totalCount } },
        })),
      },
    }),
  },
  // Q3c: from the first condition (an index lookup), its symptoms that the second one shows too.
  Shared: {
    query: `query Shared($a: ID!, $b: ID!) {
  conditions(where: { id: { eq: $a } }) {
    symptoms(where: { conditions: { some: { id: { eq: $b } } } }, limit: 500, ${NAME_ORDER}) { id name }
  }
}`,
    variables: (v) => {
      const ids = v.ids as string[];
      if (ids.length !== 2) throw new Error('the peer asks Shared of exactly two conditions');
      return { a: ids[0], b: ids[1] };
    },
    toApi: (data) => ({ sharedSymptoms: items(single((data as SharedAnswer).conditions)?.symptoms ?? []) }),
  },
  // Q4.
  Nested: {
    query: `query Nested($id: ID!) {
  conditions(where: { id: { eq: $id } }) {
    id name
    symptoms(limit: 100, ${NAME_ORDER}) { id name conditions(limit: 100, ${NAME_ORDER}) { id name } }
  }
}`,
    variables: (v) => ({ id: v.id }),
    toApi: (data) => {
      const c = single((data as NestedAnswer).conditions);
      return {
        condition: c && {
          id: c.id,
          name: c.name,
          symptoms: byApiNameOrder(c.symptoms).map((s) => ({ id: s.id, name: s.name, conditions: items(s.conditions) })),
        },
      };
    },
  },
  // Q5: sorted by a scalar @cypher field (the type definitions' Symptom.conditionCount).
  TopSymptoms: {
    query: `query TopSymptoms {
  symptoms(limit: 20, sort: [{ conditionCount: DESC }, { id: ASC }]) { id name conditionCount }
}`,
    variables: () => ({}),
    toApi: (data) => ({
      symptoms: { edges: (data as TopSymptomsAnswer).symptoms.map((s) => ({ relatedCount: s.conditionCount, node: idName(s) })) },
    }),
  },
};

/** The bench's operations @neo4j/graphql is not asked, and why (printed by the bench, kept in bench/README.md). */
export const PEER_CANNOT: Readonly<Record<string, string>> = {
  Page: "this API's opaque cursors and name-or-alias matching (its own cursors differ; no substring test on list elements)",
  SharedSymptoms: 'evidence sources are ids in a list on the relationship; their names need a lookup the dialect has no field for',
  Compare: 'a custom traversal (similarity, distinct items per condition) beyond generated CRUD',
  Differential: 'ranking conditions by matched symptoms: no generated field',
  Neighborhood: 'a variable-depth traversal: no generated field',
  ShortestPath: 'a shortest path: no generated field',
  GraphStats: 'counts over every label and type: no generated field',
};

/** Where two JSON texts first differ, with some context on each side (for a loud mismatch). */
export function firstDifference(expected: string, actual: string, context = 120): string | null {
  if (expected === actual) return null;
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - context);
  return `at character ${i}:\n  expected: …${expected.slice(from, i + context)}…\n  actual:   …${actual.slice(from, i + context)}…`;
}
