import { loadConfig } from '../config';
import { Database } from '../db';
import { exitOnConfigError } from '../app/exit-on-config-error';
import { createLogger } from '../logger';
import { BulkImportError, bulkImport } from '../ingest/bulk/import';
import { UsageError, printCounts } from '../ingest/cli-support';
import { mapAndValidateKgx } from '../ingest/import-kgx';
import { graphCounts } from '../ingest/read-graph';
import { startLocalNeo4j, type LocalNeo4jHandle, type LocalNeo4jOptions } from '../local-neo4j';

/**
 * `npm run import -- --bulk FILE`: maps and validates the KGX file first (nothing is started or written
 * when it is invalid), then bulk-imports it into the project's local Neo4j, which must be empty.
 */
export async function bulkImportKgx(body: unknown, file: string, options: { skipUnmapped: boolean }): Promise<void> {
  const config = exitOnConfigError(loadConfig);
  if (config.neo4j) {
    throw new UsageError(
      '--bulk works on the project\'s own local Neo4j only (it stops the server, runs neo4j-admin database import, and starts it again), but NEO4J_URI is set. Unset NEO4J_URI to use the local one (LOCAL_NEO4J_DIR), or drop --bulk for the transactional import into that server.',
    );
  }
  const logger = createLogger(config.logLevel);
  // An empty database: nothing it already holds can be referenced.
  const mapped = mapAndValidateKgx(body, new Map(), logger, { skipUnmapped: options.skipUnmapped, fileName: file });
  process.stdout.write(`${file} is valid: ${mapped.input.nodes.length} nodes, ${mapped.input.edges.length} relationships\n`);
  const start: LocalNeo4jOptions = {
    instanceDir: config.localNeo4j.instanceDir,
    heap: config.localNeo4j.heap,
    pageCache: config.localNeo4j.pageCache,
    log: (line: string) => logger.info(`local neo4j: ${line}`),
  };
  let handle: LocalNeo4jHandle = await startLocalNeo4j(start);
  try {
    const result = await bulkImport(mapped.input, { handle, start, log: (line) => logger.info(`bulk import: ${line}`) });
    handle = result.handle;
    const t = result.timings;
    process.stdout.write(
      `bulk-imported ${file}: ${result.nodes} nodes and ${result.relationships} relationships in ${(t.totalMs / 1000).toFixed(1)} s ` +
        `(CSV ${(t.csvMs / 1000).toFixed(1)} s, neo4j-admin ${(t.importMs / 1000).toFixed(1)} s, restart ${(t.startMs / 1000).toFixed(1)} s, indexes ${(t.schemaMs / 1000).toFixed(1)} s)\n`,
    );
    if (mapped.createdSources.length > 0) process.stdout.write(`Source entities created for cited publications: ${mapped.createdSources.join(', ')}\n`);
    for (const [name, n] of Object.entries(mapped.unmappedCategories)) process.stdout.write(`SKIPPED category ${name}: ${n} node(s)\n`);
    for (const [name, n] of Object.entries(mapped.unmappedPredicates)) process.stdout.write(`SKIPPED predicate ${name}: ${n} edge(s)\n`);
    const db = new Database(handle, { database: handle.database, queryTimeoutMs: config.queryTimeoutMs });
    try {
      printCounts(await graphCounts(db));
    } finally {
      await db.close();
    }
  } catch (error) {
    if (error instanceof BulkImportError && error.handle) handle = error.handle;
    throw error;
  } finally {
    await handle.stop();
  }
}
