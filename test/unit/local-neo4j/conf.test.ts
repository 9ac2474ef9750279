import path from 'node:path';
import { jvmArguments, parseBoltPort, renderNeo4jConf } from '../../../src/local-neo4j/conf';
import { LocalNeo4jError } from '../../../src/local-neo4j/errors';

const base = { instanceDir: '/srv/neo4j/dev', boltPort: 7688, heap: '1g', pageCache: '512m' };

function settingsOf(conf: string): Map<string, string> {
  const lines = conf.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('the neo4j.conf of a local instance', () => {
  it('listens for Bolt on loopback only, on the chosen port, without TLS', () => {
    const settings = settingsOf(renderNeo4jConf(base));
    expect(settings.get('server.default_listen_address')).toBe('127.0.0.1');
    expect(settings.get('server.bolt.listen_address')).toBe('127.0.0.1:7688');
    expect(settings.get('server.bolt.advertised_address')).toBe('127.0.0.1:7688');
    expect(settings.get('server.bolt.tls_level')).toBe('DISABLED');
  });

  it('turns HTTP and HTTPS off and keeps authentication on', () => {
    const settings = settingsOf(renderNeo4jConf(base));
    expect(settings.get('server.http.enabled')).toBe('false');
    expect(settings.get('server.https.enabled')).toBe('false');
    expect(settings.get('dbms.security.auth_enabled')).toBe('true');
  });

  it('keeps every Neo4j folder inside the instance folder', () => {
    const settings = settingsOf(renderNeo4jConf(base));
    const folders = [...settings].filter(([key]) => key.startsWith('server.directories.'));
    expect(folders.length).toBeGreaterThanOrEqual(6);
    for (const [, value] of folders) expect(value.startsWith(`${base.instanceDir}${path.sep}`)).toBe(true);
  });

  it('sets the page cache and heap it is given and disables usage reporting', () => {
    const settings = settingsOf(renderNeo4jConf(base));
    expect(settings.get('server.memory.pagecache.size')).toBe('512m');
    expect(settings.get('server.memory.heap.max_size')).toBe('1g');
    expect(settings.get('dbms.usage_report.enabled')).toBe('false');
  });

  it('lets extra settings override the defaults', () => {
    const settings = settingsOf(renderNeo4jConf({ ...base, settings: { 'server.memory.pagecache.size': '2g', 'db.logs.query.enabled': 'OFF' } }));
    expect(settings.get('server.memory.pagecache.size')).toBe('2g');
    expect(settings.get('db.logs.query.enabled')).toBe('OFF');
  });

  it('rejects a memory size that is not a number with k, m or g', () => {
    expect(() => renderNeo4jConf({ ...base, pageCache: 'lots' })).toThrow(LocalNeo4jError);
    expect(() => renderNeo4jConf({ ...base, heap: '1.5g' })).toThrow(/heap="1.5g" is not a memory size/);
  });

  it('rejects a setting that would inject another line', () => {
    expect(() => renderNeo4jConf({ ...base, settings: { 'a.b': 'x\nserver.http.enabled=true' } })).toThrow(/line break/);
  });

  it('reads back the Bolt port it wrote, so the next start can prefer it', () => {
    expect(parseBoltPort(renderNeo4jConf(base))).toBe(7688);
    expect(parseBoltPort('server.http.enabled=false\n')).toBeUndefined();
  });
});

describe('the JVM arguments', () => {
  it('fix the heap at the given size and open java.nio for the page cache', () => {
    const args = jvmArguments('768m');
    expect(args).toEqual(expect.arrayContaining(['-Xms768m', '-Xmx768m', '--add-opens=java.base/java.nio=ALL-UNNAMED']));
  });
});
