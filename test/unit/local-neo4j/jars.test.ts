import fs from 'node:fs';
import path from 'node:path';
import { ensureJars, inspectJarFolder, MARKER_FILE, pomNeo4jVersion } from '../../../src/local-neo4j/jars';
import { useTempDir } from './tmp-dir';

const tempDir = useTempDir();
const POM = path.resolve(__dirname, '../../../src/local-neo4j/pom.xml');

function jarFolder(jars: Record<string, string>, marker?: object): string {
  const dir = path.join(tempDir(), 'lib');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(jars)) fs.writeFileSync(path.join(dir, name), content);
  if (marker) fs.writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify(marker));
  return dir;
}

const complete = { 'neo4j-server-5.26.30.jar': 'abc', 'other-1.jar': 'de' };
const completeMarker = { neo4jVersion: '5.26.30', jarCount: 2, totalBytes: 5, resolvedAt: 'x' };

describe('the jar folder', () => {
  it('asks the pom for Neo4j 5.26.30', () => {
    expect(pomNeo4jVersion(POM)).toBe('5.26.30');
  });

  it('is usable when its jars match what the resolve recorded', () => {
    expect(inspectJarFolder(jarFolder(complete, completeMarker), '5.26.30')).toMatchObject({ usable: true });
  });

  it('is not usable when it does not exist', () => {
    expect(inspectJarFolder(path.join(tempDir(), 'none'), '5.26.30')).toMatchObject({ usable: false, exists: false });
  });

  it('is not trusted without a marker (an interrupted resolve)', () => {
    expect(inspectJarFolder(jarFolder(complete), '5.26.30')).toMatchObject({ usable: false, exists: true, reason: expect.stringContaining(MARKER_FILE) });
  });

  it('is not usable when a jar is missing or truncated', () => {
    expect(inspectJarFolder(jarFolder({ 'neo4j-server-5.26.30.jar': 'abc' }, completeMarker), '5.26.30')).toMatchObject({ usable: false, reason: expect.stringContaining('has 1 jars') });
    expect(inspectJarFolder(jarFolder({ ...complete, 'other-1.jar': '' }, completeMarker), '5.26.30')).toMatchObject({ usable: false });
  });

  it('is not usable when it holds another Neo4j version', () => {
    expect(inspectJarFolder(jarFolder(complete, completeMarker), '5.26.31')).toMatchObject({ usable: false, reason: 'it holds Neo4j 5.26.30, not 5.26.31' });
  });

  it('is re-used without running Maven when complete', async () => {
    const libDir = jarFolder(complete, { ...completeMarker, neo4jVersion: '5.26.30' });
    const result = await ensureJars({ libDir, pomPath: POM, mavenCommand: path.join(tempDir(), 'no-mvn'), log: () => undefined });
    expect(result).toEqual({ libDir, neo4jVersion: '5.26.30', jarCount: 2, resolved: false });
  });

  it('reports MAVEN_MISSING with install advice when there are no jars and no Maven', async () => {
    const libDir = path.join(tempDir(), 'lib');
    await expect(ensureJars({ libDir, pomPath: POM, mavenCommand: path.join(tempDir(), 'no-mvn'), log: () => undefined })).rejects.toMatchObject({
      code: 'MAVEN_MISSING',
      message: expect.stringMatching(/not found on PATH.*apt-get install maven.*NEO4J_URI/),
    });
  });

  it('reports JARS_BROKEN when a broken folder cannot be repaired for lack of Maven, and leaves no partial folder', async () => {
    const libDir = jarFolder({ 'neo4j-server-5.26.30.jar': 'abc' }, completeMarker);
    await expect(ensureJars({ libDir, pomPath: POM, mavenCommand: path.join(tempDir(), 'no-mvn'), log: () => undefined })).rejects.toMatchObject({
      code: 'JARS_BROKEN',
      message: expect.stringContaining('has 1 jars'),
    });
    expect(fs.readdirSync(tempDir())).toEqual(['lib']);
  });

  it('reports JAR_RESOLVE_FAILED with Maven output when Maven fails', async () => {
    const mvn = path.join(tempDir(), 'mvn');
    fs.writeFileSync(mvn, '#!/bin/sh\necho "[ERROR] Could not transfer artifact" >&2\nexit 1\n', { mode: 0o755 });
    await expect(ensureJars({ libDir: path.join(tempDir(), 'lib'), pomPath: POM, mavenCommand: mvn, log: () => undefined })).rejects.toMatchObject({
      code: 'JAR_RESOLVE_FAILED',
      message: expect.stringContaining('[ERROR] Could not transfer artifact'),
    });
  });
});
