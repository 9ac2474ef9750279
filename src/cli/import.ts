/**
 * `npm run import -- FILE [--skip-unmapped]`: loads a KGX JSON file, all or nothing (one transaction).
 * `npm run import -- --bulk FILE [--skip-unmapped]`: the same file into an EMPTY local database through
 * `neo4j-admin database import` (src/ingest/bulk): much faster for large graphs; refuses a non-empty database.
 */
import fs from 'node:fs';
import { withDatabase } from '../app/with-database';
import { importKgx } from '../ingest/import-kgx';
import { graphCounts } from '../ingest/read-graph';
import { printCounts, runCli, UsageError } from '../ingest/cli-support';
import { bulkImportKgx } from './import-bulk';

const args = process.argv.slice(2);
const skipUnmapped = args.includes('--skip-unmapped');
const bulk = args.includes('--bulk');
const file = args.find((arg) => !arg.startsWith('--'));

runCli(async () => {
  if (file === undefined) throw new UsageError('usage: npm run import -- [--bulk] FILE.json [--skip-unmapped]');
  let body: unknown;
  try {
    body = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (bulk) return bulkImportKgx(body, file, { skipUnmapped });
  await withDatabase(async (db, log) => {
    const result = await importKgx(db, body, log, { skipUnmapped, fileName: file });
    const { report } = result;
    process.stdout.write(`imported ${file}: ${result.nodes} nodes and ${result.edges} relationships written\n`);
    if (result.nodesOwnedByOthers + result.edgesOwnedByOthers > 0) {
      process.stdout.write(`left as they were (owned by another owner): ${result.nodesOwnedByOthers} nodes, ${result.edgesOwnedByOthers} relationships\n`);
    }
    if (report.createdSources.length > 0) process.stdout.write(`Source entities created for cited publications: ${report.createdSources.join(', ')}\n`);
    for (const [name, n] of Object.entries(report.unmappedCategories)) process.stdout.write(`SKIPPED category ${name}: ${n} node(s)\n`);
    for (const [name, n] of Object.entries(report.unmappedPredicates)) process.stdout.write(`SKIPPED predicate ${name}: ${n} edge(s)\n`);
    if (report.edgesWithUnimportedEnd > 0) process.stdout.write(`SKIPPED edges whose end was not imported: ${report.edgesWithUnimportedEnd}\n`);
    printCounts(await graphCounts(db));
  });
});
