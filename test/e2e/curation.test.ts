import type { Page } from 'playwright-core';
import { describeWithBrowser, openRecordedSession, type RecordedSession } from './browser';
import { screenshot, useWebServer } from './web-server';
import { restoreSeed } from '../helpers/curate';
import { tokenFor } from '../helpers/tokens';

jest.setTimeout(60_000);

const server = useWebServer();

/** The statement the curator proposes: the article says twitches in the eyelid are called eye spasms. */
const QUOTE = 'Such twitches are often referred to as eye spasms when they appear in the eyelid.';

async function changesProposed(): Promise<{ id: string; status: string }[]> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ changes(first: 100) { nodes { id status } } }' }),
  });
  const body = (await response.json()) as { data: { changes: { nodes: { id: string; status: string }[] } } };
  return body.data.changes.nodes;
}

describeWithBrowser('curating in the explorer, in Chromium', (executablePath) => {
  let session: RecordedSession;
  let page: Page;
  let curator: string;
  let reviewer: string;
  let changeId = '';

  beforeAll(async () => {
    curator = await tokenFor('alice', ['curator']);
    reviewer = await tokenFor('bob', ['reviewer']);
    session = await openRecordedSession(executablePath, { width: 1280, height: 900 });
    ({ page } = session);
  });
  afterAll(async () => {
    await session?.browser.close();
    // The seed as it was, for the test files that run after this one.
    await restoreSeed(server.db, 'e2e-curation-');
  });

  /** Loads the explorer afresh at `hash` (a goto that changes only the hash would not reload it). */
  async function open(hash: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${server.url}/explore#${hash}`);
  }

  async function signIn(token: string, subject: string): Promise<void> {
    await page.locator('#token-input').fill(`Bearer ${token}`);
    await page.locator('#sign-in-form button[type="submit"]').click();
    await page.locator('#viewer strong', { hasText: subject }).waitFor();
  }

  it('shows a signed-out visitor a sign-in form, and neither a propose form nor a review queue', async () => {
    await open('curate');
    await page.locator('#viewer', { hasText: 'Not signed in' }).waitFor();
    expect(await page.locator('#tab-curate').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#token-input').isVisible()).toBe(true);
    expect(await page.locator('#propose-form').isVisible()).toBe(false);
    expect(await page.locator('#review').isVisible()).toBe(false);
  });

  it('refuses a token the server does not accept, with the server’s message', async () => {
    await page.locator('#token-input').fill('not-a-token');
    await page.locator('#sign-in-form button[type="submit"]').click();
    await page.locator('#viewer .error').waitFor();
    expect(await page.locator('#viewer').textContent()).toMatch(/Not signed in: .*token/i);
    expect(await page.locator('#propose-form').isVisible()).toBe(false);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  });

  it('signs a curator in with a pasted token, says who is signed in, and keeps the token in this tab only', async () => {
    await signIn(curator, 'alice');
    await expect(page.locator('#viewer').textContent()).resolves.toContain('Signed in as alice (curator)');
    expect(page.url()).not.toContain(curator);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([curator]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => localStorage.getItem(key)?.includes('eyJ')))).toEqual([]);
    expect(await page.locator('#propose-form').isVisible()).toBe(true);
    expect(await page.locator('#review').isVisible()).toBe(false);
  });

  it('proposes a statement about the entity shown in the graph: the object found by search, only the relationships that fit, a source and a quote', async () => {
    // Still signed in after a reload (sessionStorage); the side panel offers to propose about the entity shown.
    await open('graph/fasciculations');
    await page.locator('#details button.propose-about', { hasText: 'Propose a statement about Fasciculations' }).click();
    expect(await page.locator('#tab-curate').getAttribute('aria-selected')).toBe('true');
    await expect(page.locator('#subject-chosen').textContent()).resolves.toContain('Fasciculations');

    await page.locator('#object-search').fill('eyelid');
    await page.locator('#object-search').press('Enter');
    await page.locator('#object-hits button[data-id="eyelid"]').click();
    await expect(page.locator('#object-chosen').textContent()).resolves.toContain('Eyelid');
    // A symptom and a body region: the catalogue's one relationship between them.
    expect(await page.locator('#relation-type option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual(['OCCURS_IN']);
    expect(await page.locator('#relation-negated').isVisible()).toBe(false);

    await page.locator('#evidence-source option[value="article"]').waitFor({ state: 'attached' });
    await page.locator('#evidence-source').selectOption('article');
    await page.locator('#evidence-quote').fill(QUOTE);
    await page.locator('#proposal-reason').fill('the article names eyelid twitches');
    await page.locator('#propose-form button[type="submit"]').click();
    const shown = page.locator('#propose-result [data-change-id]');
    await shown.waitFor();
    changeId = (await shown.textContent()) ?? '';
    expect(changeId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.locator('#propose-result').textContent()).resolves.toContain('(proposed)');
    expect(await changesProposed()).toContainEqual({ id: changeId, status: 'PROPOSED' });
    await screenshot(page, 'explorer-curate', { docs: true, fullPage: true });
  });

  it('shows the server’s message for a quote the source does not hold, and proposes nothing', async () => {
    const before = await changesProposed();
    await page.locator('#evidence-quote').fill('Twitching in the eyelid always means ALS.');
    await page.locator('#propose-form button[type="submit"]').click();
    const error = page.locator('#propose-result .error');
    await error.waitFor();
    // The server says which quote and where to look (the nearest passage of the article).
    expect(await error.textContent()).toMatch(/quote/i);
    expect(await error.textContent()).toContain('eyelid');
    expect(await changesProposed()).toEqual(before);
  });

  it('lets a reviewer, after the curator signs out, see the proposal pending and accept it', async () => {
    await page.locator('#sign-out').click();
    await page.locator('#viewer', { hasText: 'Not signed in' }).waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    expect(await page.locator('#propose-form').isVisible()).toBe(false);

    await signIn(reviewer, 'bob');
    expect(await page.locator('#propose-form').isVisible()).toBe(false);
    const pending = page.locator(`#review-list > li[data-change-id="${changeId}"]`);
    await pending.waitFor();
    await expect(pending.locator('.change-title').textContent()).resolves.toBe('fasciculations — occurs in → eyelid');
    await expect(pending.textContent()).resolves.toContain(QUOTE);
    await expect(pending.textContent()).resolves.toContain('Proposed by alice');
    await screenshot(page, 'explorer-review', { fullPage: true });

    await pending.locator('button.accept').click();
    await pending.locator('.outcome.done', { hasText: 'Accepted by bob' }).waitFor();
    expect(await pending.locator('button.accept').count()).toBe(0);
    expect(await changesProposed()).toContainEqual({ id: changeId, status: 'ACCEPTED' });
  });

  it('shows the accepted statement where the explorer reads what is stated about the entity', async () => {
    await open('graph/fasciculations');
    const group = page.locator('#details .statement-group[data-type="OCCURS_IN"]');
    await group.first().waitFor();
    await expect(group.first().textContent()).resolves.toContain('Eyelid');
    const item = group.locator('li', { hasText: 'Eyelid' });
    await item.locator('details.why summary').click();
    await expect(item.locator('blockquote').first().textContent()).resolves.toContain('eye spasms');
  });

  it('lists a reviewer’s own proposal without Accept and Reject, and lets another reviewer reject it', async () => {
    await open('curate');
    await page.locator('#sign-out').click();
    await signIn(await tokenFor('carol', ['curator', 'reviewer']), 'carol');
    for (const [end, text, id] of [['subject', 'fasciculations', 'fasciculations'], ['object', 'neurologist', 'neurologist']] as const) {
      await page.locator(`#${end}-search`).fill(text);
      await page.locator(`#${end}-find`).click();
      await page.locator(`#${end}-hits button[data-id="${id}"]`).click();
    }
    await page.locator('#evidence-source option[value="article"]').waitFor({ state: 'attached' });
    await page.locator('#evidence-source').selectOption('article');
    await page.locator('#evidence-quote').fill('Anyone who becomes concerned about persistent muscle twitching should consult with a neurologist.');
    await page.locator('#propose-form button[type="submit"]').click();
    const own = (await page.locator('#propose-result [data-change-id]').textContent()) ?? '';
    expect(own).toMatch(/^[0-9a-f-]{36}$/);

    await page.locator('#review-refresh').click();
    const listed = page.locator(`#review-list > li[data-change-id="${own}"]`);
    await listed.locator('.outcome', { hasText: 'Your own proposal' }).waitFor();
    expect(await listed.locator('button').count()).toBe(0);

    await page.locator('#sign-out').click();
    await signIn(reviewer, 'bob');
    const pending = page.locator(`#review-list > li[data-change-id="${own}"]`);
    await pending.locator('.review-reason').fill('the reference already says it');
    await pending.locator('button.reject').click();
    await pending.locator('.outcome.done', { hasText: 'Rejected by bob' }).waitFor();
    expect(await changesProposed()).toContainEqual({ id: own, status: 'REJECTED' });
  });

  it('asked nothing of any other host, and logged no errors but the refused requests it provoked', () => {
    expect(session.foreign(server.url)).toEqual([]);
    // The invalid token (401) and the bad quote (400) were refused by the server, as they should be;
    // the browser logs each refused request as a console error.
    const unexpected = session.problems.filter((problem) => !/Failed to load resource: the server responded with a status of (400|401)/.test(problem));
    expect(unexpected).toEqual([]);
  });
});
