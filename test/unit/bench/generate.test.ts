import { createHash } from 'node:crypto';
import { HUBS, generateGraph, parseSize, shares } from '../../../bench/generate';
import { validateGraph } from '../../../src/ingest/validate';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('bench graph generator', () => {
  const graph = generateGraph(2_000);

  it('is deterministic: the same size and seed give the same graph, another seed another one', () => {
    expect(digest(generateGraph(2_000))).toBe(digest(graph));
    expect(digest(generateGraph(2_000, 7))).not.toBe(digest(graph));
  });

  it('has the requested number of nodes, split by kind', () => {
    expect(graph.nodes).toHaveLength(2_000);
    const share = shares(2_000);
    const count = (kind: string) => graph.nodes.filter((n) => n.kind === kind).length;
    expect(count('Condition')).toBe(share.conditions);
    expect(count('Symptom')).toBe(share.symptoms);
    expect(count('Source')).toBe(share.sources);
    expect(graph.edges.length / graph.nodes.length).toBeGreaterThan(3.5);
  });

  it('is valid input for the loader: unique ids, kinds that fit, evidence citing existing sources', () => {
    expect(validateGraph(graph, { kebabIds: true })).toEqual([]);
    const sources = new Set(graph.nodes.filter((n) => n.kind === 'Source').map((n) => n.id));
    for (const edge of graph.edges) {
      expect(edge.evidence.length).toBeGreaterThanOrEqual(1);
      for (const ev of edge.evidence) expect(sources.has(ev.source)).toBe(true);
    }
  });

  it('has the ids the bench operations use, hub symptoms with a power-law degree, subtypes and negative facts', () => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const id of ['cond-0', 'cond-1', 'cond-2', 'sym-hub-0', 'sym-hub-1', 'sym-0', 'sym-1', 'src-0']) expect(ids.has(id)).toBe(true);
    const degree = new Map<string, number>();
    for (const e of graph.edges) if (e.type === 'HAS_SYMPTOM') degree.set(e.object, (degree.get(e.object) ?? 0) + 1);
    const sorted = [...degree.values()].sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(degree.get('sym-hub-0')).toBe(sorted[0]);
    expect(sorted[0]).toBeGreaterThan(50 * Math.max(1, median));
    const shared = (a: string, b: string) => {
      const of = (c: string) => new Set(graph.edges.filter((e) => e.type === 'HAS_SYMPTOM' && e.subject === c).map((e) => e.object));
      const sa = of(a);
      return [...of(b)].filter((s) => sa.has(s));
    };
    expect(shared('cond-0', 'cond-1').length).toBeGreaterThanOrEqual(HUBS + 3);
    expect(graph.edges.some((e) => e.type === 'SUBCLASS_OF')).toBe(true);
    expect(graph.edges.some((e) => e.type === 'NOT_HAS_SYMPTOM')).toBe(true);
  });

  it('parses sizes', () => {
    expect(parseSize('10k')).toBe(10_000);
    expect(parseSize('1m')).toBe(1_000_000);
    expect(parseSize('2500')).toBe(2_500);
    expect(() => parseSize('big')).toThrow(/10k/);
  });
});
