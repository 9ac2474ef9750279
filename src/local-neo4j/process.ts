import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENTRY_POINT } from './pid-file';
import { isProcessAlive, sleep } from './process-info';
import { instanceDirectories } from './conf';

export const consoleLogPath = (instanceDir: string): string => path.join(instanceDirectories(instanceDir).logs, 'console.log');
/** Neo4j's own log: why a database failed to start or to apply a transaction is written only here. */
export const debugLogPath = (instanceDir: string): string => path.join(instanceDirectories(instanceDir).logs, 'debug.log');

export interface SpawnInput {
  javaCommand: string;
  libDir: string;
  instanceDir: string;
  jvmArgs: readonly string[];
}

/**
 * Starts `java … CommunityEntryPoint --console-mode` in its own process group, with stdout and
 * stderr going to H/logs/console.log (a file, so the server does not depend on our pipes and keeps
 * running — to be found through the pid file — if this process is killed).
 */
export function spawnNeo4j(input: SpawnInput): ChildProcess {
  const dirs = instanceDirectories(input.instanceDir);
  fs.mkdirSync(dirs.logs, { recursive: true });
  const out = fs.openSync(consoleLogPath(input.instanceDir), 'w');
  try {
    const child = spawn(
      input.javaCommand,
      [...input.jvmArgs, '-cp', `${input.libDir}${path.sep}*`, ENTRY_POINT, `--home-dir=${input.instanceDir}`, `--config-dir=${dirs.conf}`, '--console-mode'],
      { cwd: input.instanceDir, detached: true, stdio: ['ignore', out, out], env: { ...process.env, NEO4J_HOME: input.instanceDir, NEO4J_CONF: dirs.conf } },
    );
    child.unref(); // the caller decides the lifetime (stop(), stopOnExit); this process may exit first
    return child;
  } finally {
    fs.closeSync(out);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  // The server leads its own process group; signal the group, or the pid alone if that fails.
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, name);
      return;
    } catch {
      // try the next form
    }
  }
}

export interface StopResult {
  /** True when the process ignored SIGTERM for the whole grace period and was killed. */
  forced: boolean;
  ms: number;
}

/**
 * Stops a Neo4j server process (ours or an orphan): SIGTERM (and SIGCONT, in case it was suspended),
 * wait up to `graceMs` for it to exit, then SIGKILL and wait again.
 */
export async function stopProcess(pid: number, graceMs = 20_000): Promise<StopResult> {
  const started = Date.now();
  if (!isProcessAlive(pid)) return { forced: false, ms: 0 };
  signal(pid, 'SIGTERM');
  signal(pid, 'SIGCONT');
  if (await waitForExit(pid, graceMs)) return { forced: false, ms: Date.now() - started };
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 10_000);
  return { forced: true, ms: Date.now() - started };
}

/** Sends SIGTERM without waiting: for `process.on('exit')`, where nothing asynchronous runs. */
export function stopProcessSync(pid: number): void {
  if (!isProcessAlive(pid)) return;
  signal(pid, 'SIGTERM');
  signal(pid, 'SIGCONT');
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}
