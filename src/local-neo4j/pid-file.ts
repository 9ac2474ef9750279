import fs from 'node:fs';
import path from 'node:path';
import { commandLineOf, isProcessAlive } from './process-info';

export const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

/** What an instance folder records about the Neo4j running from it (H/neo4j.pid, JSON). */
export interface PidRecord {
  /** The Java process running Neo4j. */
  pid: number;
  /** The Node process that is responsible for stopping it. */
  ownerPid: number;
  boltPort: number;
  startedAt: string;
}

export const pidFilePath = (instanceDir: string): string => path.join(instanceDir, 'neo4j.pid');

export function readPidFile(instanceDir: string): PidRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(pidFilePath(instanceDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Partial<Record<keyof PidRecord, unknown>>;
  const { pid, ownerPid, boltPort, startedAt } = record;
  if (typeof pid !== 'number' || typeof ownerPid !== 'number' || typeof boltPort !== 'number') return undefined;
  return { pid, ownerPid, boltPort, startedAt: typeof startedAt === 'string' ? startedAt : '' };
}

/** Writes the pid file atomically (temp file + rename) so a reader never sees half of it. */
export function writePidFile(instanceDir: string, record: PidRecord): void {
  const target = pidFilePath(instanceDir);
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(temp, target);
}

/** Removes the pid file if it still describes `pid` (another start may have replaced it). */
export function removePidFile(instanceDir: string, pid: number): void {
  if (readPidFile(instanceDir)?.pid === pid) fs.rmSync(pidFilePath(instanceDir), { force: true });
}

/**
 * Whether `pid` is a live Neo4j started from this instance folder — not some other process that
 * was given the same pid after ours ended. Where /proc is missing, a live pid is trusted.
 */
export function isNeo4jOfInstance(pid: number, instanceDir: string): boolean {
  if (!isProcessAlive(pid)) return false;
  const args = commandLineOf(pid);
  if (args === undefined) return true;
  return args.includes(ENTRY_POINT) && args.includes(`--home-dir=${instanceDir}`);
}

/**
 * Neo4j servers started from this instance folder, found by their command line in /proc: the
 * fallback when the pid file is missing, so a duplicate is never started on the same data.
 */
export function findNeo4jProcessesOfInstance(instanceDir: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid && isNeo4jOfInstance(pid, instanceDir) && commandLineOf(pid) !== undefined);
}
