import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, openRecordedSession, type RecordedSession } from './browser';
import { firstContentfulPaint, recordTransfer, saveMetrics } from './metrics';
import { screenshot, useWebServer } from './web-server';

const EXAMPLES_DIR = path.join(__dirname, '../../src/web/examples');

jest.setTimeout(60_000);

const server = useWebServer();

describe('the playground examples, over HTTP', () => {
  it.each(readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.graphql')))('%s runs without errors against the seeded graph', async (file) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: readFileSync(path.join(EXAMPLES_DIR, file), 'utf8') }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    const [value] = Object.values(body.data ?? {});
    expect(value).toBeTruthy();
    if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
  });
});

describeWithBrowser('the GraphQL playground in Chromium', (executablePath) => {
  let session: RecordedSession;
  let page: Page;

  beforeAll(async () => {
    session = await openRecordedSession(executablePath, { width: 1280, height: 800 });
    ({ page } = session);
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('loads at /graphql for a browser, from this server only, with the examples in tabs', async () => {
    const transfer = await recordTransfer(page);
    const started = Date.now();
    const response = await page.goto(`${server.url}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-query-editor .monaco-editor .view-lines').filter({ hasText: 'sharedSymptoms' }).waitFor();
    const readyMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    const fcp = await firstContentfulPaint(page);
    const { bytes, requests } = transfer();
    saveMetrics('playground', { bytes, requests, firstContentfulPaintMs: fcp && Math.round(fcp), editorReadyMs: readyMs });

    const tabs = await page.locator('.graphiql-tab').allTextContents();
    expect(tabs.join(' ')).toEqual(expect.stringContaining('SharedSymptoms'));
    expect(tabs).toHaveLength(readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.graphql')).length);
  });

  it('runs the shared-symptoms example to a result', async () => {
    // The first tab is open: run it as a visitor would, with the ▶ button.
    await expect(page.locator('.graphiql-tab-active').textContent()).resolves.toContain('SharedSymptoms');
    const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('SharedSymptoms'));
    await page.getByRole('button', { name: /execute query/i }).click();
    const body = (await (await answered).json()) as { data?: { sharedSymptomsWithEvidence: { symptom: { name: string } }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const names = body.data?.sharedSymptomsWithEvidence.map((row) => row.symptom.name.toLowerCase()) ?? [];
    expect(names.some((name) => name.includes('fasciculation'))).toBe(true);
    // And the result pane shows it.
    const result = page.locator('.result-window .view-lines');
    await result.filter({ hasText: '"sharedSymptomsWithEvidence"' }).waitFor();
    expect(await result.textContent()).not.toContain('"errors"');
    await screenshot(page, 'playground', { docs: true });
  });

  it('shows every example tab\'s result as soon as its answer arrives', async () => {
    const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.graphql'));
    const tabs = page.locator('.graphiql-tab');
    for (let index = 0; index < files.length; index += 1) {
      await tabs.nth(index).locator('button').first().click();
      const name = /^(?:query|mutation)\s+(\w+)/m.exec(readFileSync(path.join(EXAMPLES_DIR, files[index] ?? ''), 'utf8'))?.[1] ?? '';
      expect(name).not.toBe('');
      const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes(name));
      await page.getByRole('button', { name: /execute query/i }).click();
      const body = (await (await answered).json()) as { data?: Record<string, unknown>; errors?: unknown };
      expect({ name, errors: body.errors }).toEqual({ name, errors: undefined });
      const [field] = Object.keys(body.data ?? {});
      // The result pane shows this answer (its first root field) without any further interaction.
      await page.locator('.result-window .view-lines').filter({ hasText: `"${field}"` }).waitFor({ timeout: 5_000 });
    }
    await tabs.first().locator('button').first().click();
  });

  it('shows the schema documentation', async () => {
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.waitFor();
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('sharedSymptoms', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /documentation explorer/i }).click();
  });

  it('autocompletes fields from the schema', async () => {
    // A new tab, so the examples stay as they are.
    await page.getByRole('button', { name: /new tab/i }).click();
    const editor = page.locator('.graphiql-query-editor .monaco-editor').last();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ graphS');
    await page.keyboard.press('Control+Space');
    await page.locator('.monaco-editor .suggest-widget').getByText('graphStats').first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /close tab/i }).last().click();
  });

  it('asked nothing of any other host, and logged no errors', () => {
    expect(session.foreign(server.url)).toEqual([]);
    expect(session.requested.some((url) => url.includes('/web/workers/graphql.worker.js'))).toBe(true);
    expect(session.problems).toEqual([]);
  });
});
