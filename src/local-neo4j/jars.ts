import fs from 'node:fs';
import path from 'node:path';
import { ALTERNATIVES, LocalNeo4jError, lastLines } from './errors';
import { acquireLock } from './lock';
import { runCommand } from './run';

/** Written into the jar folder after a complete resolve; a folder without a matching one is not trusted. */
export const MARKER_FILE = '.resolved.json';

export interface JarFolderMarker {
  neo4jVersion: string;
  jarCount: number;
  totalBytes: number;
  resolvedAt: string;
}

export type JarFolderState =
  | { usable: true; marker: JarFolderMarker }
  | { usable: false; exists: boolean; reason: string };

/** The Neo4j version the pom asks for (its `neo4j.version` property). */
export function pomNeo4jVersion(pomPath: string): string {
  const match = /<neo4j\.version>\s*([^<\s]+)\s*<\/neo4j\.version>/.exec(fs.readFileSync(pomPath, 'utf8'));
  if (!match?.[1]) throw new Error(`${pomPath} has no <neo4j.version> property`);
  return match[1];
}

function listJars(dir: string): { count: number; totalBytes: number; names: string[] } {
  const names = fs.readdirSync(dir).filter((name) => name.endsWith('.jar'));
  const totalBytes = names.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  return { count: names.length, totalBytes, names };
}

function readMarker(libDir: string): JarFolderMarker | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(libDir, MARKER_FILE), 'utf8')) as Partial<JarFolderMarker>;
    if (typeof parsed.neo4jVersion === 'string' && typeof parsed.jarCount === 'number' && typeof parsed.totalBytes === 'number') {
      return { neo4jVersion: parsed.neo4jVersion, jarCount: parsed.jarCount, totalBytes: parsed.totalBytes, resolvedAt: String(parsed.resolvedAt ?? '') };
    }
  } catch {
    // no marker or unreadable: not usable
  }
  return undefined;
}

/** Whether `libDir` holds exactly the jars a previous complete resolve of `version` left there. */
export function inspectJarFolder(libDir: string, version: string): JarFolderState {
  if (!fs.existsSync(libDir)) return { usable: false, exists: false, reason: 'it does not exist yet' };
  const marker = readMarker(libDir);
  if (!marker) return { usable: false, exists: true, reason: `it has no ${MARKER_FILE} (an interrupted or foreign resolve)` };
  if (marker.neo4jVersion !== version) return { usable: false, exists: true, reason: `it holds Neo4j ${marker.neo4jVersion}, not ${version}` };
  const jars = listJars(libDir);
  if (jars.count !== marker.jarCount || jars.totalBytes !== marker.totalBytes) {
    return {
      usable: false,
      exists: true,
      reason: `it has ${jars.count} jars (${jars.totalBytes} bytes) where the resolve left ${marker.jarCount} (${marker.totalBytes} bytes)`,
    };
  }
  if (!jars.names.includes(`neo4j-server-${version}.jar`)) return { usable: false, exists: true, reason: `neo4j-server-${version}.jar is missing` };
  return { usable: true, marker };
}

export interface EnsureJarsOptions {
  libDir: string;
  pomPath: string;
  mavenCommand: string;
  log: (line: string) => void;
}

export interface JarFolder {
  libDir: string;
  neo4jVersion: string;
  jarCount: number;
  /** True when Maven ran in this call; false when the folder was re-used. */
  resolved: boolean;
}

/**
 * Makes sure `libDir` holds the Neo4j server's jars: re-uses a complete folder, otherwise resolves
 * them with Maven into a temporary folder that replaces `libDir` only once complete.
 */
