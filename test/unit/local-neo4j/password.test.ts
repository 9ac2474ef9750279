import fs from 'node:fs';
import path from 'node:path';
import { ensurePassword, generatePassword, isAuthInitialised, passwordFilePath, readPasswordFile, writePasswordFile } from '../../../src/local-neo4j/password';
import { useTempDir } from './tmp-dir';

const tempDir = useTempDir();

describe('the instance password', () => {
  it('is random, long, and letters and digits only (neo4j-admin would read a leading "-" as an option)', () => {
    const passwords = new Set(Array.from({ length: 20 }, generatePassword));
    expect(passwords.size).toBe(20);
    for (const password of passwords) expect(password).toMatch(/^[0-9a-f]{36}$/);
  });

  it('is stored readable by the owner only', () => {
    const previous = process.umask(0o000);
    try {
      writePasswordFile(tempDir(), 'secret');
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(passwordFilePath(tempDir())).mode & 0o777).toBe(0o600);
    expect(readPasswordFile(tempDir())).toBe('secret');
  });

  it('counts as set once Neo4j created its auth store', () => {
    expect(isAuthInitialised(tempDir())).toBe(false);
    fs.mkdirSync(path.join(tempDir(), 'data', 'dbms'), { recursive: true });
    fs.writeFileSync(path.join(tempDir(), 'data', 'dbms', 'auth.ini'), '');
    expect(isAuthInitialised(tempDir())).toBe(true);
  });

  it('is kept as it is for an existing database', async () => {
    fs.mkdirSync(path.join(tempDir(), 'data', 'databases', 'system'), { recursive: true });
    writePasswordFile(tempDir(), 'kept');
    await expect(ensurePassword({ instanceDir: tempDir(), javaCommand: 'no-java', libDir: '/nowhere', log: () => undefined })).resolves.toBe('kept');
  });

  it('is reported lost, with how to start over, when an existing database has no password file', async () => {
    fs.mkdirSync(path.join(tempDir(), 'data', 'databases', 'system'), { recursive: true });
    await expect(ensurePassword({ instanceDir: tempDir(), javaCommand: 'no-java', libDir: '/nowhere', log: () => undefined })).rejects.toMatchObject({
      code: 'PASSWORD_LOST',
      message: expect.stringContaining(`delete the folder ${tempDir()}`),
    });
  });
});
