import fs from 'node:fs';
import path from 'node:path';
import { boltUri, portAcceptsConnections, probeBolt, type BoltProbe } from './bolt';
import { jvmArguments, previousBoltPort, writeNeo4jConf } from './conf';
import { ALTERNATIVES, LocalNeo4jError, errorLines, fatalStartError, lastLines } from './errors';
import { createHandle, type LocalNeo4jHandle } from './handle';
import { checkJava } from './java';
import { ensureJars, pomNeo4jVersion } from './jars';
import { acquireLock } from './lock';
import { ensurePassword, NEO4J_USER, readPasswordFile } from './password';
import { findNeo4jProcessesOfInstance, isNeo4jOfInstance, readPidFile, removePidFile, writePidFile, type PidRecord } from './pid-file';
import { chooseBoltPort, portInUseError } from './ports';
import { consoleLogPath, debugLogPath, spawnNeo4j, stopProcess } from './process';
import { isProcessAlive, sleep } from './process-info';

export interface LocalNeo4jOptions {
  /** The instance folder (conf, data, logs, password); a relative path is taken from the project root. */
  instanceDir: string;
  /** A fixed Bolt port; it must be free. Default: the port used last time if free, else any free port. */
  boltPort?: number;
  /** JVM heap, e.g. "1g" (default). */
  heap?: string;
  /** Page cache, e.g. "1g" (default). */
  pageCache?: string;
  /** Extra neo4j.conf settings, written after the defaults. */
  settings?: Readonly<Record<string, string>>;
  /** Progress lines; default: stderr with a "[local-neo4j]" prefix. */
  log?: (line: string) => void;
  /** How long a new server may take to answer on Bolt (default 120 s). */
  startTimeoutMs?: number;
  /** How long a server found running from this folder may take to answer before it is stopped (default 20 s). */
  reuseTimeoutMs?: number;
  /** How long a stopping server gets before SIGKILL (default 20 s). */
  stopGraceMs?: number;
  /** Default "java" (from PATH). */
  javaCommand?: string;
  /** Default "mvn" (from PATH). */
  mavenCommand?: string;
  /** Where the server jars are kept; default <project>/.neo4j/lib. */
  libDir?: string;
  /** The pom listing the server jars; default src/local-neo4j/pom.xml. */
  pomPath?: string;
}

const POM_RELATIVE = path.join('src', 'local-neo4j', 'pom.xml');