export async function ensureJars(options: EnsureJarsOptions): Promise<JarFolder> {
  const version = pomNeo4jVersion(options.pomPath);
  const check = (): JarFolderState => inspectJarFolder(options.libDir, version);
  const first = check();
  if (first.usable) return { libDir: options.libDir, neo4jVersion: version, jarCount: first.marker.jarCount, resolved: false };

  const release = await acquireLock(`${options.libDir}.lock`, { timeoutMs: 15 * 60_000, what: `the jar folder ${options.libDir}` });
  try {
    const state = check(); // another process may have resolved it while we waited for the lock
    if (state.usable) return { libDir: options.libDir, neo4jVersion: version, jarCount: state.marker.jarCount, resolved: false };
    if (state.exists) options.log(`The Neo4j jar folder ${options.libDir} is not usable (${state.reason}); resolving it again.`);
    const marker = await resolveWithMaven(options, version, state);
    return { libDir: options.libDir, neo4jVersion: version, jarCount: marker.jarCount, resolved: true };
  } finally {
    release();
  }
}

async function resolveWithMaven(options: EnsureJarsOptions, version: string, state: Extract<JarFolderState, { usable: false }>): Promise<JarFolderMarker> {
  const partial = `${options.libDir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(options.libDir), { recursive: true });
  const started = Date.now();
  options.log(`Resolving Neo4j ${version} server jars with Maven into ${options.libDir} (first start only; about 120 MB)…`);
  const args = ['-q', '-B', '-f', options.pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`];
  const ticker = setInterval(() => {
    const count = fs.existsSync(partial) ? fs.readdirSync(partial).length : 0;
    options.log(`  still resolving after ${Math.round((Date.now() - started) / 1000)} s, ${count} jars so far…`);
  }, 5000);
  try {
    const { code, output, spawnError } = await runCommand(options.mavenCommand, args);
    if (spawnError) {
      const missing = spawnError.code === 'ENOENT';
      const what = missing ? `\`${options.mavenCommand}\` was not found on PATH` : `\`${options.mavenCommand}\` could not be run (${spawnError.message})`;
      if (state.exists) {
        throw new LocalNeo4jError(
          'JARS_BROKEN',
          `Cannot start the local Neo4j: its jar folder ${options.libDir} is broken (${state.reason}) and Maven, needed to repair it, is not available: ${what}. Install Maven (for example \`sudo apt-get install maven\`) so the jars can be resolved again, or restore the folder. ${ALTERNATIVES}`,
          { cause: spawnError },
        );
      }
      throw new LocalNeo4jError(
        'MAVEN_MISSING',
        `Cannot start the local Neo4j: its server jars are resolved from Maven Central with Maven on first start, but ${what}. Install Maven (for example \`sudo apt-get install maven\`, together with Java 17+: \`openjdk-17-jre-headless\`). ${ALTERNATIVES}`,
        { cause: spawnError },
      );
    }
    if (code !== 0) {
      throw new LocalNeo4jError(
        'JAR_RESOLVE_FAILED',
        `Cannot start the local Neo4j: Maven could not resolve the Neo4j ${version} jars (\`${options.mavenCommand} ${args.join(' ')}\` exited with code ${String(code)}). Check the network connection to Maven Central (or the proxy/mirror in ~/.m2/settings.xml) and try again. ${ALTERNATIVES}`,
        { logTail: lastLines(output), logFile: 'Maven output' },
      );
    }
    const jars = listJars(partial);
    const marker: JarFolderMarker = { neo4jVersion: version, jarCount: jars.count, totalBytes: jars.totalBytes, resolvedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(partial, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    fs.rmSync(options.libDir, { recursive: true, force: true });
    fs.renameSync(partial, options.libDir);
    const check = inspectJarFolder(options.libDir, version);
    if (!check.usable) {
      throw new LocalNeo4jError('JARS_BROKEN', `Cannot start the local Neo4j: Maven finished but the jar folder ${options.libDir} is not usable (${check.reason}). Delete the folder and start again. ${ALTERNATIVES}`);
    }
    options.log(`Resolved ${jars.count} jars (${Math.round(jars.totalBytes / 1e6)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return marker;
  } finally {
    clearInterval(ticker);
    fs.rmSync(partial, { recursive: true, force: true });
  }
}
