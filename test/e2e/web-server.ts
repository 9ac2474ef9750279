import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type RunningServer } from '../../src/server';
import { WEB_ASSETS_DIR } from '../../src/web/assets';
import { buildWeb } from '../../src/web/build';
import type { Database } from '../../src/db';
import { ensureSeeded, openTestDatabase } from '../helpers/seeded-graph';
import { TEST_AUTH } from '../helpers/tokens';

export const SCREENSHOTS_DIR = path.join(PROJECT_ROOT, 'test-output/screenshots');

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Builds dist/web when it is missing or older than its sources, as `npm run build` would. */
export async function ensureWebBuilt(): Promise<void> {
  const built = newestMtime(path.join(WEB_ASSETS_DIR, 'playground.js'));
  const sources = Math.max(
    ...['src/web/client', 'src/web/examples', 'src/web/build.ts', 'package-lock.json'].map((p) => newestMtime(path.join(PROJECT_ROOT, p))),
  );
  if (built === 0 || sources > built) await buildWeb();
}

export interface WebServer {
  url: string;
  /** The test Neo4j the server reads and writes (to restore the seed after a test that curates). */
  db: Database;
  stop(): Promise<void>;
}

/**
 * The real server, in process, against the test Neo4j holding the seeded graph, with the UI on.
 * Tokens are checked against the tests' own secret (test/helpers/tokens.ts), never the developer's.
 */
export async function startWebServer(): Promise<WebServer> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await ensureWebBuilt();
  const db = openTestDatabase();
  let server: RunningServer | undefined;
  try {
    await ensureSeeded(db);
    server = await createServer({
      config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: true }, auth: TEST_AUTH },
      db,
      logger: createLogger('silent'),
    });
    await server.warmedUp;
  } catch (error) {
    await db.close();
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    db,
    stop: async () => {
      await running.stop();
      await db.close();
    },
  };
}

/** Starts the server before this file's tests and stops it after; call at the top of a test file. */
export function useWebServer(): { readonly url: string; readonly db: Database } {
  let server: WebServer | undefined;
  beforeAll(async () => {
    server = await startWebServer();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('The web server did not start (see the beforeAll error).');
      return server.url;
    },
    get db() {
      if (!server) throw new Error('The web server did not start (see the beforeAll error).');
      return server.db;
    },
  };
}

const DOCS_DIR = path.join(PROJECT_ROOT, 'docs');

/**
 * Writes a screenshot to test-output/screenshots; with `docs: true` and UPDATE_DOCS_SCREENSHOTS=1
 * (`npm run screenshots`) also to docs/, where the README shows it.
 */
export async function screenshot(page: Page, name: string, { docs = false, fullPage = false } = {}): Promise<void> {
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (docs && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_DIR, { recursive: true });
    copyFileSync(file, path.join(DOCS_DIR, `${name}.png`));
  }
}
