import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Browser tests use Debian's `chromium` package driven by playwright-core (a browser download by a
 * test tool does not work on these machines). Without Chromium they are skipped with the reason,
 * except under CI=true, where a missing browser fails the run.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export const MISSING_BROWSER =
  'Chromium not found (looked at CHROMIUM_PATH, ' + CANDIDATES.join(', ') + '). Install it with `apt-get install -y chromium` to run the browser tests.';

/** `describe` when Chromium is there; otherwise skipped with the reason, or failing under CI=true. */
export function describeWithBrowser(name: string, body: (executablePath: string) => void): void {
  const executablePath = chromiumPath();
  if (executablePath) {
    describe(name, () => body(executablePath));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium under CI=true', () => {
        throw new Error(MISSING_BROWSER);
      });
    });
  } else {
    process.stderr.write(`\n[e2e] Skipping "${name}": ${MISSING_BROWSER}\n`);
    describe.skip(`${name} (skipped: ${MISSING_BROWSER})`, () => body(''));
  }
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export interface RecordedSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the pages of this context asked for, workers included. */
  requested: string[];
  /** Uncaught exceptions and console errors. */
  problems: string[];
  /** Requested URLs on another origin than `origin` (data: and blob: URLs are local by nature). */
  foreign(origin: string): string[];
}

export async function openRecordedSession(executablePath: string, viewport: { width: number; height: number }): Promise<RecordedSession> {
  const browser = await launchChromium(executablePath);
  const context = await browser.newContext({ viewport });
  const requested: string[] = [];
  const problems: string[] = [];
  // Context-wide, so requests from web workers are seen too.
  context.on('request', (request) => requested.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    browser,
    context,
    page,
    requested,
    problems,
    foreign: (origin) => requested.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== new URL(origin).origin),
  };
}