/** The repository root: the nearest folder above this file that holds src/local-neo4j/pom.xml (works from dist/ too). */
export function findProjectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, POM_RELATIVE))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const defaultLog = (line: string): void => {
  process.stderr.write(`[local-neo4j] ${line}\n`);
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Resolved {
  instanceDir: string;
  libDir: string;
  pomPath: string;
  heap: string;
  pageCache: string;
  log: (line: string) => void;
  startTimeoutMs: number;
  reuseTimeoutMs: number;
  stopGraceMs: number;
  javaCommand: string;
  mavenCommand: string;
}

function resolveOptions(options: LocalNeo4jOptions): Resolved {
  const root = findProjectRoot();
  return {
    instanceDir: path.resolve(root, options.instanceDir),
    libDir: path.resolve(root, options.libDir ?? path.join('.neo4j', 'lib')),
    pomPath: path.resolve(root, options.pomPath ?? POM_RELATIVE),
    heap: options.heap ?? '1g',
    pageCache: options.pageCache ?? '1g',
    log: options.log ?? defaultLog,
    startTimeoutMs: options.startTimeoutMs ?? 120_000,
    reuseTimeoutMs: options.reuseTimeoutMs ?? 20_000,
    stopGraceMs: options.stopGraceMs ?? 20_000,
    javaCommand: options.javaCommand ?? 'java',
    mavenCommand: options.mavenCommand ?? 'mvn',
  };
}

/**
 * Starts the project's own Neo4j 5.26 Community server from an instance folder — or re-uses the one
 * already running from it — and resolves once it answers on Bolt with the instance's credentials.
 * Throws a LocalNeo4jError that says what to do when it cannot.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4jHandle> {
  const started = Date.now();
  const o = resolveOptions(options);
  fs.mkdirSync(o.instanceDir, { recursive: true });
  const release = await acquireLock(path.join(o.instanceDir, 'start.lock'), {
    timeoutMs: o.startTimeoutMs + o.reuseTimeoutMs + o.stopGraceMs + 15 * 60_000,
    what: `the Neo4j instance folder ${o.instanceDir}`,
  });
  try {
    const running = await reuseOrStopRunning(o, options.boltPort);
    if (running) return running;
    return await startNew(o, options, started);
  } finally {
    release();
  }
}

async function startNew(o: Resolved, options: LocalNeo4jOptions, started: number): Promise<LocalNeo4jHandle> {
  const java = checkJava(o.javaCommand);
  const jars = await ensureJars({ libDir: o.libDir, pomPath: o.pomPath, mavenCommand: o.mavenCommand, log: o.log });
  const jarsDone = Date.now();
  const boltPort = await chooseBoltPort({ requested: options.boltPort, previous: previousBoltPort(o.instanceDir) });
  writeNeo4jConf({ instanceDir: o.instanceDir, boltPort, heap: o.heap, pageCache: o.pageCache, settings: options.settings });
  const password = await ensurePassword({ instanceDir: o.instanceDir, javaCommand: o.javaCommand, libDir: o.libDir, log: o.log });
  o.log(`Starting Neo4j ${jars.neo4jVersion} (${java.description.trim()}) from ${o.instanceDir} on ${boltUri(boltPort)}, heap ${o.heap}, page cache ${o.pageCache}…`);

  const debugLogStart = fileSize(debugLogPath(o.instanceDir));
  const child = spawnNeo4j({ javaCommand: o.javaCommand, libDir: o.libDir, instanceDir: o.instanceDir, jvmArgs: jvmArguments(o.heap) });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.once('exit', (code, signal) => {
    exit = { code, signal };
  });
  child.once('error', () => {
    exit ??= { code: null, signal: null };
  });
  const pid = child.pid;
  if (pid === undefined) throw new LocalNeo4jError('EXITED_DURING_START', `Cannot start the local Neo4j: \`${o.javaCommand}\` could not be run. ${ALTERNATIVES}`);
  writePidFile(o.instanceDir, { pid, ownerPid: process.pid, boltPort, startedAt: new Date().toISOString() });

  const uri = boltUri(boltPort);
  try {
    await waitUntilReady({ o, pid, uri, password, boltPort, debugLogStart, exited: () => exit });
  } catch (error) {
    await stopProcess(pid, o.stopGraceMs);
    removePidFile(o.instanceDir, pid);
    throw error;
  }
  const now = Date.now();
  o.log(
    `Neo4j ${jars.neo4jVersion} is ready at ${uri} (pid ${pid}) after ${seconds(now - started)}` +
      (jars.resolved ? ` (resolving jars ${seconds(jarsDone - started)}, starting ${seconds(now - jarsDone)}).` : '.'),
  );
  return createHandle({
    uri,
    user: NEO4J_USER,
    password,
    database: 'neo4j',
    boltPort,
    pid,
    instanceDir: o.instanceDir,
    neo4jVersion: jars.neo4jVersion,
    reused: false,
    owned: true,
    stopGraceMs: o.stopGraceMs,
    log: o.log,
  });
}

interface ReadyInput {
  o: Resolved;
  pid: number;
  uri: string;
  password: string;
  boltPort: number;
  /** debug.log's size when this start began: only what this start logged can say why it failed. */
  debugLogStart: number;
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

function consoleTail(instanceDir: string): string[] {
  try {
    return lastLines(fs.readFileSync(consoleLogPath(instanceDir), 'utf8'));
  } catch {
    return [];
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** At most the last 4 MB of a file from `from` on ('' when it cannot be read). */
function readFrom(file: string, from: number): string {
  try {
    const size = fileSize(file);
    const start = size < from ? 0 : Math.max(from, size - 4 * 1024 * 1024); // a rotated log starts anew
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      return buffer.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/**
 * The log lines that say why this start failed: debug.log's errors since the start began (a database
 * that cannot recover reports only there), else the console's last lines.
 */
function failureLog(instanceDir: string, debugLogStart: number): { logTail: string[]; logFile: string } {
  const debugLog = debugLogPath(instanceDir);
  const errors = errorLines(readFrom(debugLog, debugLogStart));
  if (errors.length > 0) return { logTail: errors, logFile: `${debugLog} (its ERROR entries, without stack frames)` };
  return { logTail: consoleTail(instanceDir), logFile: consoleLogPath(instanceDir) };
}

async function waitUntilReady({ o, pid, uri, password, boltPort, debugLogStart, exited }: ReadyInput): Promise<void> {
  const deadline = Date.now() + o.startTimeoutMs;
  const logFile = consoleLogPath(o.instanceDir);
  const debugLog = debugLogPath(o.instanceDir);
  let debugLogChecked = debugLogStart;
  let lastNote = Date.now();
  for (;;) {
    const debugLogSize = fileSize(debugLog);
    if (debugLogSize !== debugLogChecked) {
      debugLogChecked = debugLogSize;
      const fatal = fatalStartError(errorLines(readFrom(debugLog, debugLogStart), 200));
      if (fatal !== undefined) {
        throw new LocalNeo4jError(
          'DATABASE_UNRECOVERABLE',
          `Cannot start the local Neo4j: its database in ${o.instanceDir} cannot start (${fatal.replace(/^.*?\] (\[[^\]]+\] )?/, '').replace(/\.$/, '')}), so the server was stopped. The store or its transaction logs are damaged or incomplete, and Neo4j will not start it as it is. If the folder holds data you need, restore it from a backup; otherwise delete ${path.join(o.instanceDir, 'data')} to start over with an empty database (this deletes its data). ${ALTERNATIVES}`,
          failureLog(o.instanceDir, debugLogStart),
        );
      }
    }
    let exit = exited();
    if (!exit && !isProcessAlive(pid)) {
      // Gone (or a zombie) before Node reported the exit: give the 'exit' event a moment for the code.
      for (let i = 0; i < 20 && !exited(); i++) await sleep(50);
      exit = exited() ?? { code: null, signal: null };
    }
    if (exit) {
      await sleep(100); // let the last lines reach the log file
      const logTail = consoleTail(o.instanceDir);
      if (logTail.some((line) => line.includes('Address already in use'))) {
        const error = portInUseError(boltPort, ' (Neo4j could not bind it: "Address already in use")');
        throw new LocalNeo4jError('PORT_IN_USE', error.message, { logTail, logFile });
      }
      const how = exit.signal ? `was ended by ${exit.signal}` : exit.code === null ? 'exited' : `exited with code ${exit.code}`;
      throw new LocalNeo4jError(
        'EXITED_DURING_START',
        `Cannot start the local Neo4j: the server ${how} while starting from ${o.instanceDir}. The log lines below usually say why; the full logs are in ${path.dirname(logFile)} (console.log, debug.log). Common causes are an invalid setting, heap ${o.heap} plus page cache ${o.pageCache} not fitting in memory, or a damaged jar folder (delete ${o.libDir} so it is resolved again). ${ALTERNATIVES}`,
        failureLog(o.instanceDir, debugLogStart),
      );
    }
    if (await portAcceptsConnections(boltPort)) {
      const probe = await probeBolt(uri, NEO4J_USER, password, Math.max(1000, Math.min(5000, deadline - Date.now())));
      if (probe === 'ok') return;
      if (probe === 'unauthorized') {
        throw new LocalNeo4jError(
          'PASSWORD_LOST',
          `Cannot start the local Neo4j: the server in ${o.instanceDir} started but rejected the password kept in ${path.join(o.instanceDir, 'password')}, so that file does not belong to this database. Restore the right password file, or delete the folder ${o.instanceDir} to start over with an empty database (this deletes its data). ${ALTERNATIVES}`,
        );
      }
    }
    if (Date.now() >= deadline) {
      throw new LocalNeo4jError(
        'START_TIMEOUT',
        `Cannot start the local Neo4j: the server did not answer on ${uri} within ${seconds(o.startTimeoutMs)}, so it was stopped. The machine may be busy or short of memory (heap ${o.heap}, page cache ${o.pageCache}); try again, allow more time (startTimeoutMs), or look at the logs in ${path.dirname(logFile)}. ${ALTERNATIVES}`,
        failureLog(o.instanceDir, debugLogStart),
      );
    }
    if (Date.now() - lastNote >= 10_000) {
      lastNote = Date.now();
      o.log(`  still starting (${seconds(Date.now() - deadline + o.startTimeoutMs)})…`);
    }
    await sleep(200);
  }
}

/** A server found running from the instance folder: through the pid file, else through /proc. */
function findRunning(instanceDir: string): PidRecord | undefined {
  const record = readPidFile(instanceDir);
  if (record && isNeo4jOfInstance(record.pid, instanceDir)) return record;
  if (record) removePidFile(instanceDir, record.pid);
  const [pid] = findNeo4jProcessesOfInstance(instanceDir);
  const boltPort = previousBoltPort(instanceDir);
  if (pid === undefined) return undefined;
  return { pid, ownerPid: 0, boltPort: boltPort ?? 0, startedAt: '' };
}

async function waitForAnswer(pid: number, boltPort: number, password: string, timeoutMs: number): Promise<BoltProbe> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isProcessAlive(pid) || boltPort === 0) return 'unreachable';
    if (await portAcceptsConnections(boltPort)) {
      const probe = await probeBolt(boltUri(boltPort), NEO4J_USER, password, Math.max(500, Math.min(5000, deadline - Date.now())));
      if (probe !== 'unreachable') return probe;
    }
    if (Date.now() >= deadline) return 'unreachable';
    await sleep(250);
  }
}

/**
 * Never starts a duplicate: a server already running from the instance folder (left by a killed
 * parent, or owned by another live process) is re-used when it answers with our password, and
 * stopped otherwise.
 */
async function reuseOrStopRunning(o: Resolved, requestedPort: number | undefined): Promise<LocalNeo4jHandle | undefined> {
  const found = findRunning(o.instanceDir);
  if (!found) return undefined;
  const ownerAlive = found.ownerPid > 0 && isProcessAlive(found.ownerPid);
  const password = readPasswordFile(o.instanceDir);
  o.log(
    `Found Neo4j already running from ${o.instanceDir} (pid ${found.pid}, ${ownerAlive ? `started by running process ${found.ownerPid}` : 'its starting process is gone'}); checking that it answers…`,
  );
  const answer = password === undefined ? 'unauthorized' : await waitForAnswer(found.pid, found.boltPort, password, o.reuseTimeoutMs);
  const portMatches = requestedPort === undefined || requestedPort === found.boltPort;
  if (answer === 'ok' && password !== undefined && portMatches) {
    const adopt = !ownerAlive;
    if (adopt) writePidFile(o.instanceDir, { ...found, ownerPid: process.pid });
    o.log(`Re-using the running Neo4j at ${boltUri(found.boltPort)}${adopt ? ' (this process now stops it on exit)' : ` (process ${found.ownerPid} stops it)`}.`);
    return createHandle({
      uri: boltUri(found.boltPort),
      user: NEO4J_USER,
      password,
      database: 'neo4j',
      boltPort: found.boltPort,
      pid: found.pid,
      instanceDir: o.instanceDir,
      neo4jVersion: pomNeo4jVersion(o.pomPath),
      reused: true,
      owned: adopt,
      stopGraceMs: o.stopGraceMs,
      log: o.log,
    });
  }
  const why = !portMatches ? `it listens on ${found.boltPort}, not the requested ${String(requestedPort)}` : answer === 'unauthorized' ? 'it rejected the stored password' : 'it did not answer on Bolt';
  if (ownerAlive && answer === 'ok') {
    throw new LocalNeo4jError(
      'PORT_IN_USE',
      `Cannot start the local Neo4j on port ${String(requestedPort)}: process ${found.ownerPid} is running it from ${o.instanceDir} on port ${found.boltPort}. Leave the port unset to share that server, or stop process ${found.ownerPid} first.`,
    );
  }
  o.log(`Stopping it (pid ${found.pid}): ${why}.`);
  await stopProcess(found.pid, o.stopGraceMs);
  removePidFile(o.instanceDir, found.pid);
  return undefined;
}
