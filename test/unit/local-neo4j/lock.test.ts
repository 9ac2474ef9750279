import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LocalNeo4jError } from '../../../src/local-neo4j/errors';
import { acquireLock, tryAcquireLock } from '../../../src/local-neo4j/lock';
import { useTempDir } from './tmp-dir';

const tempDir = useTempDir();
const deadPid = (): number => spawnSync('true').pid ?? 999_999;

describe('the start lock', () => {
  it('is held by one taker at a time and free again once released', () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    const release = tryAcquireLock(lockPath);
    expect(release).toBeDefined();
    expect(tryAcquireLock(lockPath)).toBeUndefined();
    release?.();
    const again = tryAcquireLock(lockPath);
    expect(again).toBeDefined();
    again?.();
  });

  it('records the holder pid in the lock file', () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    const release = tryAcquireLock(lockPath);
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    release?.();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('makes a second taker wait until the holder releases it', async () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    const release = tryAcquireLock(lockPath);
    let acquired = false;
    const waiting = acquireLock(lockPath, { timeoutMs: 5000, pollMs: 20, what: 'test' }).then((second) => {
      acquired = true;
      return second;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(acquired).toBe(false);
    release?.();
    (await waiting)();
    expect(acquired).toBe(true);
  });

  it('gives up with LOCKED naming the holder when a live holder keeps it too long', async () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, createdAt: new Date().toISOString() }));
    const error: unknown = await acquireLock(lockPath, { timeoutMs: 100, pollMs: 20, what: 'the instance' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as LocalNeo4jError).code).toBe('LOCKED');
    expect((error as LocalNeo4jError).message).toContain(`pid ${process.ppid}`);
  });

  it('takes over a lock whose holder is no longer running', async () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    fs.writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), createdAt: new Date().toISOString() }));
    const release = await acquireLock(lockPath, { timeoutMs: 1000, what: 'test' });
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });

  it('takes over an unreadable lock file once it is old, but not while it is fresh', async () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    fs.writeFileSync(lockPath, '');
    await expect(acquireLock(lockPath, { timeoutMs: 100, pollMs: 20, unreadableStaleMs: 60_000, what: 'test' })).rejects.toMatchObject({ code: 'LOCKED' });
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(lockPath, old, old);
    const release = await acquireLock(lockPath, { timeoutMs: 1000, unreadableStaleMs: 60_000, what: 'test' });
    release();
  });

  it('does not delete a lock another process took after ours was broken', () => {
    const lockPath = path.join(tempDir(), 'start.lock');
    const release = tryAcquireLock(lockPath);
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, createdAt: 'later' }));
    release?.();
    expect(fs.existsSync(lockPath)).toBe(true);
  });
});
