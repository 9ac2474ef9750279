/**
 * HPO files -> the loader's neutral GraphInput (see docs/hpo.md for the mapping and why):
 * - each live term -> a Symptom (id HP:…), is_a -> SUBCLASS_OF (child -> parent);
 * - each HPOA disease -> a Condition (id OMIM:… / ORPHA:… / DECIPHER:…);
 * - each annotation row -> evidence on HAS_SYMPTOM (NOT rows: NOT_HAS_SYMPTOM), one piece of evidence
 *   per reference, carrying evidence code, frequency, onset, sex, modifier and biocuration;
 * - each reference -> a Source (PMID:…, ISBN…, URLs; a disease record cited as reference gets `ref:`
 *   before its CURIE so it does not clash with the Condition of the same id);
 * - joins with entities of other owners (the article): an HPO term that an existing Symptom lists
 *   among its xrefs IS that Symptom (no second node; the HPO edges attach to it); an HPOA disease that
 *   an existing Condition lists among its xrefs is linked to it with SUBCLASS_OF (equivalent concepts
 *   are subclasses of each other), and so are the curated links of CURATED_LINKS.
 * Node properties the neutral records do not carry (alt ids, synonym types, category, information
 * content) and the release are returned separately as `terms` and `release` (written by ./load.ts).
 */
import { type EdgeRecord, type Evidence, type GraphInput, type Kind, type NodeRecord, type RelType, CURIE, edgeId } from '../domain/model';
import type { HpoaDocument, HpoaRow } from './hpoa';
import { oboVersion, type OboDocument } from './obo';
import type { HpoCategory, Ontology } from './ontology';

export const HPO_OWNER = 'hpo';
/** The ontology (hp.obo) and the annotation file (phenotype.hpoa) as Sources. */
export const HPO_ONTOLOGY_SOURCE = 'infores:hp';
export const HPO_ANNOTATIONS_SOURCE = 'infores:hpo-annotations';
export const HPO_LICENSE_URL_DEFAULT = 'https://hpo.jax.org/app/license';

/**
 * Links between HPOA diseases and the article's conditions that no xref states, each with its basis.
 * `parentXref` is resolved to the existing entity holding that xref (the article's `als` holds
 * ORPHA:803), or to the HPOA disease of that id when no such entity exists.
 */
export const CURATED_LINKS: ReadonlyArray<{ disease: string; parentXref: string; basis: string }> = [
  {
    disease: 'OMIM:105400',
    parentXref: 'ORPHA:803',
    basis: 'OMIM:105400 is "Amyotrophic lateral sclerosis 1" (ALS1), a genetic form of amyotrophic lateral sclerosis',
  },
];

/** An entity of another owner (the article's seed, a KGX import) that HPO data may join. */
export interface ExistingEntity {
  id: string;
  kind: Kind;
  xrefs: readonly string[];
}

/** HPO-specific properties of a term's node (also for article nodes an HPO term joined). */
export interface TermProps {
  id: string;
  hpoId: string;
  altIds: string[];
  /** Parallel to the HPO synonyms: `EXACT`, `EXACT layperson`, `RELATED abbreviation`, ... */
  synonyms: string[];
  synonymTypes: string[];
  hpoCategory: HpoCategory;
  /** Information content over the annotated diseases; absent when no disease reaches the term. */
  ic?: number;
}

export interface HpoRelease {
  source: 'hpo';
  /** The release date, e.g. 2025-01-16 (hp.obo's owl:versionInfo / data-version). */
  version: string;
  ontologyVersion: string;
  annotationsVersion: string;
  license: string;
  /** How many diseases the information content was computed over. */
  icDiseases: number;
}

export interface JoinReport {
  /** HPO term -> existing Symptom id. */
  symptoms: Array<{ hpoId: string; id: string }>;
  /** HPOA disease -> existing Condition it is linked to. */
  conditions: Array<{ disease: string; id: string; via: 'xref' | 'curated' }>;
  /** HPO ids listed as xref by more than one existing entity: not joined. */
  ambiguous: string[];
}

export interface MappedHpo {
  input: GraphInput;
  terms: TermProps[];
  release: HpoRelease;
  joins: JoinReport;
  counts: {
    terms: number;
    obsoleteTerms: number;
    isA: number;
    annotations: number;
    negatedAnnotations: number;
    diseases: number;
    references: number;
    /** Rows whose hpo_id was an alt_id or an obsolete id with one replacement. */
    resolvedAltIds: number;
    resolvedObsolete: number;
    /** Evidence entries identical to another one of the same relationship (dropped). */
    duplicateEvidence: number;
  };
}

export function hpoVersions(obo: OboDocument, hpoa: HpoaDocument): { ontology: string; annotations: string } {
  return { ontology: oboVersion(obo.header) ?? 'unknown', annotations: hpoa.header.version ?? 'unknown' };
}

const DISEASE_REF = /^(OMIM|ORPHA|DECIPHER):/;

/** The Source id of a reference string of the HPOA `reference` column. */
export function referenceSourceId(reference: string): string {
  return DISEASE_REF.test(reference) ? `ref:${reference}` : reference;
}

