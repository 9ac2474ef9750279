import { spawnSync } from 'node:child_process';
import { ALTERNATIVES, LocalNeo4jError, lastLines } from './errors';

/** Neo4j 5.26 runs on Java 17 or 21. */
export const MIN_JAVA_MAJOR = 17;

const INSTALL_JAVA = 'Install Java 17 or newer (for example `sudo apt-get install openjdk-17-jre-headless`, or any JDK 17/21 on PATH).';

/**
 * The major version in `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_292"` → 8. Undefined when there is no version string.
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

export interface JavaInfo {
  command: string;
  major: number;
  /** The first line of `java -version`, for the progress log. */
  description: string;
}

/** Checks that `javaCommand` runs and is Java 17+, or throws a LocalNeo4jError saying how to fix it. */
export function checkJava(javaCommand: string): JavaInfo {
  const result = spawnSync(javaCommand, ['-version'], { encoding: 'utf8', timeout: 30_000, env: process.env });
  if (result.error) {
    const reason = (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? `\`${javaCommand}\` was not found on PATH` : `\`${javaCommand} -version\` failed (${result.error.message})`;
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      `Cannot start the local Neo4j: it needs a Java runtime, but ${reason}. ${INSTALL_JAVA} ${ALTERNATIVES}`,
      { cause: result.error },
    );
  }
  const output = `${result.stderr}\n${result.stdout}`;
  const major = parseJavaMajorVersion(output);
  if (major === undefined || result.status !== 0) {
    throw new LocalNeo4jError(
      'JAVA_MISSING',
      `Cannot start the local Neo4j: \`${javaCommand} -version\` did not report a Java version (exit code ${String(result.status)}). ${INSTALL_JAVA} ${ALTERNATIVES}`,
      { logTail: lastLines(output, 5), logFile: `\`${javaCommand} -version\`` },
    );
  }
  const description = lastLines(output, 50)[0] ?? `Java ${major}`;
  if (major < MIN_JAVA_MAJOR) {
    throw new LocalNeo4jError(
      'JAVA_TOO_OLD',
      `Cannot start the local Neo4j: Neo4j 5.26 needs Java ${MIN_JAVA_MAJOR} or newer, but \`${javaCommand}\` is Java ${major} (${description}). ${INSTALL_JAVA} Put the newer \`java\` first on PATH. ${ALTERNATIVES}`,
    );
  }
  return { command: javaCommand, major, description };
}
