import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Express, Request, RequestHandler, Response } from 'express';
import { WEB_ASSETS_DIR, WEB_ASSETS_PATH } from './assets';
import { CONTENT_SECURITY_POLICY, dashboardPage, explorerPage, playgroundPage, type PageName } from './pages';

export interface WebOptions {
  /** config.http.playground (env PLAYGROUND): false serves no UI at all — no playground, explorer or assets. */
  playground: boolean;
  /** Where the bundled front end lives; dist/web unless a test says otherwise. */
  assetsDir?: string;
  /** The GraphQL endpoint the pages call. */
  endpoint?: string;
}

/**
 * The browser-facing routes: the GraphiQL playground at `/` and at `/graphql` for browser GETs, the
 * explorer at `/explore`, the dashboard at `/dashboard`, and their bundled files under `/web`. Mount before the GraphQL middleware:
 * a GET on /graphql that prefers HTML is answered here; every other request on /graphql (POST, GET
 * asking for JSON) goes on to Apollo untouched.
 */
export function mountWeb(app: Express, { playground, assetsDir = WEB_ASSETS_DIR, endpoint = '/graphql' }: WebOptions): void {
  if (!playground) return;

  const page = (name: PageName): RequestHandler => (_req, res) => sendPage(res, name, assetsDir, endpoint);
  app.get('/', page('playground'));
  app.get(endpoint, (req, res, next) => (prefersHtml(req) ? sendPage(res, 'playground', assetsDir, endpoint) : next()));
  app.get('/explore', page('explorer'));
  app.get('/dashboard', page('dashboard'));
  app.use(WEB_ASSETS_PATH, staticAssets(assetsDir));
}

/** Same rule as Apollo's landing page: a GET whose Accept header ranks text/html above the GraphQL types. */
export function prefersHtml(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!req.get('accept')) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

function sendPage(res: Response, name: PageName, assetsDir: string, endpoint: string): void {
  securityHeaders(res);
  res.setHeader('Cache-Control', 'no-cache');
  if (!existsSync(path.join(assetsDir, `${name}.js`))) {
    res
      .status(503)
      .type('text/plain')
      .send(`The ${name} is not built: run \`npm run build\` (it bundles the front end into ${path.basename(path.dirname(assetsDir))}/${path.basename(assetsDir)}).\n`);
    return;
  }
  const pages = { playground: playgroundPage, explorer: explorerPage, dashboard: dashboardPage };
  res.type('html').send(pages[name]({ endpoint }));
}

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

/**
 * Serves dist/web, preferring the .br or .gz copy written by the build when the browser accepts it
 * (no compression middleware needed). Only files with a known extension are served; paths cannot
 * leave the folder (send's `root` rejects `..`).
 */
function staticAssets(root: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const relative = decodeSafe(req.path).replace(/^\/+/, '');
    const type = CONTENT_TYPES[path.extname(relative)];
    if (!relative || !type || relative.includes('\0') || relative.split('/').some((part) => part === '..' || part.startsWith('.'))) {
      return next();
    }
    const candidates: [string, string | undefined][] = [];
    if (req.acceptsEncodings('br')) candidates.push([`${relative}.br`, 'br']);
    if (req.acceptsEncodings('gzip')) candidates.push([`${relative}.gz`, 'gzip']);
    candidates.push([relative, undefined]);
    const found = candidates.find(([file]) => existsSync(path.join(root, file)));
    if (!found) return next();
    const [file, encoding] = found;
    res.setHeader('Content-Type', type);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    // Chunk and asset names carry a content hash; entry files and workers keep stable names and are revalidated.
    const hashed = /^(chunks|assets)\//.test(relative);
    res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.sendFile(file, { root, dotfiles: 'deny', lastModified: true, etag: true, cacheControl: false, acceptRanges: false }, (error) => {
      if (error && !res.headersSent) next();
    });
  };
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}
