import type { BrowserContext, Page } from 'playwright-core';
import { describeWithBrowser, openRecordedSession, type RecordedSession } from './browser';
import { firstContentfulPaint, recordTransfer, saveMetrics } from './metrics';
import { OPERATIONS } from '../../src/web/client/explorer/queries';
import { screenshot, useWebServer } from './web-server';

jest.setTimeout(60_000);

const server = useWebServer();

interface ExplorerHook {
  pagePosition(id: string): { x: number; y: number } | undefined;
  edgeIds(): string[];
  labelOverlaps(): [string, string][];
}

const hook = (page: Page) => page.evaluate(() => (window as unknown as { conditionGraphExplorer: ExplorerHook }).conditionGraphExplorer.labelOverlaps());

const SAMPLE_VARIABLES: Record<keyof typeof OPERATIONS, Record<string, unknown>> = {
  sourceText: { id: 'article' },
  search: { text: 'twitch' },
  neighborhood: { id: 'als', depth: 2 },
  statements: { id: 'bfs' },
  conditions: {},
  symptoms: { where: { nameContains: 'musc' } },
  compare: { ids: ['als', 'bfs', 'limb-onset-als'] },
  rank: { ids: ['fasciculations', 'muscle-weakness', 'muscle-cramps'] },
};

describe('the explorer operations, over HTTP', () => {
  // Against the real server, so its depth, cost and size limits are met too.
  it.each(Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[])('%s runs without errors against the seeded graph', async (name) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: OPERATIONS[name], variables: SAMPLE_VARIABLES[name] }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });
});

/** Waits for the first drawing of ALS, or fails with what the page's status line says. */
async function waitForAls(page: Page): Promise<void> {
  const drawn = page.locator('#node-list button', { hasText: 'Amyotrophic lateral sclerosis' });
  const failed = page.locator('#status.error');
  await Promise.race([drawn.waitFor(), failed.waitFor()]);
  if (await failed.isVisible()) throw new Error(`The explorer says: ${await failed.textContent()}`);
}

