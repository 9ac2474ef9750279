import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { buildSync } from 'esbuild';
import neo4j from 'neo4j-driver';
import { LocalNeo4jError, startLocalNeo4j, type LocalNeo4jHandle, type LocalNeo4jOptions } from '../../src/local-neo4j';
import { ensureJars, MARKER_FILE } from '../../src/local-neo4j/jars';

// Real Java processes. Each test uses its own instance folder .neo4j/test-manager-* (never .neo4j/test
// or .neo4j/dev), removed at the end; the jars in .neo4j/lib are shared with the other instances.
const ROOT = path.resolve(__dirname, '../..');
const LIB = path.join(ROOT, '.neo4j', 'lib');
const POM = path.join(ROOT, 'src', 'local-neo4j', 'pom.xml');
const created: string[] = [];
const handles: LocalNeo4jHandle[] = [];
const children: ChildProcess[] = [];

// Generous: a start takes ~5 s on an idle 2-core machine but several times that when it is busy.
jest.setTimeout(300_000);

function instanceFolder(name: string): string {
  const dir = path.join(ROOT, '.neo4j', `test-manager-${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  created.push(dir);
  return dir;
}

function start(instanceDir: string, options: Partial<LocalNeo4jOptions> = {}, lines: string[] = []): Promise<LocalNeo4jHandle> {
  return startLocalNeo4j({ instanceDir, heap: '512m', pageCache: '128m', log: (line) => lines.push(line), ...options }).then((handle) => {
    handles.push(handle);
    return handle;
  });
}

/** Java processes running Neo4j from this folder, seen independently of the code under test. */
function javaPidsOf(instanceDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `CommunityEntryPoint --home-dir=${instanceDir} `], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '')
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function failureOf(promise: Promise<unknown>): Promise<LocalNeo4jError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LocalNeo4jError)) throw new Error(`expected a LocalNeo4jError, got ${String(error)}`);
  return error;
}

async function query<T>(handle: LocalNeo4jHandle, cypher: string, read: (record: Record<string, unknown>) => T): Promise<T[]> {
  const driver = neo4j.driver(handle.uri, neo4j.auth.basic(handle.user, handle.password));
  try {
    const result = await driver.executeQuery(cypher, {}, { database: handle.database });
    return result.records.map((record) => read(record.toObject()));
  } finally {
    await driver.close();
  }
}

/** A PATH holding only the given commands (as links to the real ones), to simulate a missing tool. */
function pathWith(commands: string[]): string {
  const dir = fs.mkdtempSync(path.join(ROOT, '.neo4j', `test-manager-path-${process.pid}-`));
  created.push(dir);
  for (const command of commands) {
    fs.symlinkSync(fs.realpathSync(execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim()), path.join(dir, command));
  }
  return dir;
}

async function withPath<T>(value: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = value;
  try {
    return await body();
  } finally {
    process.env.PATH = saved;
  }
}

beforeAll(async () => {
  await ensureJars({ libDir: LIB, pomPath: POM, mavenCommand: 'mvn', log: () => undefined });
}, 600_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const handle of handles) await handle.stop();
  for (const dir of created) {
    for (const pid of javaPidsOf(dir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

describe('a start that cannot succeed says why and how to fix it', () => {
  it('reports JAVA_MISSING when java is not on PATH', async () => {
    const error = await withPath(pathWith([]), () => failureOf(start(instanceFolder('no-java'))));
    expect(error.code).toBe('JAVA_MISSING');
    expect(error.message).toMatch(/Java 17 or newer.*apt-get install openjdk-17-jre-headless.*NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.*docker compose up/);
  });

  it('reports MAVEN_MISSING when mvn is not on PATH and the jars were never resolved', async () => {
    const libDir = path.join(instanceFolder('no-maven'), 'lib');
    const error = await withPath(pathWith(['java']), () => failureOf(start(instanceFolder('no-maven-instance'), { libDir })));
    expect(error.code).toBe('MAVEN_MISSING');
    expect(error.message).toMatch(/apt-get install maven.*NEO4J_URI/);
  });

  it('resolves a half-copied jar folder again with Maven', async () => {
    const libDir = path.join(instanceFolder('half-copied'), 'lib');
    fs.mkdirSync(libDir, { recursive: true });
    for (const name of fs.readdirSync(LIB)) fs.linkSync(path.join(LIB, name), path.join(libDir, name));
    const jar = fs.readdirSync(libDir).find((name) => name.startsWith('neo4j-kernel-'));
    fs.rmSync(path.join(libDir, jar ?? 'missing'));
    const lines: string[] = [];
    const result = await ensureJars({ libDir, pomPath: POM, mavenCommand: 'mvn', log: (line) => lines.push(line) });
    expect(lines[0]).toMatch(/is not usable \(it has \d+ jars/);
    expect(result.resolved).toBe(true);
    expect(fs.existsSync(path.join(libDir, jar ?? 'missing'))).toBe(true);
    expect(fs.existsSync(path.join(libDir, MARKER_FILE))).toBe(true);
  }, 300_000);

  it('reports PORT_IN_USE when the requested Bolt port is taken, and starts no Java', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = instanceFolder('port-clash');
    try {
      const error = await failureOf(start(dir, { boltPort: port }));
      expect(error.code).toBe('PORT_IN_USE');
      expect(error.message).toContain(`Bolt port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('reports EXITED_DURING_START with the last lines of the log when Neo4j rejects its configuration', async () => {
    const dir = instanceFolder('bad-setting');
    // As if the password had been set on an earlier start, so the server itself meets the bad value
    // (on a first start `neo4j-admin dbms set-initial-password` rejects it already: SET_PASSWORD_FAILED).
    fs.mkdirSync(path.join(dir, 'data', 'dbms'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'data', 'dbms', 'auth.ini'), '');
    fs.writeFileSync(path.join(dir, 'password'), 'unused\n', { mode: 0o600 });
    const error = await failureOf(start(dir, { settings: { 'server.memory.pagecache.size': 'plenty' } }));
    expect(error.code).toBe('EXITED_DURING_START');
    expect(error.message).toMatch(/exited with code \d+ while starting/);
    expect(error.logTail.join('\n')).toContain('plenty');
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it("reports DATABASE_UNRECOVERABLE in seconds, with Neo4j's reason, when a crash's transaction logs are gone", async () => {
    const dir = instanceFolder('unrecoverable');
    const handle = await start(dir);
    await query(handle, "UNWIND range(1, 1000) AS i CREATE (:Written {i: i})", () => undefined);
    process.kill(handle.pid, 'SIGKILL'); // a crash: the next start must recover from the transaction logs
    for (let i = 0; i < 100 && javaPidsOf(dir).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    fs.rmSync(path.join(dir, 'data', 'transactions', 'neo4j'), { recursive: true });
    const started = Date.now();
    const error = await failureOf(start(dir, { startTimeoutMs: 120_000 }));
    expect(error.code).toBe('DATABASE_UNRECOVERABLE');
    expect(Date.now() - started).toBeLessThan(60_000); // not the start timeout: Neo4j said why it will never be ready
    expect(error.message).toContain('(Transaction logs are missing and recovery is not possible)');
    expect(error.message).toContain(`delete ${path.join(dir, 'data')}`);
    expect(error.logTail.some((line) => line.includes('ERROR [o.n.k.r.Recovery]'))).toBe(true);
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('reports START_TIMEOUT and stops the server when it does not answer in time', async () => {
    const dir = instanceFolder('timeout');
    const error = await failureOf(start(dir, { startTimeoutMs: 1500 }));
    expect(error.code).toBe('START_TIMEOUT');
    expect(error.message).toContain('did not answer on bolt://127.0.0.1:');
    expect(javaPidsOf(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'neo4j.pid'))).toBe(false);
  });
});

describe('a running instance', () => {
  let dir = '';
  beforeAll(() => {
    dir = instanceFolder('life');
  });

  it('starts with a generated password, keeps its data over a restart and comes back on the same port', async () => {
    const first = await start(dir);
    expect(first).toMatchObject({ user: 'neo4j', database: 'neo4j', reused: false, owned: true, neo4jVersion: '5.26.30' });
    expect(first.uri).toBe(`bolt://127.0.0.1:${first.boltPort}`);
    expect(first.password).toMatch(/^[0-9a-f]{36}$/);
    expect(fs.statSync(path.join(dir, 'password')).mode & 0o777).toBe(0o600);
    expect(javaPidsOf(dir)).toEqual([first.pid]);
    await query(first, "CREATE (:Marker {name: 'kept across restarts'})", () => null);

    await first.stop();
    expect(javaPidsOf(dir)).toEqual([]);

    const second = await start(dir);
    expect(second).toMatchObject({ reused: false, boltPort: first.boltPort, password: first.password });
    expect(second.pid).not.toBe(first.pid);
    expect(await query(second, 'MATCH (m:Marker) RETURN m.name AS name', (r) => r.name)).toEqual(['kept across restarts']);
    await second.stop();
  });

  it('re-uses a server that is already running instead of starting a second one', async () => {
    const first = await start(dir);
    const lines: string[] = [];
    const second = await start(dir, {}, lines);
    expect(second).toMatchObject({ reused: true, owned: false, pid: first.pid, uri: first.uri });
    expect(lines.join('\n')).toContain('Re-using the running Neo4j');
    expect(javaPidsOf(dir)).toEqual([first.pid]);

    await second.stop(); // not its server to stop
    expect(javaPidsOf(dir)).toEqual([first.pid]);
    await first.stop();
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('starts one server when two starts race, the lock making the second re-use the first', async () => {
    const [a, b] = await Promise.all([start(dir), start(dir)]);
    expect([a.reused, b.reused].sort()).toEqual([false, true]);
    expect(a.pid).toBe(b.pid);
    expect(javaPidsOf(dir)).toEqual([a.pid]);
    await a.stop();
    await b.stop();
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('stops a leftover server that does not answer and starts a fresh one', async () => {
    const stuck = await start(dir);
    process.kill(stuck.pid, 'SIGSTOP');
    const lines: string[] = [];
    const fresh = await start(dir, { reuseTimeoutMs: 2000 }, lines);
    expect(lines.join('\n')).toMatch(/Stopping it \(pid \d+\): it did not answer on Bolt/);
    expect(fresh.reused).toBe(false);
    expect(fresh.pid).not.toBe(stuck.pid);
    expect(javaPidsOf(dir)).toEqual([fresh.pid]);
    await fresh.stop();
    expect(javaPidsOf(dir)).toEqual([]);
  });
});

describe('when the process that started Neo4j ends', () => {
  let dir = '';
  let childScript = '';
  beforeAll(() => {
    dir = instanceFolder('parent');
    const outDir = path.join(ROOT, 'test-output', `local-neo4j-child-${process.pid}`);
    created.push(outDir);
    buildSync({ entryPoints: [path.join(ROOT, 'src/local-neo4j/index.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['neo4j-driver'], outfile: path.join(outDir, 'local-neo4j.js'), logLevel: 'warning' });
    childScript = path.join(outDir, 'child.js');
    fs.writeFileSync(
      childScript,
      `const { startLocalNeo4j, stopOnExit } = require('./local-neo4j.js');
startLocalNeo4j({ instanceDir: process.argv[2], heap: '512m', pageCache: '128m', log: () => {} }).then(
  (handle) => { stopOnExit(handle); process.stdout.write(JSON.stringify({ pid: handle.pid }) + '\\n'); setInterval(() => {}, 1 << 30); },
  (error) => { process.stderr.write(error.message + '\\n'); process.exit(1); },
);
`,
    );
  });

  async function startInChild(): Promise<{ child: ChildProcess; neo4jPid: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
    const child = spawn(process.execPath, [childScript, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const lines = readline.createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      void exited.then(({ code }) => reject(new Error(`child exited with ${String(code)} before Neo4j was ready`)));
    });
    const { pid } = JSON.parse(first) as { pid: number };
    return { child, neo4jPid: pid, exited };
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops Neo4j on %s and leaves no Java process behind', async (signal, exitCode) => {
    const { child, neo4jPid, exited } = await startInChild();
    expect(javaPidsOf(dir)).toEqual([neo4jPid]);
    child.kill(signal);
    expect(await exited).toEqual({ code: exitCode, signal: null });
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('leaves an orphan when killed with SIGKILL, which the next start finds, re-uses and then stops', async () => {
    const { child, neo4jPid, exited } = await startInChild();
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(javaPidsOf(dir)).toEqual([neo4jPid]);

    const lines: string[] = [];
    const adopted = await start(dir, {}, lines);
    expect(lines.join('\n')).toContain('its starting process is gone');
    expect(adopted).toMatchObject({ reused: true, owned: true, pid: neo4jPid });
    expect(await query(adopted, 'RETURN 1 AS one', (r) => neo4j.integer.toNumber(r.one as number))).toEqual([1]);
    await adopted.stop();
    expect(javaPidsOf(dir)).toEqual([]);
  });
});
