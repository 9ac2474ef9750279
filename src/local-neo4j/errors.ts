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
  | 'DATABASE_UNRECOVERABLE'
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

/** A debug.log entry's first line: `2026-12-07 19:36:25.745+0000 ERROR [o.n.m.DatabaseHealth] ...`. */
const LOG_ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d{4} +([A-Z]+) /;
/** A stack frame, or the "... 12 more" that shortens a chain of them. */
const STACK_FRAME = /^\s+(at |\.\.\. \d+ more)/;

/**
 * What a Neo4j debug.log says went wrong: each ERROR entry with its exception headlines ("Caused by:"
 * lines included) but without stack frames; the last `count` of those lines. A database that fails
 * to start (a failed recovery, say) keeps the server up and writes why only here, not to the console.
 */
export function errorLines(text: string, count = 20): string[] {
  const picked: string[] = [];
  let inError = false;
  for (const line of text.split(/\r?\n/)) {
    const entry = LOG_ENTRY.exec(line);
    if (entry) inError = entry[1] === 'ERROR';
    if (inError && line.trim() !== '' && !STACK_FRAME.test(line)) picked.push(line);
  }
  return picked.slice(-count);
}

/**
 * debug.log entries after which the database does not come up without someone's help (a recovery that
 * cannot finish, a panic): the server then stays "Starting..." with Bolt closed. Checked against 5.26.
 */
const FATAL_START_ENTRY = / ERROR +\[o\.n\.(k\.r\.Recovery|m\.DatabaseHealth)\]/;

/** The first of these debug.log lines (errorLines) that means the start cannot succeed, if any. */
export function fatalStartError(lines: readonly string[]): string | undefined {
  return lines.find((line) => FATAL_START_ENTRY.test(line));
}