describeWithBrowser('the explorer in Chromium', (executablePath) => {
  let session: RecordedSession;
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    session = await openRecordedSession(executablePath, { width: 1280, height: 900 });
    ({ page, context } = session);
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('draws the neighbourhood of ALS', async () => {
    const transfer = await recordTransfer(page);
    const started = Date.now();
    await page.goto(`${server.url}/explore`);
    await waitForAls(page);
    const drawnMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    const fcp = await firstContentfulPaint(page);
    const { bytes, requests } = transfer();
    saveMetrics('explorer', { bytes, requests, firstContentfulPaintMs: fcp && Math.round(fcp), graphDrawnMs: drawnMs });

    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);
    const nodes = await page.locator('#node-list li').count();
    const edges = await page.locator('#edge-list li').count();
    expect(nodes).toBeGreaterThan(3);
    expect(edges).toBeGreaterThanOrEqual(nodes - 1);
    await expect(page.locator('#edge-list').textContent()).resolves.toMatch(/Amyotrophic lateral sclerosis — has symptom → /);
    await screenshot(page, 'explorer', { docs: true });
  });

  it('draws the ~20 neighbours of ALS with no label overlapping another label or node, full names on hover', async () => {
    expect(await page.locator('#node-list li').count()).toBeGreaterThanOrEqual(15);
    expect(await hook(page)).toEqual([]);
    const point = await page.evaluate(() => (window as unknown as { conditionGraphExplorer: ExplorerHook }).conditionGraphExplorer.pagePosition('als'));
    if (!point) throw new Error('ALS is not drawn');
    await page.mouse.move(point.x, point.y);
    await expect(page.locator('#graph').getAttribute('title')).resolves.toBe('Amyotrophic lateral sclerosis');
    await page.mouse.move(1, 1);
  });

  it('shows an edge’s evidence when the edge is clicked on the drawing', async () => {
    const edgeIds = await page.evaluate(() => (window as unknown as { conditionGraphExplorer: ExplorerHook }).conditionGraphExplorer.edgeIds());
    const details = page.locator('#details');
    // Click the middle of an edge on the canvas; a node or another edge may lie on top of some
    // midpoints in a dense drawing, so try a few symptom edges until one opens its evidence.
    const candidates = [...edgeIds.filter((id) => id.includes('|HAS_SYMPTOM|')), ...edgeIds].slice(0, 8);
    let opened = false;
    for (const id of candidates) {
      const point = await page.evaluate(({ edge }) => (window as unknown as { conditionGraphExplorer: ExplorerHook }).conditionGraphExplorer.pagePosition(edge), { edge: id });
      if (!point) continue;
      await page.mouse.click(point.x, point.y);
      opened = await details
        .locator('.evidence blockquote')
        .first()
        .waitFor({ timeout: 2_000 })
        .then(() => true, () => false);
      if (opened) break;
    }
    expect(opened).toBe(true);
    await expect(details.locator('h2').textContent()).resolves.toBe('Evidence');
    expect(((await details.locator('.evidence blockquote').first().textContent()) ?? '').length).toBeGreaterThan(10);
    expect(((await details.locator('.evidence cite').first().textContent()) ?? '').length).toBeGreaterThan(3);
    // The quote, highlighted where it stands in the article: the marked text is one of the quotes.
    const mark = details.locator('.source-text mark.quote');
    await mark.waitFor({ timeout: 10_000 });
    const quotes = (await details.locator('.evidence blockquote').allTextContents()).map((text) => text.replace(/^“|”$/g, ''));
    expect(quotes).toContain(await mark.textContent());
    await expect(details.locator('.source-text h3').textContent()).resolves.toMatch(/^In The source article/);
    expect(await mark.evaluate((element) => element.closest('.text')?.textContent?.startsWith('muscle-twitchingFasciculations'))).toBe(true);
    await screenshot(page, 'explorer-evidence');
  });

  it('expands a node from the keyboard, through the list of nodes', async () => {
    const before = await page.locator('#node-list li').count();
    const symptom = page.locator('#node-list button', { hasText: /fasciculations/i }).first();
    await symptom.focus();
    await page.keyboard.press('Enter');
    await page.locator('#node-list li', { hasText: /fasciculations/i }).filter({ hasText: 'expanded' }).first().waitFor();
    expect(await page.locator('#node-list li').count()).toBeGreaterThan(before);
    await expect(page.locator('#node-list').textContent()).resolves.toContain('Benign fasciculation syndrome');
  });

  it('finds an entity by a cross-reference and redraws around it', async () => {
    await page.fill('#search-input', 'MONDO:0004976');
    await page.keyboard.press('Enter');
    const hit = page.locator('#search-results button', { hasText: 'Amyotrophic lateral sclerosis' });
    await hit.waitFor();
    await hit.click();
    await page.locator('#status', { hasText: 'Amyotrophic lateral sclerosis:' }).waitFor();
  });

  it('shows the ALS/BFS comparison side by side, each item with its evidence', async () => {
    // Keyboard: arrow keys move between tabs.
    await page.locator('#tab-graph').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('#tab-compare').getAttribute('aria-selected')).resolves.toBe('true');
    await page.locator('#compare-choices input[value="bfs"]').waitFor();
    expect(await page.locator('#compare-choices input[value="als"]').isChecked()).toBe(true);
    expect(await page.locator('#compare-choices input[value="bfs"]').isChecked()).toBe(true);
    await page.locator('#compare-form button[type="submit"]').click();
    const columns = page.locator('#compare-result .column');
    await columns.first().waitFor();
    expect(await columns.count()).toBe(3);
    await expect(page.locator('#compare-result .similarity').textContent()).resolves.toMatch(/Similarity: \d+%/);
    const shared = page.locator('#compare-result .column.shared');
    await expect(shared.textContent()).resolves.toMatch(/fasciculations/i);
    await expect(columns.nth(1).locator('h3').textContent()).resolves.toBe('Only Amyotrophic lateral sclerosis');
    expect(await columns.nth(1).locator('li').count()).toBeGreaterThan(0);
    // Open the first shared item's evidence: one link per condition, each with a quote.
    const why = shared.locator('details.why').first();
    await why.locator('summary').click();
    expect(await why.locator('.link').count()).toBe(2);
    expect(await why.locator('blockquote').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'explorer-compare', { fullPage: true });
  });

  it('ranks a differential for ticked symptoms, with why', async () => {
    await page.locator('#tab-differential').click();
    await page.locator('#symptom-choices input').first().waitFor();
    // The filter asks the server (nameContains) for matching symptoms.
    await page.fill('#symptom-filter', 'cramp');
    await page.locator('#symptom-choices label', { hasText: 'Dysarthria' }).waitFor({ state: 'detached' });
    await expect(page.locator('#symptom-choices').textContent()).resolves.toContain('Muscle cramps');
    for (const text of ['fascic', 'weakness']) {
      await page.fill('#symptom-filter', text);
      await page.locator('#symptom-choices label', { hasText: 'Muscle cramps' }).waitFor({ state: 'detached' });
      const box = page.locator('#symptom-choices label', { hasText: new RegExp(text === 'fascic' ? '^\\s*Fasciculations' : 'Muscle weakness', 'i') }).locator('input');
      await box.first().waitFor();
      await box.first().check();
    }
    await page.locator('#differential-form button[type="submit"]').click();
    const rows = page.locator('#differential-result .ranking > li');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // Both symptoms: ALS has them both, BFS only the twitching.
    await expect(rows.first().locator('strong').textContent()).resolves.toBe('Amyotrophic lateral sclerosis');
    const score = Number(await rows.first().locator('.score').textContent());
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    await expect(rows.first().textContent()).resolves.toContain('Matched (2)');
    await screenshot(page, 'explorer-differential', { fullPage: true });
  });

  it('stays usable on a narrow screen', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/explore`);
    await waitForAls(phone);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const graphBox = await phone.locator('#graph').boundingBox();
    expect(graphBox!.width).toBeGreaterThan(300);
    await screenshot(phone, 'explorer-narrow');
    await phone.close();
  });

  it('lists what is stated about BFS in the side panel, grouped by relationship, negative statements marked, each with its quote', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/explore#graph/bfs`);
    const panel = page.locator('#details');
    await panel.locator('.statements').waitFor();
    const negative = panel.locator('.statement-group[data-negated="true"]');
    await expect(negative.locator('h4').first().textContent()).resolves.toContain('does not cause');
    await expect(negative.first().textContent()).resolves.toMatch(/Muscle damage[\s\S]*Nerve damage/i);
    await negative.locator('details.why summary').first().click();
    await expect(negative.locator('blockquote').first().textContent()).resolves.toContain('does not cause any damage to the muscles or nerves');
    const groups = await panel.locator('.statement-group h4').allTextContents();
    expect(groups.some((title) => title.startsWith('symptoms'))).toBe(true);
    expect(await hook(page)).toEqual([]);
    await screenshot(page, 'explorer-statements');
  });

  it('asked nothing of any other host, and logged no errors', () => {
    expect(session.foreign(server.url)).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
