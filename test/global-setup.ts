import { startLocalNeo4j, stopOnExit, type LocalNeo4jHandle } from '../src/local-neo4j';

/** The parts of Jest's global config this setup looks at (Jest 30 shapes, read defensively). */
export interface SelectedTests {
  selectProjects?: readonly string[];
  testPathPatterns?: { patterns?: readonly string[] } | readonly string[];
}

declare global {
  // The jest globalSetup and globalTeardown modules run in separate contexts of the same process.
  var __LOCAL_NEO4J__: { handle: LocalNeo4jHandle; unregister: () => void; privateDir?: string } | undefined;
}

const UNIT_PATH = /(^|[\\/])test[\\/]unit([\\/]|$)/;

/**
 * Whether the selected tests need a Neo4j: not when only the `unit` project is selected, nor when
 * every test path pattern points into test/unit. Anything else (including no selection) does.
 */
export function needsNeo4j(config: SelectedTests): boolean {
  const projects = config.selectProjects ?? [];
  if (projects.length > 0 && !projects.some((name) => name !== 'unit')) return false;
  const raw = config.testPathPatterns;
  const patterns = Array.isArray(raw) ? (raw as readonly string[]) : ((raw as { patterns?: readonly string[] } | undefined)?.patterns ?? []);
  return !(patterns.length > 0 && patterns.every((pattern) => UNIT_PATH.test(pattern)));
}

/**
 * Gives the integration and e2e tests a real Neo4j: the server named by NEO4J_URI when set,
 * otherwise the project's own test instance (.neo4j/test, or LOCAL_NEO4J_TEST_DIR; separate from the dev
 * data), whose credentials are put into process.env for the test workers.
 */
export default async function globalSetup(globalConfig: SelectedTests): Promise<void> {
  if (process.env.NEO4J_URI) {
    process.stderr.write(`\n[global-setup] Using the Neo4j at NEO4J_URI=${process.env.NEO4J_URI}.\n`);
    return;
  }
  if (!needsNeo4j(globalConfig)) return;
  process.stderr.write('\n');
  const start = (instanceDir: string) =>
    startLocalNeo4j({
      instanceDir,
      heap: process.env.LOCAL_NEO4J_HEAP ?? '512m',
      pageCache: process.env.LOCAL_NEO4J_PAGECACHE ?? '512m',
      log: (line) => process.stderr.write(`[local-neo4j:test] ${line}\n`),
    });
  let handle = await start(process.env.LOCAL_NEO4J_TEST_DIR ?? '.neo4j/test');
  let privateDir: string | undefined;
  if (!handle.owned) {
    // Another live test run owns that server and will stop it, and its tests wipe data: never share it.
    privateDir = `.neo4j/test-run-${process.pid}`;
    process.stderr.write(`[local-neo4j:test] ${handle.instanceDir} is in use by another test run; using ${privateDir}.\n`);
    handle = await start(privateDir);
  }
  const unregister = stopOnExit(handle);
  globalThis.__LOCAL_NEO4J__ = { handle, unregister, privateDir };
  process.env.NEO4J_URI = handle.uri;
  process.env.NEO4J_USER = handle.user;
  process.env.NEO4J_PASSWORD = handle.password;
  process.env.NEO4J_DATABASE = handle.database;
}
