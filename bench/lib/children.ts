/**
 * The benchmarked servers as child processes (bench/servers.ts, forked): how they are started and
 * asked for their counters over IPC. Shared by bench/run.ts and bench/writes.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type ServerName = 'api' | 'floor' | 'ceiling' | 'neo4jgraphql';

export interface Child {
  name: ServerName;
  proc: ChildProcess;
  port: number;
  pid: number;
}

/** Sends `message` and resolves with the value of the first reply of `type`. */
export function ask<T>(child: Child, message: string, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (reply: { type: string; value: T }) => {
      if (reply.type !== type) return;
      child.proc.off('message', onMessage);
      resolve(reply.value);
    };
    child.proc.on('message', onMessage);
    child.proc.send(message);
  });
}

/** Forks bench/servers.js in `name` mode (production, its own Node options) and waits until it listens. */
export async function startChild(name: ServerName, env: NodeJS.ProcessEnv): Promise<Child> {
  // execArgv: [] — the bench's own --max-old-space-size (for the 1M graph) is not passed on to the servers.
  const proc = fork(path.join(__dirname, '..', 'servers.js'), [name], { env: { ...process.env, ...env, NODE_ENV: 'production' }, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
    proc.on('message', (m: { type: string; port: number; pid: number }) => {
      if (m.type === 'ready') resolve({ name, proc, port: m.port, pid: m.pid });
    });
  });
}
