import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from '../../db';
import { ENTITY_LABEL, type GraphInput } from '../../domain/model';
import { bumpRelease } from '../../domain/releases';
import { deleteDatabaseFiles, lastLines, runNeo4jAdmin, startLocalNeo4j, type LocalNeo4jHandle, type LocalNeo4jOptions } from '../../local-neo4j';
import { deriveNameSearch, ensureSchema } from '../load';
import { BLANK_MARKER, EMPTY_MARKER, writeBulkCsv, type BulkFiles } from './csv';

/**
 * The bulk path for an EMPTY local database: the validated graph is written as CSV, the local server
 * is stopped, `neo4j-admin database import full` builds the store offline, the server is started
 * again, list values the CSV cannot carry are restored, and the schema (constraints, indexes) is
 * created and populated. Same nodes, labels, relationship types and properties as loadGraph writes.
 *
 * loadGraph stays the path for everything else (adding to a database, replacing one owner's data,
 * remote servers): this one replaces the whole database and needs the project's own local Neo4j.
 */

export interface BulkImportOptions {
  /** The running local server; it must be owned by this process (it is stopped and started again). */
  handle: LocalNeo4jHandle;
  /** The options it was started with: reused for neo4j-admin and for the restart. */
  start: LocalNeo4jOptions;
  /**
   * Allow replacing a database that is not empty (its data is lost). Default false: a non-empty
   * database is refused and left as it is.
   */
  replaceExisting?: boolean;
  /** Where the CSV files go (default <instance>/import/bulk-<pid>); removed afterwards unless keepFiles. */
  workDir?: string;
  keepFiles?: boolean;
  /** `--max-off-heap-memory` of the importer (default 25%, of the machine's free memory). */
  maxOffHeapMemory?: string;
  log?: (line: string) => void;
  /** For tests: extra arguments for the importer (e.g. to make it fail). */
  extraImporterArgs?: string[];
}

/** Milliseconds of each step of the importer, as it reports them. */
export interface ImporterPhases {
  nodeImportMs?: number;
  relationshipImportMs?: number;
  relationshipLinkingMs?: number;
  postProcessingMs?: number;
  /** "IMPORT DONE in …" */
  totalMs?: number;
}

export interface BulkImportResult {
  /** The restarted server: use this one from now on (the old handle's process is gone). */
  handle: LocalNeo4jHandle;
  nodes: number;
  relationships: number;
  arrayDelimiter: string;
  csvBytes: number;
  phases: ImporterPhases;
  /** Wall-clock milliseconds of each step of bulkImport and of the whole call. */
  timings: { csvMs: number; stopMs: number; importMs: number; startMs: number; restoreListsMs: number; schemaMs: number; totalMs: number };
}

export type BulkImportErrorCode = 'NOT_LOCAL_OWNER' | 'NOT_EMPTY' | 'IMPORT_FAILED' | 'COUNT_MISMATCH';

export class BulkImportError extends Error {
  constructor(
    readonly code: BulkImportErrorCode,
    message: string,
    /** When the server was restarted after a failure: the handle to use (and stop). */
    readonly handle?: LocalNeo4jHandle,
  ) {
    super(message);
    this.name = 'BulkImportError';
  }
}

/** Parses "1m 2s 34ms", "384ms", "1h 2m 3s 4ms" into milliseconds. */
export function parseImporterDuration(text: string): number | undefined {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let found = false;
  for (const match of text.matchAll(/(\d+)(ms|h|m|s)(?![a-z])/g)) {
    total += Number(match[1]) * (units[match[2] as string] as number);
    found = true;
  }
  return found ? total : undefined;
}

/** The phase durations in the importer's output (Neo4j 5.26: "Node import COMPLETED in 1s 158ms", …). */
export function parseImporterPhases(output: string): ImporterPhases {
  const phase = (name: string) => {
    const match = new RegExp(`^${name} COMPLETED in ([^\\n]+)$`, 'm').exec(output);
    return match ? parseImporterDuration(match[1] as string) : undefined;
  };
  const done = /IMPORT DONE in ([^\n.]+)/.exec(output);
  return {
    nodeImportMs: phase('Node import'),
    relationshipImportMs: phase('Relationship import'),
    relationshipLinkingMs: phase('Relationship linking'),
    postProcessingMs: phase('Post processing'),
    totalMs: done ? parseImporterDuration(done[1] as string) : undefined,
  };
}

/** More bad entries than this end the importer at once (each one fails the bulk import anyway). */
const BAD_TOLERANCE = 1000;

