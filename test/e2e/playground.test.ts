import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, openRecordedSession, type RecordedSession } from './browser';
import { firstContentfulPaint, recordTransfer, saveMetrics } from './metrics';
import { screenshot, useWebServer } from './web-server';
import { restoreSeed } from '../helpers/curate';
import { tokenFor } from '../helpers/tokens';

const EXAMPLES_DIR = path.join(__dirname, '../../src/web/examples');
const EXAMPLE_FILES = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.graphql'));
const example = (file: string) => readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
const isMutation = (file: string) => /^mutation\s/m.test(example(file));
/** The one example whose text matches, e.g. the example that calls reviewChange. */
const exampleCalling = (field: string) => EXAMPLE_FILES.filter((file) => new RegExp(`\\b${field}\\s*\\(`).test(example(file)));

jest.setTimeout(60_000);

const server = useWebServer();

interface Answer<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post<T = Record<string, unknown>>(query: string, { token, variables }: { token?: string; variables?: Record<string, unknown> } = {}): Promise<Answer<T>> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer<T>, 'status'>) };
}

/** A token for the role the example's comment names ("npm run token -- --role curator --sub alice"). */
function tokenForExample(file: string): Promise<string> {
  const [, role, subject] = /npm run token -- --role (curator|reviewer) --sub (\w+)/.exec(example(file)) ?? [];
  if (!role || !subject) throw new Error(`${file} does not say which token to set`);
  return tokenFor(subject, [role as 'curator' | 'reviewer']);
}

interface ChangeAnswer {
  change: { id: string; status: string; actor: string; reviewer?: string | null };
}

describe('the playground examples, over HTTP', () => {
  afterAll(async () => {
    await restoreSeed(server.db, 'e2e-playground-');
  });

  it.each(EXAMPLE_FILES.filter((file) => !isMutation(file)))('%s runs without errors against the seeded graph', async (file) => {
    const body = await post(example(file));
    expect(body.errors).toBeUndefined();
    expect(body.status).toBe(200);
    const [value] = Object.values(body.data ?? {});
    expect(value).toBeTruthy();
    if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
  });

  it.each(EXAMPLE_FILES.filter(isMutation))('%s, run without the token its comment names, is refused as UNAUTHENTICATED', async (file) => {
    const body = await post(example(file), { variables: { id: 'no-such-change' } });
    expect(body.status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs the proposal → review round: the curator’s proposal, accepted by the reviewer, shows in the history', async () => {
    const [propose] = exampleCalling('assertRelationship');
    const [review] = exampleCalling('reviewChange');
    const [history] = exampleCalling('changes').filter((file) => !isMutation(file));
    if (!propose || !review || !history) throw new Error('the examples lack a proposal → review round');
    const proposed = await post<{ assertRelationship: ChangeAnswer }>(example(propose), { token: await tokenForExample(propose) });
    expect(proposed.errors).toBeUndefined();
    const change = proposed.data!.assertRelationship.change;
    expect(change).toMatchObject({ status: 'PROPOSED', actor: 'alice' });

    const pending = await post<{ changes: { nodes: { id: string }[] } }>(example(history));
    expect(pending.data?.changes.nodes.map((node) => node.id)).toContain(change.id);

    const reviewed = await post<{ reviewChange: ChangeAnswer }>(example(review), { token: await tokenForExample(review), variables: { id: change.id } });
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data!.reviewChange.change).toMatchObject({ id: change.id, status: 'ACCEPTED', reviewer: 'bob' });

    const after = await post<{ changes: { nodes: { id: string }[] }; entity: { history: { operation: string; status: string; actor: string; reviewer: string }[] } }>(example(history));
    expect(after.data?.changes.nodes.map((node) => node.id)).not.toContain(change.id);
    expect(after.data?.entity.history).toContainEqual(expect.objectContaining({ operation: 'ASSERT_RELATIONSHIP', status: 'ACCEPTED', actor: 'alice', reviewer: 'bob' }));
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

  /** Replaces the text of the tab's Headers or Variables pane (a Monaco editor) as a visitor would paste it. */
  async function fillPane(pane: 'headers' | 'variables', text: string): Promise<void> {
    await page.locator(`.graphiql-editor-tools button[data-name="${pane}"]`).click();
    const editor = page.locator(`.graphiql-editor-tool[aria-label="${pane === 'headers' ? 'Headers' : 'Variables'}"] .graphiql-editor:not(.hidden) .monaco-editor`);
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  it('shows every example tab\'s result as soon as its answer arrives, the curating ones with the token their comment names', async () => {
    const files = EXAMPLE_FILES;
    const tabs = page.locator('.graphiql-tab');
    let changeId = '';
    try {
      for (let index = 0; index < files.length; index += 1) {
        const file = files[index] ?? '';
        await tabs.nth(index).locator('button').first().click();
        const name = /^(?:query|mutation)\s+(\w+)/m.exec(example(file))?.[1] ?? '';
        expect(name).not.toBe('');
        if (isMutation(file)) {
          await fillPane('headers', JSON.stringify({ Authorization: `Bearer ${await tokenForExample(file)}` }));
          if (/\$id: ID!/.test(example(file))) await fillPane('variables', JSON.stringify({ id: changeId }));
        }
        const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes(name));
        await page.getByRole('button', { name: /execute query/i }).click();
        const body = (await (await answered).json()) as { data?: Record<string, { change?: { id: string } }>; errors?: unknown };
        expect({ name, errors: body.errors }).toEqual({ name, errors: undefined });
        const [field] = Object.keys(body.data ?? {});
        changeId = body.data?.[field ?? '']?.change?.id ?? changeId;
        // The result pane shows this answer (its first root field) without any further interaction.
        await page.locator('.result-window .view-lines').filter({ hasText: `"${field}"` }).waitFor({ timeout: 5_000 });
      }
      expect(changeId).not.toBe('');
    } finally {
      await restoreSeed(server.db, 'e2e-playground-');
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