function referenceUrl(reference: string): string | undefined {
  const [prefix, local = ''] = splitCurie(reference);
  if (prefix === 'PMID' && /^\d+$/.test(local)) return `https://pubmed.ncbi.nlm.nih.gov/${local}/`;
  if (prefix === 'OMIM' && /^\d+$/.test(local)) return `https://omim.org/entry/${local}`;
  if (prefix === 'ORPHA' && /^\d+$/.test(local)) return `https://www.orpha.net/en/disease/detail/${local}`;
  if (prefix === 'http' || prefix === 'https') return reference;
  return undefined;
}

function splitCurie(value: string): [string, string | undefined] {
  const at = value.indexOf(':');
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

function uniq(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function baseEvidence(source: string, agentType: Evidence['agentType']): Evidence {
  return { source, quote: '', knowledgeLevel: 'knowledge_assertion', agentType, owner: HPO_OWNER };
}

/** Maps parsed and validated HPO files to records; `existing` are entities of other owners. */
export function mapHpo(obo: OboDocument, hpoa: HpoaDocument, ontology: Ontology, existing: readonly ExistingEntity[] = []): MappedHpo {
  const versions = hpoVersions(obo, hpoa);
  const nodes: NodeRecord[] = [];
  const edges = new Map<string, EdgeRecord>();
  let duplicateEvidence = 0;
  const addEdge = (type: RelType, subject: string, object: string, evidence: Evidence) => {
    const id = edgeId(subject, type, object);
    const edge = edges.get(id);
    if (!edge) {
      edges.set(id, { type, subject, object, owner: HPO_OWNER, evidence: [evidence] });
    } else if (edge.evidence.some((other) => sameEvidence(other, evidence))) {
      duplicateEvidence += 1;
    } else {
      edge.evidence.push(evidence);
    }
  };

  // Joins: which existing entity stands for an HPO term or an HPOA disease.
  const byXref = new Map<string, ExistingEntity[]>();
  for (const entity of existing) for (const xref of entity.xrefs) byXref.set(xref, [...(byXref.get(xref) ?? []), entity]);
  const joins: JoinReport = { symptoms: [], conditions: [], ambiguous: [] };
  const joinedOf = (curie: string, kind: Kind): ExistingEntity | undefined => {
    const candidates = (byXref.get(curie) ?? []).filter((entity) => entity.kind === kind);
    if (candidates.length > 1) joins.ambiguous.push(curie);
    return candidates.length === 1 ? candidates[0] : undefined;
  };
  const termNodeId = new Map<string, string>();
  for (const term of ontology.terms) {
    const joined = joinedOf(term.id, 'Symptom');
    termNodeId.set(term.id, joined?.id ?? term.id);
    if (joined) joins.symptoms.push({ hpoId: term.id, id: joined.id });
  }
  const nodeIdOfTerm = (hpoId: string): string => termNodeId.get(hpoId) ?? hpoId;

  // Sources: the two files, and every reference.
  const license = obo.header.license ?? HPO_LICENSE_URL_DEFAULT;
  const year = Number(versions.ontology.slice(0, 4));
  nodes.push({
    id: HPO_ONTOLOGY_SOURCE,
    kind: 'Source',
    name: `Human Phenotype Ontology (hp.obo, release ${versions.ontology})`,
    aliases: ['HPO', 'hp.obo'],
    description: `The Human Phenotype Ontology, release ${versions.ontology}, used unaltered under its licence (${license}).`,
    xrefs: [],
    owner: HPO_OWNER,
    title: 'Human Phenotype Ontology',
    publisher: 'Human Phenotype Ontology Consortium; Monarch Initiative',
    ...(Number.isInteger(year) && year >= 1000 ? { year } : {}),
    url: 'https://hpo.jax.org/',
  });
  nodes.push({
    id: HPO_ANNOTATIONS_SOURCE,
    kind: 'Source',
    name: `HPO disease annotations (phenotype.hpoa, release ${versions.annotations})`,
    aliases: ['phenotype.hpoa', 'HPOA'],
    description: `HPO annotations for rare diseases, release ${versions.annotations}, used unaltered under the HPO licence (${license}).`,
    xrefs: [],
    owner: HPO_OWNER,
    title: 'HPO annotations for rare diseases',
    publisher: 'Human Phenotype Ontology Consortium; Monarch Initiative',
    url: 'https://hpo.jax.org/',
  });
  const references = new Set<string>();
  const addReference = (reference: string) => {
    if (references.has(reference)) return;
    references.add(reference);
    const url = referenceUrl(reference);
    nodes.push({
      id: referenceSourceId(reference),
      kind: 'Source',
      name: reference,
      aliases: [],
      xrefs: [],
      owner: HPO_OWNER,
      ...(url ? { url } : {}),
    });
  };

  // Terms and the hierarchy.
  let isA = 0;
  const terms: TermProps[] = [];
  for (const term of ontology.terms) {
    const id = nodeIdOfTerm(term.id);
    const synonyms = uniq(term.synonyms.map((s) => s.text.trim()).filter(Boolean));
    if (id === term.id) {
      nodes.push({
        id,
        kind: 'Symptom',
        name: term.name,
        aliases: synonyms,
        ...(term.definition?.trim() ? { description: term.definition.trim() } : {}),
        xrefs: uniq(term.xrefs.filter((x) => CURIE.test(x))),
        owner: HPO_OWNER,
      });
    }
    terms.push({
      id,
      hpoId: term.id,
      altIds: term.altIds,
      synonyms: term.synonyms.map((s) => s.text),
      synonymTypes: term.synonyms.map((s) => (s.type ? `${s.scope} ${s.type}` : s.scope)),
      hpoCategory: ontology.categoryOf(term.id),
    });
    for (const parent of term.isA) {
      const resolved = ontology.resolve(parent);
      if (!resolved.id) continue; // reported by validation
      isA += 1;
      addEdge('SUBCLASS_OF', id, nodeIdOfTerm(resolved.id), baseEvidence(HPO_ONTOLOGY_SOURCE, 'manual_agent'));
    }
  }

  // Diseases and annotations.
  const names = new Map<string, Map<string, number>>();
  let resolvedAltIds = 0;
  let resolvedObsolete = 0;
  let negated = 0;
  const positive: Array<{ disease: string; termId: string }> = [];
  for (const row of hpoa.rows) {
    const resolved = ontology.resolve(row.hpoId);
    if (!resolved.id) continue; // reported by validation
    if (resolved.via === 'alt_id') resolvedAltIds += 1;
    if (resolved.via === 'replaced_by') resolvedObsolete += 1;
    let counts = names.get(row.diseaseId);
    if (!counts) names.set(row.diseaseId, (counts = new Map()));
    counts.set(row.diseaseName, (counts.get(row.diseaseName) ?? 0) + 1);
    if (row.negated) negated += 1;
    else positive.push({ disease: row.diseaseId, termId: resolved.id });
    const type: RelType = row.negated ? 'NOT_HAS_SYMPTOM' : 'HAS_SYMPTOM';
    for (const reference of row.references) {
      addReference(reference);
      addEdge(type, row.diseaseId, nodeIdOfTerm(resolved.id), annotationEvidence(row, reference));
    }
  }
  for (const [disease, counts] of names) {
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
    nodes.push({ id: disease, kind: 'Condition', name: ranked[0] as string, aliases: ranked.slice(1), xrefs: [], owner: HPO_OWNER });
  }

  // Links to the article's conditions: by xref (equivalent) and curated.
  const diseaseName = (disease: string) => [...(names.get(disease)?.keys() ?? [])][0] ?? disease;
  for (const disease of names.keys()) {
    const joined = joinedOf(disease, 'Condition');
    if (!joined) continue;
    joins.conditions.push({ disease, id: joined.id, via: 'xref' });
    addReference(disease);
    addEdge('SUBCLASS_OF', disease, joined.id, { ...baseEvidence(referenceSourceId(disease), 'manual_agent'), quote: diseaseName(disease) });
  }
  for (const link of CURATED_LINKS) {
    if (!names.has(link.disease)) continue;
    const parent = joinedOf(link.parentXref, 'Condition')?.id ?? (names.has(link.parentXref) ? link.parentXref : undefined);
    if (!parent) continue;
    joins.conditions.push({ disease: link.disease, id: parent, via: 'curated' });
    addReference(link.disease);
    addEdge('SUBCLASS_OF', link.disease, parent, { ...baseEvidence(referenceSourceId(link.disease), 'manual_agent'), quote: diseaseName(link.disease) });
  }

  const { ic, diseases: icDiseases } = ontology.informationContent(positive);
  for (const props of terms) {
    const value = ic.get(props.hpoId);
    if (value !== undefined) props.ic = value;
  }

  return {
    input: { nodes, edges: [...edges.values()] },
    terms,
    release: {
      source: 'hpo',
      version: versions.ontology,
      ontologyVersion: versions.ontology,
      annotationsVersion: versions.annotations,
      license,
      icDiseases,
    },
    joins,
    counts: {
      terms: ontology.terms.length,
      obsoleteTerms: ontology.obsolete.size,
      isA,
      annotations: hpoa.rows.length,
      negatedAnnotations: negated,
      diseases: names.size,
      references: references.size,
      resolvedAltIds,
      resolvedObsolete,
      duplicateEvidence,
    },
  };
}

/** Identical in every field (the same row listed twice, or the same reference listed twice in a row). */
export function sameEvidence(a: Evidence, b: Evidence): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Evidence>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

function annotationEvidence(row: HpoaRow, reference: string): Evidence {
  const evidence: Evidence = {
    ...baseEvidence(referenceSourceId(reference), row.evidence === 'IEA' ? 'automated_agent' : 'manual_agent'),
    code: row.evidence,
    curation: row.biocuration,
  };
  if (row.frequency) evidence.frequency = row.frequency;
  if (row.onset) evidence.onset = row.onset;
  if (row.sex) evidence.sex = row.sex;
  if (row.modifiers.length > 0) evidence.modifier = row.modifiers.join(';');
  return evidence;
}
