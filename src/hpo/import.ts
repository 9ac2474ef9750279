/**
 * `import:hpo`: read + check both files, map them (joining the article's entities by xref), validate
 * the records with the shared validator, and load them through the shared loader (src/ingest/load.ts:
 * one all-or-nothing transaction, MERGE in UNWIND batches, replacing what owner `hpo` had before).
 * A second, small transaction then writes what the neutral records do not carry: the HPO properties
 * of each term's node (hpoId, altIds, hpoSynonyms, hpoSynonymTypes, hpoCategory, ic) and the
 * `(:Release {source: 'hpo'})` node. The Release node is written last, so it only ever names a
 * release whose import completed; re-running the import completes an interrupted one.
 */
import type { Database } from '../db';
import { ENTITY_LABEL, isKind } from '../domain/model';
import { bumpRelease } from '../domain/releases';
import { ensureSchema, loadGraph, type LoadOptions, type LoadResult } from '../ingest/load';
import { ValidationFailed, validateGraph, type ValidationIssue } from '../ingest/validate';
import type { Logger } from '../logger';
import { HPO_OWNER, mapHpo, type ExistingEntity, type HpoRelease, type JoinReport, type MappedHpo, type TermProps } from './map';
import { readHpo } from './read';

export const RELEASE_LABEL = 'Release' as const;
/** Node properties written by the HPO import besides the neutral record's (see docs/hpo.md). */
export const HPO_TERM_PROPERTIES = ['hpoId', 'altIds', 'hpoSynonyms', 'hpoSynonymTypes', 'hpoCategory', 'ic'] as const;

export interface ImportHpoOptions extends Pick<LoadOptions, 'batchSize' | 'failAfterBatches' | 'onProgress'> {}

export interface ImportHpoResult {
  release: HpoRelease;
  counts: MappedHpo['counts'];
  joins: JoinReport;
  records: { nodes: number; edges: number };
  load: LoadResult;
  warnings: ValidationIssue[];
  aspectMismatches: Partial<Record<string, number>>;
  seconds: { read: number; map: number; validate: number; load: number; props: number; total: number };
}

/** Entities of other owners, for joins (by xref) and for validating edges that end at them. */
export async function existingEntities(db: Database): Promise<ExistingEntity[]> {
  const rows = await db.read<{ id: string; kind: string; xrefs: string[] | null }>(
    `MATCH (n:${ENTITY_LABEL}) WHERE n.owner <> $owner RETURN n.id AS id, n.kind AS kind, n.xrefs AS xrefs`,
    { owner: HPO_OWNER },
  );
  return rows.flatMap((row) => (isKind(row.kind) ? [{ id: row.id, kind: row.kind, xrefs: row.xrefs ?? [] }] : []));
}

/**
 * The shared validator, minus one rule that does not fit HPO evidence: "same source and quote" is a
 * duplicate for the article's quotes, but HPO evidence has no quote and one reference may support an
 * annotation several times with different frequency/onset/sex (rows of phenotype.hpoa). Entries that
 * are identical in every field were already merged by mapHpo.
 */
export function validateHpoRecords(mapped: MappedHpo, existing: readonly ExistingEntity[], file: string): ValidationIssue[] {
  const issues = validateGraph(mapped.input, { existing: new Map(existing.map((e) => [e.id, e.kind])), defaultFile: file });
  return issues.filter((issue) => !issue.message.startsWith('duplicate evidence (same source'));
}

export async function importHpo(db: Database, path: string, log: Logger, options: ImportHpoOptions = {}): Promise<ImportHpoResult> {
  const started = Date.now();
  const lap = (() => {
    let last = started;
    return () => {
      const now = Date.now();
      const seconds = (now - last) / 1000;
      last = now;
      return seconds;
    };
  })();

  log.info({ path }, 'hpo: reading and checking hp.obo and phenotype.hpoa');
  const data = await readHpo(path);
  const read = lap();
  for (const warning of data.check.warnings) log.warn({ ...warning }, 'hpo: warning');

  const existing = await existingEntities(db);
  const mapped = mapHpo(data.obo, data.hpoa, data.ontology, existing);
  const map = lap();
  log.info({ ...mapped.counts, nodes: mapped.input.nodes.length, relationships: mapped.input.edges.length, joins: mapped.joins }, 'hpo: mapped');

  const issues = validateHpoRecords(mapped, existing, data.files.hpoa);
  if (issues.length > 0) throw new ValidationFailed(issues);
  const validate = lap();

  await ensureSchema(db);
  const load = await loadGraph(db, mapped.input, {
    replaceOwner: HPO_OWNER,
    releaseSource: 'hpo',
    batchSize: options.batchSize,
    failAfterBatches: options.failAfterBatches,
    onProgress: options.onProgress ?? ((p) => log.info({ ...p }, `hpo: ${p.phase} ${p.group} ${p.done}/${p.total}`)),
  });
  const loadSeconds = lap();

  await writeTermProps(db, mapped.terms, mapped.release);
  const props = lap();
  return {
    release: mapped.release,
    counts: mapped.counts,
    joins: mapped.joins,
    records: { nodes: mapped.input.nodes.length, edges: mapped.input.edges.length },
    load,
    warnings: data.check.warnings,
    aspectMismatches: data.check.aspectMismatches,
    seconds: { read, map, validate, load: loadSeconds, props, total: (Date.now() - started) / 1000 },
  };
}

/**
 * HPO properties of every term's node (including article nodes an HPO term joined), removed first
 * from nodes that no longer stand for a term; then the Release node. One transaction.
 */
export async function writeTermProps(db: Database, terms: readonly TermProps[], release: HpoRelease, batchSize = 10_000): Promise<void> {
  const ids = terms.map((t) => t.id);
  const remove = HPO_TERM_PROPERTIES.map((p) => `n.${p}`).join(', ');
  await db.write(async (tx) => {
    await tx.run(`MATCH (n:${ENTITY_LABEL}) WHERE n.hpoId IS NOT NULL AND NOT n.id IN $ids REMOVE ${remove}`, { ids });
    for (let from = 0; from < terms.length; from += batchSize) {
      const rows = terms.slice(from, from + batchSize).map((t) => ({
        id: t.id,
        hpoId: t.hpoId,
        altIds: t.altIds,
        hpoSynonyms: t.synonyms,
        hpoSynonymTypes: t.synonymTypes,
        hpoCategory: t.hpoCategory,
        ic: t.ic ?? null,
      }));
      await tx.run(
        `UNWIND $rows AS row MATCH (n:${ENTITY_LABEL} {id: row.id})
         SET n.hpoId = row.hpoId, n.altIds = row.altIds, n.hpoSynonyms = row.hpoSynonyms,
             n.hpoSynonymTypes = row.hpoSynonymTypes, n.hpoCategory = row.hpoCategory, n.ic = row.ic`,
        { rows },
      );
    }
    await tx.run(`MERGE (r:${RELEASE_LABEL} {source: $release.source}) SET r = $release`, { release: { ...release } });
    await bumpRelease(tx, 'hpo');
  });
}

/** The recorded HPO release, if an import completed. */
export async function hpoRelease(db: Database): Promise<HpoRelease | undefined> {
  const [row] = await db.read<{ r: HpoRelease }>(`MATCH (r:${RELEASE_LABEL} {source: 'hpo'}) RETURN r`);
  return row?.r;
}
