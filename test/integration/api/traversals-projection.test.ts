/**
 * The traversals project only what the selection asks for (src/domain/traversal, TraversalPlan):
 * a narrow selection must still give exactly the values the full projection gives. The reference is
 * the same traversal called without a plan (every property, every evidence list, every cited Source),
 * mapped to the asked shape by hand.
 */
import { evidenceFromLists, type EntityRecord, type EvidenceRecord } from '../../../src/domain/entity/entity.types';
import { compareConditions } from '../../../src/domain/traversal/compare';
import { neighborhood } from '../../../src/domain/traversal/neighborhood';
import { rankConditions } from '../../../src/domain/traversal/rank';
import { sharedSymptoms } from '../../../src/domain/traversal/shared-symptoms';
import { shortestPath } from '../../../src/domain/traversal/shortest-path';
import type { ComparedItemRecord, ConditionLinkRecord } from '../../../src/domain/traversal/records';
import { useSeededApi } from './seeded-api';

const api = useSeededApi();

async function data<T>(query: string): Promise<T> {
  const result = await api.query<T>(query);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

/** A Fact's own evidence as the API gives it. */
const factEvidence = (entity: EntityRecord): EvidenceRecord[] => evidenceFromLists(entity.__evidence, entity.__evidenceSources);

/** Every quote (or other string) in an answer, to check the reference is not trivially empty. */
const nonEmpty = (values: readonly (string | null | undefined)[]) => values.length > 0 && values.every((value) => typeof value === 'string' && value.length > 0);

describe('traversals answer a narrow selection with the values of the full projection', () => {
  it('sharedSymptomsWithEvidence with only the quotes gives every quote, in order', async () => {
    const full = await sharedSymptoms(api.db, { conditionIds: ['als', 'bfs'] });
    const narrow = await data<{ sharedSymptomsWithEvidence: unknown }>(
      `{ sharedSymptomsWithEvidence(conditionIds: ["als", "bfs"]) { links { evidence { quote } } } }`,
    );
    const expected = full.map((s) => ({ links: s.links.map((l) => ({ evidence: l.evidence.map((e) => ({ quote: e.quote })) })) }));
    expect(nonEmpty(expected.flatMap((s) => s.links.flatMap((l) => l.evidence.map((e) => e.quote))))).toBe(true);
    expect(narrow.sharedSymptomsWithEvidence).toEqual(expected);
  });

  it('sharedSymptomsWithEvidence with one optional evidence field and the source names keeps each list aligned with its piece', async () => {
    const full = await sharedSymptoms(api.db, { conditionIds: ['als', 'bfs'], includeSubtypes: true });
    const narrow = await data<{ sharedSymptomsWithEvidence: unknown }>(
      `{ sharedSymptomsWithEvidence(conditionIds: ["als", "bfs"], includeSubtypes: true) { links { via { name } evidence { knowledgeLevel source { name } } } } }`,
    );
    const expected = full.map((s) => ({
      links: s.links.map((l) => ({ via: { name: l.via.name }, evidence: l.evidence.map((e) => ({ knowledgeLevel: e.knowledgeLevel, source: { name: e.__source?.name ?? e.source } })) })),
    }));
    expect(nonEmpty(expected.flatMap((s) => s.links.flatMap((l) => l.evidence.map((e) => e.source.name))))).toBe(true);
    expect(narrow.sharedSymptomsWithEvidence).toEqual(expected);
  });

  it.each([
    [['als', 'bfs'], false, true],
    [['als', 'bfs'], true, true],
    [['bfs', 'als'], true, true],
    [['als', 'limb-onset-als'], true, false],
    [['als', 'bfs', 'limb-onset-als'], false, false],
    [['als'], true, true],
  ] as const)('sharedSymptoms of %j (includeSubtypes %s), counted without links, lists the symptoms sharedSymptomsWithEvidence lists, in its order', async (ids, includeSubtypes, someShared) => {
    const args = `conditionIds: ${JSON.stringify(ids)}, includeSubtypes: ${includeSubtypes}`;
    const withLinks = await data<{ sharedSymptomsWithEvidence: Array<{ symptom: { id: string; name: string } }> }>(
      `{ sharedSymptomsWithEvidence(${args}) { symptom { id name kind } } }`,
    );
    const only = await data<{ sharedSymptoms: Array<{ id: string; name: string }> }>(`{ sharedSymptoms(${args}) { id name kind } }`);
    expect(only.sharedSymptoms).toEqual(withLinks.sharedSymptomsWithEvidence.map((shared) => shared.symptom));
    expect(only.sharedSymptoms.length > 0).toBe(someShared);
  });

  it('compareConditions with only names, Fact quotes and source ids gives the same items in the same order', async () => {
    const full = await compareConditions(api.db, { conditionIds: ['als', 'bfs'] });
    const narrow = await data<{ compareConditions: unknown }>(`{ compareConditions(conditionIds: ["als", "bfs"]) {
        conditions { name } shared { symptoms { ...I } facts { ...I } } distinct { condition { name } distinct { triggers { ...I } negatives { ...I } facts { ...I } } } } }
      fragment I on ComparedItem { entity { name ... on Fact { evidence { quote } } } links { relation evidence { source { id } } } }`);
    const item = (i: ComparedItemRecord) => ({
      entity: { name: i.entity.name, ...(i.entity.kind === 'Fact' ? { evidence: factEvidence(i.entity).map((e) => ({ quote: e.quote })) } : {}) },
      links: i.links.map((l: ConditionLinkRecord) => ({ relation: l.relation, evidence: l.evidence.map((e) => ({ source: { id: e.source } })) })),
    });
    const expected = {
      conditions: full.conditions.map((c) => ({ name: c.name })),
      shared: { symptoms: full.shared.symptoms.map(item), facts: full.shared.facts.map(item) },
      distinct: full.distinct.map((p) => ({
        condition: { name: p.condition.name },
        distinct: { triggers: p.distinct.triggers.map(item), negatives: p.distinct.negatives.map(item), facts: p.distinct.facts.map(item) },
      })),
    };
    expect(nonEmpty(full.shared.facts.flatMap((i) => factEvidence(i.entity).map((e) => e.quote)))).toBe(true);
    expect(narrow.compareConditions).toEqual(expected);
  });

  it('neighborhood with only node names, Fact statements and sources, and edge quotes gives the same values', async () => {
    const full = await neighborhood(api.db, { id: 'bfs', depth: 2, first: 30 });
    const narrow = await data<{ neighborhood: unknown }>(
      `{ neighborhood(id: "bfs", depth: 2, first: 30) { nodes { name ... on Fact { statement evidence { source { title } } } } edges { source { name } evidence { quote } } } }`,
    );
    const expected = {
      nodes: full.nodes.map((n) =>
        n.kind === 'Fact' ? { name: n.name, statement: n.statement, evidence: factEvidence(n).map((e) => ({ source: { title: e.__source?.title ?? null } })) } : { name: n.name },
      ),
      edges: full.edges.map((e) => ({ source: { name: e.source.name }, evidence: e.evidence.map((x) => ({ quote: x.quote })) })),
    };
    expect(nonEmpty(full.nodes.flatMap((n) => factEvidence(n).map((e) => e.__source?.title)).filter(Boolean))).toBe(true);
    expect(nonEmpty(full.edges.flatMap((e) => e.evidence.map((x) => x.quote)))).toBe(true);
    expect(narrow.neighborhood).toEqual(expected);
  });

  it('shortestPath with only node names and source names gives the same values', async () => {
    const full = await shortestPath(api.db, { fromId: 'als', toId: 'bfs' });
    const narrow = await data<{ shortestPath: unknown }>(`{ shortestPath(fromId: "als", toId: "bfs") { length nodes { name } edges { evidence { source { name } } } } }`);
    const expected = {
      length: full?.length,
      nodes: full?.nodes.map((n) => ({ name: n.name })),
      edges: full?.edges.map((e) => ({ evidence: e.evidence.map((x) => ({ source: { name: x.__source?.name } })) })),
    };
    expect(nonEmpty(expected.edges?.flatMap((e) => e.evidence.map((x) => x.source.name)) ?? [])).toBe(true);
    expect(narrow.shortestPath).toEqual(expected);
  });

  it('rankConditions with only ids, explanations and quotes gives the same ranking, explanations and quotes', async () => {
    const full = await rankConditions(api.db, { symptomIds: ['muscle-tingling', 'numbness', 'fasciculations'], first: 5 });
    const narrow = await data<{ rankConditions: unknown }>(
      `{ rankConditions(symptomIds: ["muscle-tingling", "numbness", "fasciculations"], first: 5) { condition { id } explanation matches { explanation evidence { quote } } } }`,
    );
    const expected = full.map((m) => ({
      condition: { id: m.condition.id },
      explanation: m.explanation,
      matches: m.matches.map((x) => ({ explanation: x.explanation, evidence: x.evidence.map((e) => ({ quote: e.quote })) })),
    }));
    expect(nonEmpty(full.flatMap((m) => m.matches.flatMap((x) => x.evidence.map((e) => e.quote))))).toBe(true);
    expect(narrow.rankConditions).toEqual(expected);
  });
});
