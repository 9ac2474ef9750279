import { h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { summarizeChange } from './change-summary';
import { listPending, reviewChange, type PendingChange } from './curation-queries';
import { holds, type Session } from './sign-in';

type Say = (message: string, kind?: 'info' | 'error') => void;

export interface ReviewQueue {
  /** Shows the queue to a reviewer (and loads it), hides it otherwise. */
  show(session: Session | null): void;
  refresh(): Promise<void>;
}

/**
 * The Curate tab's "Pending proposals" (`changes(status: PROPOSED)`), each with Accept and Reject
 * (`reviewChange`) for a reviewer. Nobody reviews their own proposal: the server refuses it, and the
 * queue says so instead of offering the buttons.
 */
export function setupReview(endpoint: string, root: HTMLElement, say: Say): ReviewQueue {
  let session: Session | null = null;
  const list = h('ul', { id: 'review-list', class: 'review-list' });
  const count = h('p', { class: 'hint', id: 'review-count' });

  function item(change: PendingChange): HTMLElement {
    const summary = summarizeChange(change.operation, change.payload);
    const outcome = h('p', { class: 'outcome', 'aria-live': 'polite' });
    const note = h('input', { type: 'text', class: 'review-reason', 'aria-label': 'Review reason (optional)', placeholder: 'optional: why', autocomplete: 'off' });
    const buttons = h('div', { class: 'row' });

    async function decide(decision: 'ACCEPT' | 'REJECT'): Promise<void> {
      if (!session) return;
      for (const button of Array.from(buttons.querySelectorAll('button'))) button.disabled = true;
      try {
        const reviewed = await reviewChange(endpoint, session.token, change.id, decision, note.value.trim());
        replaceChildren(buttons);
        outcome.className = 'outcome done';
        outcome.textContent = `${reviewed.status === 'ACCEPTED' ? 'Accepted' : 'Rejected'} by ${reviewed.reviewer ?? session.subject}.`;
        say(`Change ${change.id} ${reviewed.status.toLowerCase()}.`);
      } catch (error) {
        for (const button of Array.from(buttons.querySelectorAll('button'))) button.disabled = false;
        outcome.className = 'outcome error';
        outcome.textContent = messageOf(error);
      }
    }

    if (session && change.actor === session.subject) {
      outcome.textContent = 'Your own proposal: another reviewer decides on it.';
    } else {
      replaceChildren(
        buttons,
        note,
        h('button', { type: 'button', class: 'accept', onclick: () => void decide('ACCEPT') }, 'Accept'),
        h('button', { type: 'button', class: 'reject', onclick: () => void decide('REJECT') }, 'Reject'),
      );
    }
    return h(
      'li',
      { 'data-change-id': change.id },
      h('p', {}, h('strong', { class: 'change-title' }, summary.title)),
      summary.quotes.length
        ? h('ul', { class: 'evidence compact' }, summary.quotes.map((q) => h('li', {}, h('blockquote', {}, `“${q.quote}”`), h('cite', {}, q.source))))
        : null,
      h('p', { class: 'hint' }, `Proposed by ${change.actor}, ${change.proposedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`, change.reason ? ` — ${change.reason}` : '', ' · change ', h('code', {}, change.id)),
      buttons,
      outcome,
    );
  }

  async function refresh(): Promise<void> {
    if (!session) return;
    replaceChildren(count, 'Loading the proposals…');
    try {
      const { changes, total } = await listPending(endpoint, session.token);
      count.className = 'hint';
      count.textContent = total === 0 ? 'Nothing waits for review.' : `${total} proposal${total === 1 ? '' : 's'} wait${total === 1 ? 's' : ''} for review${total > changes.length ? ` (the newest ${changes.length} shown)` : ''}.`;
      replaceChildren(list, changes.map(item));
    } catch (error) {
      count.className = 'error';
      count.textContent = messageOf(error);
    }
  }

  replaceChildren(
    root,
    h('div', { class: 'row' }, h('h2', {}, 'Pending proposals'), h('button', { type: 'button', id: 'review-refresh', onclick: () => void refresh() }, 'Refresh')),
    count,
    list,
  );

  return {
    show(next) {
      session = next;
      root.hidden = !holds(next, 'REVIEWER');
      if (root.hidden) replaceChildren(list);
      else void refresh();
    },
    refresh,
  };
}
