import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config';

export interface Transfer {
  requests: number;
  /** Bytes on the wire (headers + compressed bodies), from Chromium's Network domain. */
  bytes: number;
}

/** Counts what a page transfers from now on, workers included, via the DevTools protocol. */
export async function recordTransfer(page: Page): Promise<() => Transfer> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.setCacheDisabled', { cacheDisabled: true });
  const sizes = new Map<string, number>();
  session.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => {
    sizes.set(event.requestId, event.encodedDataLength);
  });
  return () => ({ requests: sizes.size, bytes: [...sizes.values()].reduce((sum, n) => sum + n, 0) });
}

export async function firstContentfulPaint(page: Page): Promise<number | undefined> {
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
}

const METRICS_FILE = path.join(PROJECT_ROOT, 'test-output/web-metrics.json');

/** Keeps the latest measurements per page in test-output/web-metrics.json (for the README's numbers). */
export function saveMetrics(name: string, values: Record<string, number | undefined>): void {
  mkdirSync(path.dirname(METRICS_FILE), { recursive: true });
  const all = existsSync(METRICS_FILE) ? (JSON.parse(readFileSync(METRICS_FILE, 'utf8')) as Record<string, unknown>) : {};
  all[name] = { ...values, measuredAt: new Date().toISOString() };
  writeFileSync(METRICS_FILE, `${JSON.stringify(all, null, 2)}\n`);
  process.stderr.write(`[e2e] ${name}: ${JSON.stringify(values)}\n`);
}
