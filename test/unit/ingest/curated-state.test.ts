import { foreignOnly, keepForeignEvidence, withoutRetired } from '../../../src/ingest/curated-state';
import { evidenceFromProps, evidenceToProps } from '../../../src/ingest/records';
import type { EdgeRecord, Evidence, NodeRecord } from '../../../src/domain/model';

const ev = (source: string, owner: string, extra: Partial<Evidence> = {}): Evidence => ({ source, quote: `${source} says so`, knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner, ...extra });
const node = (id: string): NodeRecord => ({ id, kind: 'Symptom', name: id, aliases: [], xrefs: [], owner: 'seed' });
const edge = (subject: string, object: string, evidence: Evidence[] = [ev('article', 'seed')]): EdgeRecord => ({ type: 'HAS_SYMPTOM', subject, object, owner: 'seed', evidence });

describe('what a re-load leaves to curation', () => {
  it('drops retracted entities and every statement naming them, and counts what it dropped', () => {
    const result = withoutRetired({ nodes: [node('a'), node('gone')], edges: [edge('c', 'a'), edge('c', 'gone')] }, new Map([['gone', null]]));
    expect(result.input.nodes.map((n) => n.id)).toEqual(['a']);
    expect(result.input.edges.map((e) => e.object)).toEqual(['a']);
    expect(result).toMatchObject({ skippedNodes: 1, skippedEdges: 1 });
  });

  it('loads the statements of a merged id onto the entity it was merged into, and drops one that would join an entity to itself', () => {
    const result = withoutRetired({ nodes: [node('kept'), node('old')], edges: [edge('c', 'old'), edge('kept', 'old')] }, new Map([['old', 'kept']]));
    expect(result.input.edges).toEqual([edge('c', 'kept')]);
    expect(result).toMatchObject({ skippedNodes: 1, skippedEdges: 1 });
  });

  it('drops evidence citing a retracted source, and a statement left without evidence', () => {
    const result = withoutRetired({ nodes: [], edges: [edge('c', 'a', [ev('paper', 'seed'), ev('article', 'seed')]), edge('c', 'b', [ev('paper', 'seed')])] }, new Map([['paper', null]]));
    expect(result.input.edges).toEqual([edge('c', 'a', [ev('article', 'seed')])]);
  });

  it('returns the input itself when nothing is retired', () => {
    const input = { nodes: [node('a')], edges: [edge('c', 'a')] };
    expect(withoutRetired(input, new Map()).input).toBe(input);
  });

  it("keeps a curator's evidence on an edge the loader owns, after the loader's own, with every optional field aligned", () => {
    const stored = { id: 'c|HAS_SYMPTOM|a', owner: 'seed', ...evidenceToProps([ev('article', 'seed'), ev('paper', 'curation', { curation: 'alice[2026-12-04]' })]) };
    const written = { id: 'c|HAS_SYMPTOM|a', owner: 'seed', ...evidenceToProps([ev('article', 'seed', { code: 'TAS' })]) };
    const merged = keepForeignEvidence(written, stored);
    expect(evidenceFromProps(merged)).toEqual([ev('article', 'seed', { code: 'TAS' }), ev('paper', 'curation', { curation: 'alice[2026-12-04]' })]);
    expect(merged).toMatchObject({ id: 'c|HAS_SYMPTOM|a', owner: 'seed' });
  });

  it('leaves what the loader writes alone when nobody else added evidence', () => {
    const written = { id: 'x', owner: 'seed', ...evidenceToProps([ev('article', 'seed')]) };
    expect(keepForeignEvidence(written, { ...written })).toBe(written);
  });

  it("hands an edge the loader drops to the owner of the evidence that is left, or answers null when none is", () => {
    const stored = { id: 'x', owner: 'seed', ...evidenceToProps([ev('article', 'seed'), ev('paper', 'curation')]) };
    expect(foreignOnly(stored, 'seed')).toEqual({ id: 'x', owner: 'curation', ...evidenceToProps([ev('paper', 'curation')]) });
    expect(foreignOnly({ id: 'y', owner: 'seed', ...evidenceToProps([ev('article', 'seed')]) }, 'seed')).toBeNull();
  });
});
