import fs from 'node:fs';

/**
 * Whether a process with this pid exists and is not a zombie (a child that exited but was not
 * reaped yet counts as gone).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcFile(pid, 'stat');
  if (stat === undefined) return true;
  // "pid (comm) S ..." — comm may contain spaces or parentheses, so read after the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The command line of a running process as its arguments, or undefined where /proc is not available. */
export function commandLineOf(pid: number): string[] | undefined {
  const raw = readProcFile(pid, 'cmdline');
  return raw === undefined ? undefined : raw.split('\0').filter((arg) => arg !== '');
}

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
