import fs from 'node:fs';
import path from 'node:path';
import { LocalNeo4jError } from './errors';
import { LOOPBACK } from './ports';

export interface ConfInput {
  instanceDir: string;
  boltPort: number;
  /** Page cache size, e.g. "1g". */
  pageCache: string;
  /** Heap size, e.g. "1g" (recorded in the conf for reference; the JVM flags are what apply). */
  heap: string;
  /** Further neo4j.conf settings, written last so they win. */
  settings?: Readonly<Record<string, string>>;
}

const MEMORY_SIZE = /^\d+[kmg]?$/i;

/** Throws unless `value` is a size such as 512m or 2g. */
export function assertMemorySize(option: string, value: string): void {
  if (!MEMORY_SIZE.test(value)) {
    throw new LocalNeo4jError('INVALID_OPTION', `Cannot start the local Neo4j: ${option}=${JSON.stringify(value)} is not a memory size; use a whole number with k, m or g, such as 512m or 2g.`);
  }
}

/** Where each of Neo4j's folders lives inside the instance folder. */
export function instanceDirectories(instanceDir: string) {
  return {
    conf: path.join(instanceDir, 'conf'),
    data: path.join(instanceDir, 'data'),
    logs: path.join(instanceDir, 'logs'),
    run: path.join(instanceDir, 'run'),
    plugins: path.join(instanceDir, 'plugins'),
    import: path.join(instanceDir, 'import'),
  };
}

/**
 * The neo4j.conf of a local instance: Bolt on loopback only without TLS, HTTP and HTTPS off, every
 * folder inside the instance folder, no usage reporting, and a quick Bolt shutdown.
 */
export function renderNeo4jConf(input: ConfInput): string {
  assertMemorySize('pageCache', input.pageCache);
  assertMemorySize('heap', input.heap);
  const dirs = instanceDirectories(input.instanceDir);
  const settings: Array<[string, string]> = [
    ['server.default_listen_address', LOOPBACK],
    ['server.default_advertised_address', LOOPBACK],
    ['server.bolt.enabled', 'true'],
    ['server.bolt.listen_address', `${LOOPBACK}:${input.boltPort}`],
    ['server.bolt.advertised_address', `${LOOPBACK}:${input.boltPort}`],
    ['server.bolt.tls_level', 'DISABLED'],
    ['server.http.enabled', 'false'],
    ['server.https.enabled', 'false'],
    ['dbms.security.auth_enabled', 'true'],
    ['server.directories.data', dirs.data],
    ['server.directories.transaction.logs.root', path.join(dirs.data, 'transactions')],
    ['server.directories.dumps.root', path.join(dirs.data, 'dumps')],
    ['server.directories.logs', dirs.logs],
    ['server.directories.run', dirs.run],
    ['server.directories.plugins', dirs.plugins],
    ['server.directories.import', dirs.import],
    ['server.memory.heap.initial_size', input.heap],
    ['server.memory.heap.max_size', input.heap],
    ['server.memory.pagecache.size', input.pageCache],
    ['dbms.usage_report.enabled', 'false'],
    // Netty's graceful shutdown otherwise waits 10 s on a stop with nothing left to do.
    ['internal.dbms.bolt.netty_server_shutdown_quiet_period', '0'],
    ['internal.dbms.bolt.netty_server_shutdown_timeout', '2s'],
    ['internal.server.bolt.connection_shutdown_wait_time', '1s'],
    ['internal.server.bolt.thread_pool_shutdown_wait_time', '1s'],
    ...Object.entries(input.settings ?? {}),
  ];
  const merged = new Map<string, string>();
  for (const [key, value] of settings) {
    if (/[\r\n=]/.test(key) || /[\r\n]/.test(value)) {
      throw new LocalNeo4jError('INVALID_OPTION', `Cannot start the local Neo4j: the neo4j.conf setting ${JSON.stringify(key)} has a line break or "=" in its name or value.`);
    }
    merged.set(key, value);
  }
  const lines = [...merged].map(([key, value]) => `${key}=${value}`);
  return `# Written by condition-graph (src/local-neo4j/conf.ts) on every start; edits here are overwritten.\n${lines.join('\n')}\n`;
}

/** The Bolt port a neo4j.conf listens on, if it names one. */
export function parseBoltPort(confText: string): number | undefined {
  const match = /^server\.bolt\.listen_address=.*:(\d+)\s*$/m.exec(confText);
  const port = match ? Number(match[1]) : NaN;
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

export const confFilePath = (instanceDir: string): string => path.join(instanceDirectories(instanceDir).conf, 'neo4j.conf');

/** The Bolt port this instance was configured with last time, if any. */
export function previousBoltPort(instanceDir: string): number | undefined {
  try {
    return parseBoltPort(fs.readFileSync(confFilePath(instanceDir), 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeNeo4jConf(input: ConfInput): void {
  const dirs = instanceDirectories(input.instanceDir);
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(confFilePath(input.instanceDir), renderNeo4jConf(input));
}

/**
 * The JVM flags for the server: a fixed heap, plus the flags Neo4j's own launcher adds (the entry
 * point is run directly, so nothing else adds them).
 */
export function jvmArguments(heap: string): string[] {
  assertMemorySize('heap', heap);
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
  ];
}
