import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { isNeo4jOfInstance, pidFilePath, readPidFile, removePidFile, writePidFile } from '../../../src/local-neo4j/pid-file';
import { isProcessAlive } from '../../../src/local-neo4j/process-info';
import { useTempDir } from './tmp-dir';

const tempDir = useTempDir();
const record = { pid: 4242, ownerPid: 4241, boltPort: 7690, startedAt: '2025-01-01T00:00:00.000Z' };

describe('the pid file', () => {
  it('reads back what was written', () => {
    writePidFile(tempDir(), record);
    expect(readPidFile(tempDir())).toEqual(record);
  });

  it('reads as absent when missing or not a pid record', () => {
    expect(readPidFile(tempDir())).toBeUndefined();
    fs.writeFileSync(pidFilePath(tempDir()), '12345\n');
    expect(readPidFile(tempDir())).toBeUndefined();
    fs.writeFileSync(pidFilePath(tempDir()), '{"pid":"x"}');
    expect(readPidFile(tempDir())).toBeUndefined();
  });

  it('is removed only while it still describes the given server', () => {
    writePidFile(tempDir(), record);
    removePidFile(tempDir(), 1);
    expect(readPidFile(tempDir())).toEqual(record);
    removePidFile(tempDir(), record.pid);
    expect(fs.existsSync(pidFilePath(tempDir()))).toBe(false);
  });
});

describe('recognising the Neo4j of an instance', () => {
  it('treats an exited process as gone', () => {
    const pid = spawnSync('true').pid ?? 999_999;
    expect(isProcessAlive(pid)).toBe(false);
    expect(isNeo4jOfInstance(pid, tempDir())).toBe(false);
  });

  it('does not mistake another live process that got the pid for Neo4j', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isNeo4jOfInstance(process.pid, tempDir())).toBe(false);
  });
});
