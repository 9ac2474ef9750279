/**
 * The HPO as a graph in memory: live terms, how old ids resolve (alt_id, obsolete replaced_by), the
 * top-level branch each term belongs to, ancestor sets, and the information content of each term
 * over the annotated diseases.
 */
import type { OboTerm } from './obo';

export const HPO_ROOT = 'HP:0000001';

/**
 * The branch of the ontology a term lies in. Only `phenotype` (and `past_medical_history`) terms are
 * symptoms in the ordinary sense; inheritance and clinical course/modifier terms describe a disease.
 * Listed from the most specific root: Clinical course lies inside Clinical modifier.
 */
export const CATEGORY_ROOTS = [
  { root: 'HP:0031797', category: 'clinical_course', aspect: 'C' },
  { root: 'HP:0000118', category: 'phenotype', aspect: 'P' },
  { root: 'HP:0000005', category: 'inheritance', aspect: 'I' },
  { root: 'HP:0012823', category: 'clinical_modifier', aspect: 'M' },
  { root: 'HP:0032443', category: 'past_medical_history', aspect: 'H' },
  { root: 'HP:0040279', category: 'frequency', aspect: undefined },
  { root: 'HP:0032223', category: 'blood_group', aspect: undefined },
  { root: 'HP:0020228', category: 'biospecimen', aspect: undefined },
] as const;
export type HpoCategory = (typeof CATEGORY_ROOTS)[number]['category'] | 'root';

/** Roots whose descendants the HPOA columns onset, frequency and modifier must use. */
export const ONSET_ROOT = 'HP:0003674';
export const FREQUENCY_ROOT = 'HP:0040279';
export const MODIFIER_ROOT = 'HP:0012823';

export type Resolution = { id: string; via: 'live' | 'alt_id' | 'replaced_by' } | { id?: undefined; via: 'obsolete' | 'unknown' };

export class Ontology {
  readonly terms: OboTerm[];
  readonly byId = new Map<string, number>();
  /** alt_id -> live id */
  readonly altIds = new Map<string, string>();
  /** obsolete id -> its term (replaced_by, consider) */
  readonly obsolete = new Map<string, OboTerm>();
  private readonly ancestorCache: Array<Int32Array | undefined>;
  private readonly parents: number[][];

  constructor(allTerms: readonly OboTerm[]) {
    this.terms = allTerms.filter((term) => !term.obsolete);
    this.terms.forEach((term, i) => this.byId.set(term.id, i));
    for (const term of allTerms) if (term.obsolete) this.obsolete.set(term.id, term);
    for (const term of this.terms) for (const alt of term.altIds) if (!this.byId.has(alt)) this.altIds.set(alt, term.id);
    this.parents = this.terms.map((term) => term.isA.map((p) => this.byId.get(p)).filter((p): p is number => p !== undefined));
    this.ancestorCache = new Array(this.terms.length);
  }

  term(id: string): OboTerm | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.terms[i];
  }

  /** A live id for `id`: itself, the term holding it as alt_id, or the single replacement of an obsolete term. */
  resolve(id: string): Resolution {
    if (this.byId.has(id)) return { id, via: 'live' };
    const alt = this.altIds.get(id);
    if (alt) return { id: alt, via: 'alt_id' };
    const old = this.obsolete.get(id);
    if (old) {
      const target = old.replacedBy.length === 1 ? old.replacedBy[0] : undefined;
      return target && this.byId.has(target) ? { id: target, via: 'replaced_by' } : { via: 'obsolete' };
    }
    return { via: 'unknown' };
  }

  /** Indexes of the term and all its ancestors (is_a closure), memoised; cycles are cut. */
  ancestorsOf(index: number): Int32Array {
    const cached = this.ancestorCache[index];
    if (cached) return cached;
    const out = new Set<number>([index]);
    const stack = [...(this.parents[index] ?? [])];
    while (stack.length > 0) {
      const p = stack.pop() as number;
      if (out.has(p)) continue;
      const known = this.ancestorCache[p];
      if (known) for (const a of known) out.add(a);
      else {
        out.add(p);
        stack.push(...(this.parents[p] ?? []));
      }
    }
    const result = Int32Array.from(out);
    this.ancestorCache[index] = result;
    return result;
  }

  /** Whether `id` is `ancestorId` or lies below it. */
  isA(id: string, ancestorId: string): boolean {
    const i = this.byId.get(id);
    const a = this.byId.get(ancestorId);
    return i !== undefined && a !== undefined && this.ancestorsOf(i).includes(a);
  }

  categoryOf(id: string): HpoCategory {
    const i = this.byId.get(id);
    if (i === undefined) return 'root';
    const ancestors = this.ancestorsOf(i);
    for (const { root, category } of CATEGORY_ROOTS) {
      const r = this.byId.get(root);
      if (r !== undefined && ancestors.includes(r)) return category;
    }
    return 'root';
  }

  /**
   * Information content of each term: IC(t) = -ln(n_t / N), where N is the number of diseases with
   * at least one positive annotation and n_t the number of those annotated with t or any descendant
   * of t (annotations propagate to ancestors: a disease with "Fasciculations" also has "Involuntary
   * movements"). Terms no disease reaches get no value. Negated annotations do not count.
   */
  informationContent(annotations: Iterable<{ disease: string; termId: string }>): { ic: Map<string, number>; diseases: number } {
    const perDisease = new Map<string, number[]>();
    for (const { disease, termId } of annotations) {
      const i = this.byId.get(termId);
      if (i === undefined) continue;
      const list = perDisease.get(disease);
      if (list) list.push(i);
      else perDisease.set(disease, [i]);
    }
    // Count each ancestor once per disease: `stamp` remembers the last disease that counted it.
    const counts = new Int32Array(this.terms.length);
    const stamp = new Int32Array(this.terms.length).fill(-1);
    let d = 0;
    for (const list of perDisease.values()) {
      for (const i of list) {
        for (const a of this.ancestorsOf(i)) {
          if (stamp[a] === d) continue;
          stamp[a] = d;
          counts[a] = (counts[a] ?? 0) + 1;
        }
      }
      d += 1;
    }
    const n = perDisease.size;
    const ic = new Map<string, number>();
    counts.forEach((count, i) => {
      if (count > 0) ic.set((this.terms[i] as OboTerm).id, roundIc(-Math.log(count / n)));
    });
    return { ic, diseases: n };
  }
}

function roundIc(value: number): number {
  // -0 for the root; 6 decimals keep the property small and stable across runs.
  return Math.round(value * 1e6) / 1e6 + 0;
}