/** The last lines of the importer's output without its progress dots. */
export function importerTail(output: string, count = 25): string[] {
  const noise = [/^[.\s]*\d+% ∆/, /^\s+at /, /^\s*\.\.\. \d+ more/];
  return lastLines(output.split('\n').filter((line) => !noise.some((re) => re.test(line))).join('\n'), count);
}

/** The first lines of the importer's report of bad entries, if it wrote one. */
function readReport(file: string, count = 10): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').slice(0, count);
  } catch {
    return [];
  }
}

function openDb(handle: LocalNeo4jHandle): Database {
  return new Database(handle, { database: handle.database, queryTimeoutMs: 600_000 });
}

async function countAll(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [nodes] = await db.read<{ n: number }>('MATCH (n) RETURN count(n) AS n');
  const [rels] = await db.read<{ n: number }>('MATCH ()-[r]->() RETURN count(r) AS n');
  return { nodes: nodes?.n ?? 0, relationships: rels?.n ?? 0 };
}

/**
 * Cypher restoring `[]` and `['']` list values from the marker columns (see csv.ts), one statement
 * per node kind / relationship type that has any, in batches. Names come from the model's whitelist
 * (kind labels, relationship types) and the CSV headers (checked property names).
 */
export function restoreListStatements(marked: BulkFiles['marked']): string[] {
  const sets = (v: string, names: Set<string>) =>
    [...names]
      .sort()
      .map((name) => `${v}.${name} = CASE WHEN '${name}' IN coalesce(${v}.${EMPTY_MARKER}, []) THEN [] WHEN '${name}' IN coalesce(${v}.${BLANK_MARKER}, []) THEN [''] ELSE ${v}.${name} END`)
      .join(', ');
  const statements: string[] = [];
  for (const [kind, names] of marked.nodes) {
    statements.push(
      `MATCH (n:${ENTITY_LABEL}:${kind}) WHERE n.${EMPTY_MARKER} IS NOT NULL OR n.${BLANK_MARKER} IS NOT NULL
       CALL (n) { SET ${sets('n', names)} REMOVE n.${EMPTY_MARKER}, n.${BLANK_MARKER} } IN TRANSACTIONS OF 20000 ROWS`,
    );
  }
  for (const [type, names] of marked.relationships) {
    statements.push(
      `MATCH ()-[r:${type}]->() WHERE r.${EMPTY_MARKER} IS NOT NULL OR r.${BLANK_MARKER} IS NOT NULL
       CALL (r) { SET ${sets('r', names)} REMOVE r.${EMPTY_MARKER}, r.${BLANK_MARKER} } IN TRANSACTIONS OF 20000 ROWS`,
    );
  }
  return statements;
}

/**
 * Loads a VALIDATED graph into the empty local database through `neo4j-admin database import full`.
 * Refuses (BulkImportError NOT_EMPTY, nothing changed) when the database holds any node, unless
 * `replaceExisting`. If the importer fails, the database is left empty, the server runs again and the
 * error (IMPORT_FAILED, with `handle` set) ends with the tail of the importer's output.
 */
