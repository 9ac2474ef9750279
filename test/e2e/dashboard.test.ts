import type { Page } from 'playwright-core';
import { CHARTS, META } from '../../src/web/client/dashboard/queries';
import { describeWithBrowser, openRecordedSession, type RecordedSession } from './browser';
import { screenshot, useWebServer } from './web-server';

jest.setTimeout(60_000);

const server = useWebServer();

async function post(query: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data ?? {};
}

describe('the dashboard operations, over HTTP', () => {
  it.each(CHARTS.map((chart) => [chart.title, chart] as const))('%s runs without errors against the seeded graph', async (_title, chart) => {
    const data = await post(chart.operation);
    expect(chart.series(data).labels.length).toBe(chart.series(data).values.length);
  });
});

describeWithBrowser('the dashboard in Chromium', (executablePath) => {
  let session: RecordedSession;
  let page: Page;

  beforeAll(async () => {
    session = await openRecordedSession(executablePath, { width: 1280, height: 1400 });
    ({ page } = session);
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('loads from this origin only and draws every chart with the numbers the API gives, under its release', async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.waitForFunction(() => (window as unknown as { __dashboard?: { done: boolean } }).__dashboard?.done === true);
    await expect(page.locator('#status').getAttribute('class')).resolves.not.toMatch(/error/);
    expect(session.foreign(server.url)).toEqual([]);
    expect(session.problems).toEqual([]);

    const { meta } = (await post(META)) as { meta: { dataVersion: string } };
    await expect(page.locator('#data-version').textContent()).resolves.toBe(`Data release ${meta.dataVersion}`);
    const drawn = await page.evaluate(() => (window as unknown as { __dashboard: { drawn: Record<string, { labels: string[]; values: number[] }> } }).__dashboard.drawn);
    for (const chart of CHARTS) {
      expect([chart.id, drawn[chart.id]]).toEqual([chart.id, chart.series(await post(chart.operation))]);
      await expect(page.locator(`#${chart.id} canvas`).getAttribute('data-drawn')).resolves.toBe('true');
      const box = await page.locator(`#${chart.id} canvas`).boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
      await expect(page.locator(`#${chart.id} pre`).textContent()).resolves.toBe(chart.operation);
    }
    // The seed's kinds chart has one bar per kind present in the graph.
    expect(drawn['chart-kinds']?.values.every((v) => v > 0)).toBe(true);
    await screenshot(page, 'dashboard', { docs: true });
  });

  it('copies a chart\'s operation to the clipboard', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const chart = CHARTS[0]!;
    await page.locator(`#${chart.id} summary`).click();
    await page.locator(`#${chart.id} button.copy`).click();
    // The clipboard answers asynchronously: wait for the button to say how it went.
    await page.waitForFunction((id) => document.querySelector(`#${id} button.copy`)?.textContent !== 'Copy operation', chart.id);
    await expect(page.locator(`#${chart.id} button.copy`).textContent()).resolves.toBe('Copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(chart.operation);
  });
});
