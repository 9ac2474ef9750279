import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import express from 'express';
import { mountWeb } from '../../../src/web/routes';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(base: string, pathname: string, { method = 'GET', headers = {} as Record<string, string>, body = '' } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, base), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An app like src/server.ts: the web routes, then a stand-in for Apollo that says it was reached. */
async function start(options: { playground: boolean; assetsDir: string }) {
  const app = express();
  mountWeb(app, options);
  app.use('/graphql', (req, res) => {
    res.status(299).json({ reachedGraphQL: true, method: req.method });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const JS = 'export const hello = "world";\n'.repeat(100);

describe('web routes', () => {
  let assetsDir: string;
  let server: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    assetsDir = mkdtempSync(path.join(os.tmpdir(), 'web-assets-'));
    mkdirSync(path.join(assetsDir, 'chunks'));
    for (const page of ['playground', 'explorer', 'dashboard']) {
      writeFileSync(path.join(assetsDir, `${page}.js`), JS);
      writeFileSync(path.join(assetsDir, `${page}.js.gz`), gzipSync(JS));
      writeFileSync(path.join(assetsDir, `${page}.js.br`), brotliCompressSync(JS));
      writeFileSync(path.join(assetsDir, `${page}.css`), 'body{margin:0}');
    }
    writeFileSync(path.join(assetsDir, 'chunks', 'chunk-ABC123.js'), JS);
    writeFileSync(path.join(assetsDir, 'secret.env'), 'NOPE=1');
    writeFileSync(path.join(assetsDir, '.hidden.js'), 'nope');
    server = await start({ playground: true, assetsDir });
  });

  afterAll(async () => {
    await server.close();
    rmSync(assetsDir, { recursive: true, force: true });
  });

  it.each(['/', '/explore', '/dashboard'])('serves %s as HTML with a policy that forbids other hosts', async (pathname) => {
    const reply = await request(server.base, pathname, { headers: { accept: BROWSER_ACCEPT } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    const html = reply.body.toString('utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('answers a browser GET on /graphql with the playground, before the GraphQL middleware', async () => {
    const reply = await request(server.base, '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(reply.status).toBe(200);
    expect(reply.body.toString('utf8')).toContain('id="playground"');
    expect(reply.body.toString('utf8')).toContain('data-endpoint="/graphql"');
  });

  it.each([
    ['GET asking for JSON', 'GET', '/graphql?query=%7B__typename%7D', 'application/json'],
    ['GET asking for GraphQL responses', 'GET', '/graphql?query=%7B__typename%7D', 'application/graphql-response+json, application/json;q=0.9'],
    ['GET accepting anything', 'GET', '/graphql?query=%7B__typename%7D', '*/*'],
    ['POST even from a browser', 'POST', '/graphql', BROWSER_ACCEPT],
  ])('leaves a %s to GraphQL', async (_name, method, pathname, accept) => {
    const reply = await request(server.base, pathname, {
      method,
      headers: { accept, 'content-type': 'application/json' },
      body: method === 'POST' ? '{"query":"{__typename}"}' : '',
    });
    expect(reply.status).toBe(299);
    expect(JSON.parse(reply.body.toString('utf8'))).toEqual({ reachedGraphQL: true, method });
  });

  it('leaves a GET without an Accept header to GraphQL', async () => {
    const reply = await request(server.base, '/graphql?query=%7B__typename%7D');
    expect(reply.status).toBe(299);
  });

  it('sends the brotli copy, the gzip copy or the file, as the browser accepts', async () => {
    const br = await request(server.base, '/web/playground.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toContain('Accept-Encoding');
    const gz = await request(server.base, '/web/playground.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await request(server.base, '/web/playground.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(JS);
    expect(plain.headers['cache-control']).toBe('no-cache');
  });

  it('lets content-hashed chunks be cached for good', async () => {
    const reply = await request(server.base, '/web/chunks/chunk-ABC123.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toContain('immutable');
  });

  it.each(['/web/secret.env', '/web/.hidden.js', '/web/../package.json', '/web/%2e%2e/package.json', '/web/chunks/..%2F..%2Fpackage.json', '/web/missing.js'])(
    'does not serve %s',
    async (pathname) => {
      const reply = await request(server.base, pathname);
      expect(reply.status).toBe(404);
    },
  );

  it('says how to build the front end when it is missing, instead of a blank page', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'web-empty-'));
    const bare = await start({ playground: true, assetsDir: empty });
    try {
      const reply = await request(bare.base, '/', { headers: { accept: BROWSER_ACCEPT } });
      expect(reply.status).toBe(503);
      expect(reply.body.toString('utf8')).toContain('npm run build');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('web routes with the playground turned off (PLAYGROUND=false)', () => {
  let server: Awaited<ReturnType<typeof start>>;
  let assetsDir: string;

  beforeAll(async () => {
    assetsDir = mkdtempSync(path.join(os.tmpdir(), 'web-assets-off-'));
    writeFileSync(path.join(assetsDir, 'playground.js'), JS);
    server = await start({ playground: false, assetsDir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(assetsDir, { recursive: true, force: true });
  });

  it.each(['/', '/explore', '/web/playground.js'])('serves no UI at %s', async (pathname) => {
    const reply = await request(server.base, pathname, { headers: { accept: BROWSER_ACCEPT } });
    expect(reply.status).toBe(404);
  });

  it('passes a browser GET on /graphql through to GraphQL', async () => {
    const reply = await request(server.base, '/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(reply.status).toBe(299);
  });
});