export async function bulkImport(input: GraphInput, options: BulkImportOptions): Promise<BulkImportResult> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const { handle } = options;
  const instanceDir = handle.instanceDir;
  if (!handle.owned) {
    throw new BulkImportError(
      'NOT_LOCAL_OWNER',
      `The bulk import must stop and restart the local Neo4j in ${instanceDir}, but another process (it started that server, e.g. a running \`npm start\`) owns it. Stop that process first, or use the transactional import (npm run import without --bulk).`,
    );
  }
  const db = openDb(handle);
  let existing: { nodes: number; relationships: number };
  try {
    existing = await countAll(db);
  } finally {
    await db.close();
  }
  if ((existing.nodes > 0 || existing.relationships > 0) && !options.replaceExisting) {
    throw new BulkImportError(
      'NOT_EMPTY',
      `The bulk import only loads an empty database, and the one in ${instanceDir} holds ${existing.nodes} nodes and ${existing.relationships} relationships (left unchanged). Use the transactional import (npm run import without --bulk), which adds to what is there; or, to replace everything, empty the database first (or start over with a new LOCAL_NEO4J_DIR).`,
    );
  }

  const workDir = path.resolve(options.workDir ?? path.join(instanceDir, 'import', `bulk-${process.pid}`));
  const reportFile = path.join(workDir, 'import.report');
  const timings = { csvMs: 0, stopMs: 0, importMs: 0, startMs: 0, restoreListsMs: 0, schemaMs: 0, totalMs: 0 };
  try {
    let t = performance.now();
    log(`Writing ${input.nodes.length} nodes and ${input.edges.length} relationships as CSV into ${workDir}…`);
    const files = writeBulkCsv(input, workDir);
    timings.csvMs = performance.now() - t;
    log(`CSV written in ${(timings.csvMs / 1000).toFixed(1)} s (${(files.bytes / 2 ** 20).toFixed(0)} MiB, array delimiter ${JSON.stringify(files.arrayDelimiter)}).`);

    t = performance.now();
    await handle.stop();
    timings.stopMs = performance.now() - t;

    t = performance.now();
    const args = [
      'database',
      'import',
      'full',
      handle.database,
      '--overwrite-destination=true',
      '--multiline-fields=true',
      `--array-delimiter=${files.arrayDelimiter}`,
      // Bad entries (a relationship to a missing node, a duplicate id) go to the report file, which
      // fails the bulk import below: the importer alone would only say "Error in input data".
      '--skip-bad-relationships=true',
      '--skip-duplicate-nodes=true',
      `--bad-tolerance=${BAD_TOLERANCE}`,
      `--max-off-heap-memory=${options.maxOffHeapMemory ?? '25%'}`,
      `--report-file=${reportFile}`,
      ...files.nodes.map((spec) => `--nodes=${spec}`),
      ...files.relationships.map((spec) => `--relationships=${spec}`),
      ...(options.extraImporterArgs ?? []),
    ];
    log(`Running neo4j-admin database import full ${handle.database} (${files.nodes.length} node files, ${files.relationships.length} relationship files)…`);
    const run = await runNeo4jAdmin(options.start, args);
    timings.importMs = performance.now() - t;
    fs.mkdirSync(path.join(instanceDir, 'logs'), { recursive: true });
    const logFile = path.join(instanceDir, 'logs', 'neo4j-admin-import.log');
    fs.writeFileSync(logFile, run.output);
    const badEntries = readReport(reportFile);
    if (run.spawnError || run.code !== 0 || badEntries.length > 0) {
      // Whatever the importer left behind goes; the next start creates the database anew, empty.
      deleteDatabaseFiles(instanceDir, handle.database);
      const restarted = await startLocalNeo4j(options.start);
      const why = run.spawnError ? run.spawnError.message : run.code !== 0 ? `exit code ${String(run.code)}` : 'it reported bad entries';
      throw new BulkImportError(
        'IMPORT_FAILED',
        `neo4j-admin database import failed (${why}); the database in ${instanceDir} is now empty and the server runs again (full output: ${logFile}).` +
          (badEntries.length > 0 ? `\nBad entries it reported:\n${badEntries.join('\n')}` : '') +
          `\nLast lines of its output:\n${importerTail(run.output).join('\n')}`,
        restarted,
      );
    }
    const phases = parseImporterPhases(run.output);

    t = performance.now();
    const restarted = await startLocalNeo4j(options.start);
    timings.startMs = performance.now() - t;
    const after = openDb(restarted);
    try {
      t = performance.now();
      for (const statement of restoreListStatements(files.marked)) await after.writeInBatches(statement);
      timings.restoreListsMs = performance.now() - t;
      t = performance.now();
      // The importer writes no derived property: `nameSearch` is derived here, in Cypher (ensureSchema
      // would too, but as a release of its own; this import makes one release, below).
      await deriveNameSearch(after);
      await ensureSchema(after);
      timings.schemaMs = performance.now() - t;
      const counts = await countAll(after);
      if (counts.nodes !== files.nodeCount || counts.relationships !== files.relationshipCount) {
        throw new BulkImportError(
          'COUNT_MISMATCH',
          `After the bulk import the database holds ${counts.nodes} nodes and ${counts.relationships} relationships, but ${files.nodeCount} and ${files.relationshipCount} were written.`,
          restarted,
        );
      }
      // The importer writes files, not transactions: the release is made once the graph is complete.
      await after.write((tx) => bumpRelease(tx, 'bulk'));
    } finally {
      await after.close();
    }
    timings.totalMs = performance.now() - t0;
    return { handle: restarted, nodes: files.nodeCount, relationships: files.relationshipCount, arrayDelimiter: files.arrayDelimiter, csvBytes: files.bytes, phases, timings };
  } finally {
    if (!options.keepFiles) fs.rmSync(workDir, { recursive: true, force: true });
  }
}
