/** Why the local Neo4j could not be started; each code has one cause and one fix. */
export type LocalNeo4jErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_TOO_OLD'
  | 'MAVEN_MISSING'
  | 'JAR_RESOLVE_FAILED'
  | 'JARS_BROKEN'
  | 'PORT_IN_USE'
  | 'PASSWORD_LOST'
  | 'SET_PASSWORD_FAILED'
  | 'EXITED_DURING_START'
  | 'START_TIMEOUT'
  | 'LOCKED'
  | 'INVALID_OPTION';

/** The ways around the local Neo4j, offered at the end of every message. */
export const ALTERNATIVES =
  'Alternatively, set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to use an existing Neo4j 5 server, or run `docker compose up`.';

/**
 * A start of the local Neo4j that failed: `message` is one paragraph saying what happened and how to
 * fix it, followed by the last lines of the relevant log when they help.
 */
export class LocalNeo4jError extends Error {
  readonly code: LocalNeo4jErrorCode;
  /** The last lines of Neo4j's (or Maven's) output, when they explain the failure. */
  readonly logTail: readonly string[];

  constructor(code: LocalNeo4jErrorCode, paragraph: string, details: { logTail?: readonly string[]; logFile?: string; cause?: unknown } = {}) {
    const logTail = details.logTail ?? [];
    const tailText = logTail.length > 0 ? `\n\nLast ${logTail.length} lines of ${details.logFile ?? 'the output'}:\n${logTail.join('\n')}` : '';
    super(`${paragraph}${tailText}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LocalNeo4jError';
    this.code = code;
    this.logTail = logTail;
  }
}

/** The last `count` non-empty lines of a text. */
export function lastLines(text: string, count = 20): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-count);
}
