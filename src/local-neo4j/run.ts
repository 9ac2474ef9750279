import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  /** stdout and stderr interleaved, the last 64 kB. */
  output: string;
  /** Set when the command could not be started at all (ENOENT: not on PATH). */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs a short-lived command to completion, collecting its output; never rejects. */
export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-64_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ code: null, output, spawnError: error }));
    child.once('close', (code) => resolve({ code, output }));
  });
}
