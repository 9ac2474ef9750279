import os from 'node:os';
import { removePidFile } from './pid-file';
import { stopProcess, stopProcessSync } from './process';

/** A running local Neo4j and how to reach it. */
export interface LocalNeo4jHandle {
  /** bolt://127.0.0.1:<port> */
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly boltPort: number;
  /** The Java process running Neo4j. */
  readonly pid: number;
  /** The absolute instance folder (conf, data, logs, password, pid file). */
  readonly instanceDir: string;
  readonly neo4jVersion: string;
  /** True when a server already running from this folder was re-used instead of starting one. */
  readonly reused: boolean;
  /**
   * True when this process is responsible for stopping the server: it started it, or adopted one
   * whose starting process is gone. A handle on a server another live process owns does not stop it.
   */
  readonly owned: boolean;
  /** Stops the server (if owned) and waits until its process has exited; safe to call twice. */
  stop(): Promise<void>;
  /** Asks the server (if owned) to stop without waiting: for `process.on('exit')`. */
  stopSync(): void;
}

export interface HandleInput extends Omit<LocalNeo4jHandle, 'stop' | 'stopSync'> {
  stopGraceMs: number;
  log: (line: string) => void;
}

export function createHandle(input: HandleInput): LocalNeo4jHandle {
  const { stopGraceMs, log, ...fields } = input;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    if (!fields.owned) return Promise.resolve();
    stopping ??= (async () => {
      log(`Stopping the local Neo4j (pid ${fields.pid})…`);
      const result = await stopProcess(fields.pid, stopGraceMs);
      removePidFile(fields.instanceDir, fields.pid);
      log(`Local Neo4j stopped in ${(result.ms / 1000).toFixed(1)} s${result.forced ? ` (killed: it did not stop within ${stopGraceMs / 1000} s)` : ''}.`);
    })();
    return stopping;
  };
  const stopSync = (): void => {
    if (!fields.owned || stopping) return;
    stopping = Promise.resolve();
    stopProcessSync(fields.pid);
  };
  return { ...fields, stop, stopSync };
}

export interface StopOnExitOptions {
  /** Signals that stop Neo4j and then end the process; default SIGINT, SIGTERM and SIGHUP. */
  signals?: readonly NodeJS.Signals[];
  /** Whether to end the process (exit code 128 + signal number) once Neo4j stopped; default true. */
  exitAfterSignal?: boolean;
}

/**
 * Stops the local Neo4j when this process ends: on the given signals (waiting for Neo4j to exit,
 * then exiting), and on `process.exit` / a natural exit (sending SIGTERM, which Neo4j completes on
 * its own). Nothing is registered until this is called. Returns a function that unregisters it all.
 */
export function stopOnExit(handle: LocalNeo4jHandle, options: StopOnExitOptions = {}): () => void {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onExit = (): void => handle.stopSync();
  const listeners = new Map<NodeJS.Signals, () => void>();
  for (const signal of signals) {
    const listener = (): void => {
      void handle.stop().finally(() => {
        if (options.exitAfterSignal !== false) process.exit(128 + (os.constants.signals[signal] ?? 0));
      });
    };
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
  process.on('exit', onExit);
  return () => {
    process.off('exit', onExit);
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}
