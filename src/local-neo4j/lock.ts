import fs from 'node:fs';
import path from 'node:path';
import { LocalNeo4jError } from './errors';
import { isProcessAlive, sleep } from './process-info';

interface LockContent {
  pid: number;
  createdAt: string;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs: number;
  pollMs?: number;
  /** A lock file that could not be read for this long is treated as abandoned. */
  unreadableStaleMs?: number;
  /** What the lock protects, for the error message. */
  what: string;
}

/** Releases a lock; safe to call more than once. */
export type ReleaseLock = () => void;

/**
 * Takes an exclusive lock by creating `lockPath` with O_EXCL and our pid inside. A lock whose
 * holder is no longer running is stale and taken over; a live holder is waited for up to
 * `timeoutMs`, then a LocalNeo4jError('LOCKED') names it.
 */
export async function acquireLock(lockPath: string, options: LockOptions): Promise<ReleaseLock> {
  const deadline = Date.now() + options.timeoutMs;
  const pollMs = options.pollMs ?? 200;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (;;) {
    const release = tryAcquireLock(lockPath);
    if (release) return release;
    const holder = readLock(lockPath);
    if (isStale(lockPath, holder, options.unreadableStaleMs ?? 10_000)) {
      breakStaleLock(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LocalNeo4jError(
        'LOCKED',
        `Cannot start the local Neo4j: ${options.what} is locked by another process (pid ${holder?.pid ?? 'unknown'}, lock file ${lockPath}) that is still starting it, and it did not finish within ${Math.round(options.timeoutMs / 1000)} s. Wait for that process or stop it; if no such process exists, delete the lock file.`,
      );
    }
    await sleep(pollMs);
  }
}

/** Creates the lock file if nobody holds it; undefined when it exists already. */
export function tryAcquireLock(lockPath: string): ReleaseLock | undefined {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const content: LockContent = { pid: process.pid, createdAt: new Date().toISOString() };
  fs.writeSync(fd, JSON.stringify(content));
  fs.closeSync(fd);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Only remove the file if it is still ours (it may have been broken as stale and re-taken).
    if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
}

function readLock(lockPath: string): LockContent | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && typeof parsed.pid === 'number') {
      return { pid: parsed.pid, createdAt: 'createdAt' in parsed ? String(parsed.createdAt) : '' };
    }
  } catch {
    // missing or half-written: decided by age below
  }
  return undefined;
}

function isStale(lockPath: string, holder: LockContent | undefined, unreadableStaleMs: number): boolean {
  if (holder) return holder.pid !== process.pid && !isProcessAlive(holder.pid);
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs > unreadableStaleMs;
  } catch {
    return false; // gone already: the next attempt will take it
  }
}

/**
 * Removes a stale lock without deleting a fresh one that another process created meanwhile: the
 * file is first renamed aside (atomic), and put back if what was moved is not what we judged stale.
 */
function breakStaleLock(lockPath: string, stale: LockContent | undefined): void {
  const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return;
  }
  const moved = readLock(aside);
  if (moved && (moved.pid !== stale?.pid || moved.createdAt !== stale.createdAt)) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // someone else holds it now; the moved holder will notice its lock is gone only on release
    }
  }
  fs.rmSync(aside, { force: true });
}
