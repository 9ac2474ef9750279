import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config';
import { Database } from '../../../src/db';
import { startLocalNeo4j, type LocalNeo4jHandle } from '../../../src/local-neo4j';
import { createLogger } from '../../../src/logger';
import { createServer } from '../../../src/server';

// These tests run their own Neo4j instances (never .neo4j/test or .neo4j/dev), because they stop them.
const instance = (name: string) => path.join(PROJECT_ROOT, '.neo4j', `test-${name}`);

function javaPidsOf(instanceDir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('org.neo4j.server.CommunityEntryPoint') && line.includes(`--home-dir=${instanceDir}`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('readiness follows Neo4j without restarting the server', () => {
  const dir = instance('readyz');
  let neo4j: LocalNeo4jHandle;

  afterAll(async () => {
    await neo4j?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns /readyz to 503 while Neo4j is stopped and back to 200 once it is started again', async () => {
    neo4j = await startLocalNeo4j({ instanceDir: dir, heap: '512m', pageCache: '128m', log: () => {} });
    const db = new Database(neo4j, { database: neo4j.database, queryTimeoutMs: 5_000 });
    const server = await createServer({
      config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 10_000, playground: false } },
      db,
      logger: createLogger('silent'),
    });
    try {
      await server.warmedUp;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      await neo4j.stop();
      // The background check sees a refused connection at its next round (every second).
      const down = await waitFor('readiness to turn 503', async () => {
        const response = await fetch(`${server.url}/readyz`);
        return response.status === 503 ? ((await response.json()) as unknown) : undefined;
      }, 5_000);
      expect(down).toEqual({ status: 'unavailable', reason: 'Neo4j is not reachable (connection refused)' });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      // The same folder prefers its previous port, so the server's driver finds Neo4j where it was.
      neo4j = await startLocalNeo4j({ instanceDir: dir, heap: '512m', pageCache: '128m', log: () => {} });
      await waitFor('readiness', async () => ((await fetch(`${server.url}/readyz`)).status === 200 ? true : undefined));
    } finally {
      await server.stop();
      await db.close();
    }
  });
});

describe('npm start as a process', () => {
  const dir = instance('process');
  const port = 4123;
  let child: ChildProcess | undefined;
  let output = '';

  const startProcess = () => {
    output = '';
    child = spawn(process.execPath, ['dist/src/index.js'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), LOCAL_NEO4J_DIR: dir, LOCAL_NEO4J_HEAP: '512m', LOCAL_NEO4J_PAGECACHE: '128m' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return child;
  };
  const serverInfo = async () => {
    const response = await fetch(`http://localhost:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverInfo { neo4jVersion } }' }),
    });
    return response.ok ? ((await response.json()) as { data: { serverInfo: { neo4jVersion: string } } }) : undefined;
  };
  const exited = (proc: ChildProcess) =>
    new Promise<number | null>((resolve) => (proc.exitCode !== null ? resolve(proc.exitCode) : proc.once('exit', resolve)));

  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  });

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    for (const pid of javaPidsOf(dir)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves on PORT, and a SIGTERM stops the server and leaves no Neo4j process behind', async () => {
    const proc = startProcess();
    const answer = await waitFor('the server on PORT', serverInfo, 120_000);
    expect(answer.data.serverInfo.neo4jVersion).toMatch(/^5\.26\./);
    expect(javaPidsOf(dir)).toHaveLength(1);

    proc.kill('SIGTERM');
    expect(await exited(proc)).toBe(0);
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('after being killed outright, a new start re-uses the Neo4j it left behind instead of starting a second one', async () => {
    const first = startProcess();
    await waitFor('the first server', serverInfo, 120_000);
    const [orphan] = javaPidsOf(dir);
    first.kill('SIGKILL');
    await exited(first);
    expect(javaPidsOf(dir)).toEqual([orphan]);

    const second = startProcess();
    await waitFor('the second server', serverInfo, 120_000);
    expect(javaPidsOf(dir)).toEqual([orphan]);

    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(javaPidsOf(dir)).toEqual([]);
  });

  it('refuses to start with a bad configuration value and says which variable to fix', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, ['dist/src/index.js'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, PORT: 'eighty' }, stdio: 'pipe' });
    } catch (error) {
      const failed = error as { status: number; stderr: Buffer };
      expect(failed.status).toBe(2);
      stderr = failed.stderr.toString();
    }
    expect(stderr).toContain('PORT="eighty" must be a whole number between 0 and 65535');
    expect(readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8')).toContain('## Configuration');
  });
});
