import fs from 'node:fs';
import path from 'node:path';
import { checkJava, parseJavaMajorVersion } from '../../../src/local-neo4j/java';
import { LocalNeo4jError } from '../../../src/local-neo4j/errors';
import { useTempDir } from './tmp-dir';

const tempDir = useTempDir();

function fakeJava(versionLine: string): string {
  const file = path.join(tempDir(), 'java');
  fs.writeFileSync(file, `#!/bin/sh\necho '${versionLine}' >&2\n`, { mode: 0o755 });
  return file;
}

describe('reading the Java version', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_292"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])('reads %s as Java %i', (line, major) => {
    expect(parseJavaMajorVersion(line)).toBe(major);
  });

  it('finds no version in unrelated output', () => {
    expect(parseJavaMajorVersion('command not found')).toBeUndefined();
  });
});

describe('checking Java before a start', () => {
  it('says Java is missing, how to install it and how to avoid it, when the command does not exist', () => {
    let error: unknown;
    try {
      checkJava(path.join(tempDir(), 'no-such-java'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect(error).toMatchObject({ code: 'JAVA_MISSING' });
    expect((error as Error).message).toMatch(/not found on PATH.*apt-get install openjdk-17-jre-headless.*NEO4J_URI.*docker compose up/);
  });

  it('rejects Java older than 17, naming the version found', () => {
    expect(() => checkJava(fakeJava('openjdk version "11.0.2" 2019-01-15'))).toThrow(expect.objectContaining({ code: 'JAVA_TOO_OLD', message: expect.stringContaining('is Java 11') }));
  });

  it('accepts Java 17 and describes it', () => {
    expect(checkJava(fakeJava('openjdk version "17.0.1" 2021-10-19'))).toMatchObject({ major: 17, description: 'openjdk version "17.0.1" 2021-10-19' });
  });
});
