/**
 * Deterministic synthetic graph for the benchmarks (issue 7): a fixed-seed PRNG, power-law fan-out
 * (a few hub symptoms shared by many conditions, Zipf-like popularity for the rest), condition
 * subtypes, evidence on every edge citing Sources, and a few negative statements.
 * Well-known ids that the bench operations use always exist: cond-0, cond-1, cond-2 (sharing hub
 * and ordinary symptoms), sym-hub-0 .. sym-hub-4, sym-0, sym-1, src-0.
 */
import type { EdgeRecord, Evidence, GraphInput, NodeRecord, RelType } from '../src/domain/model';

export const BENCH_OWNER = 'bench';
export const DEFAULT_SEED = 20261125;
export const HUBS = 5;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GraphShare {
  conditions: number;
  symptoms: number;
  triggers: number;
  treatments: number;
  bodyRegions: number;
  sources: number;
}

/** How many nodes of each kind a graph of `total` nodes has. */
export function shares(total: number): GraphShare {
  const conditions = Math.max(3, Math.round(total * 0.2));
  const triggers = Math.max(1, Math.round(total * 0.08));
  const treatments = Math.max(1, Math.round(total * 0.08));
  const bodyRegions = Math.max(1, Math.round(total * 0.02));
  const sources = Math.max(1, Math.round(total * 0.07));
  const symptoms = Math.max(HUBS + 2, total - conditions - triggers - treatments - bodyRegions - sources);
  return { conditions, symptoms, triggers, treatments, bodyRegions, sources };
}

const WORDS = ['acute', 'chronic', 'benign', 'progressive', 'focal', 'diffuse', 'muscle', 'nerve', 'motor', 'sensory', 'twitch', 'cramp', 'weakness', 'fatigue', 'tremor', 'spasm', 'ache', 'numbness', 'tingling', 'stiffness'];

export function generateGraph(total: number, seed = DEFAULT_SEED): GraphInput {
  const rnd = prng(seed);
  const n = shares(total);
  const pick = (count: number) => Math.floor(rnd() * count);
  /** Zipf-like skew: small indexes are much more popular. */
  const skewed = (count: number, power = 2.5) => Math.min(count - 1, Math.floor(count * Math.pow(rnd(), power)));
  const words = (k: number) => Array.from({ length: k }, () => WORDS[pick(WORDS.length)]).join(' ');
  const nodes: NodeRecord[] = [];
  const node = (kind: NodeRecord['kind'], id: string, name: string, extra: Partial<NodeRecord> = {}) =>
    nodes.push({ id, kind, name, aliases: extra.aliases ?? [], xrefs: extra.xrefs ?? [], owner: BENCH_OWNER, ...extra });

  for (let i = 0; i < n.sources; i++) node('Source', `src-${i}`, `Source ${i}`, { title: `A study of ${words(3)} (${i})`, year: 1990 + (i % 35) });
  for (let i = 0; i < n.conditions; i++)
    node('Condition', `cond-${i}`, `Condition ${i} ${words(2)}`, { aliases: i % 3 === 0 ? [`C${i}`] : [], xrefs: i % 5 === 0 ? [`MONDO:${String(1000000 + i)}`] : [], description: `Synthetic condition ${i}.` });
  const symIds: string[] = [];
  for (let i = 0; i < HUBS; i++) symIds.push(`sym-hub-${i}`);
  for (let i = 0; symIds.length < n.symptoms; i++) symIds.push(`sym-${i}`);
  symIds.forEach((id, i) => node('Symptom', id, i < HUBS ? `Hub symptom ${i}` : `Symptom ${i - HUBS} ${words(2)}`, { xrefs: i % 4 === 0 ? [`HP:${String(1000000 + i)}`] : [] }));
  for (let i = 0; i < n.triggers; i++) node('Trigger', `trig-${i}`, `Trigger ${i} ${words(1)}`);
  for (let i = 0; i < n.treatments; i++) node('Treatment', `treat-${i}`, `Treatment ${i} ${words(1)}`);
  for (let i = 0; i < n.bodyRegions; i++) node('BodyRegion', `region-${i}`, `Region ${i}`);

  const edges: EdgeRecord[] = [];
  const evidence = (): Evidence[] =>
    Array.from({ length: rnd() < 0.3 ? 2 : 1 }, () => ({
      source: `src-${skewed(n.sources, 2)}`,
      quote: `Observed ${words(4)}.`,
      knowledgeLevel: 'knowledge_assertion' as const,
      agentType: 'manual_agent' as const,
      owner: BENCH_OWNER,
    }));
  const edge = (type: RelType, subject: string, object: string) => edges.push({ type, subject, object, owner: BENCH_OWNER, evidence: evidence() });
  const ordinary = n.symptoms - HUBS;

  for (let c = 0; c < n.conditions; c++) {
    const cid = `cond-${c}`;
    const symptoms = new Set<string>();
    // Hubs: each condition shows hub h with probability 0.5 / (h + 1); the first three conditions share them all.
    for (let h = 0; h < HUBS; h++) if (c < 3 || rnd() < 0.5 / (h + 1)) symptoms.add(`sym-hub-${h}`);
    if (c < 3) for (let s = 0; s < 3; s++) symptoms.add(`sym-${s}`);
    // Fan-out: 4 + a Pareto tail (a few conditions list dozens of symptoms).
    const fanOut = Math.min(200, 4 + Math.floor(3 / Math.pow(1 - rnd() * 0.999, 0.8)));
    for (let k = 0; k < fanOut; k++) symptoms.add(`sym-${skewed(ordinary)}`);
    for (const s of symptoms) edge('HAS_SYMPTOM', cid, s);
    if (rnd() < 0.2) {
      let s = `sym-${skewed(ordinary)}`;
      if (symptoms.has(s)) s = `sym-${pick(ordinary)}`;
      if (!symptoms.has(s)) edge('NOT_HAS_SYMPTOM', cid, s);
    }
    const triggers = new Set<number>();
    for (let k = 0; k < 2; k++) triggers.add(skewed(n.triggers, 2));
    for (const t of triggers) edge('ASSOCIATED_WITH', cid, `trig-${t}`);
    const treatments = new Set<number>();
    for (let k = 0; k < 2; k++) treatments.add(skewed(n.treatments, 2));
    for (const t of treatments) edge('TREATS', `treat-${t}`, cid);
    edge('AFFECTS_REGION', cid, `region-${skewed(n.bodyRegions, 1.5)}`);
    // Subtypes: one condition in ten (not the well-known three) is a subtype of an earlier one.
    if (c > 3 && c % 10 === 0) edge('SUBCLASS_OF', cid, `cond-${pick(c)}`);
  }
  for (let s = 0; s < n.symptoms; s++) edge('OCCURS_IN', symIds[s] as string, `region-${skewed(n.bodyRegions, 1.5)}`);
  return { nodes, edges };
}

/** Parses `10k`, `100k`, `1m`, `2500`. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`size "${text}": use a number such as 10k, 100k, 1m or 2500`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * factor);
}
