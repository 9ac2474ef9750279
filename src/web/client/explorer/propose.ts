import { h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { listSources, proposeStatement, type StatementProposal } from './curation-queries';
import { createEntityPicker } from './entity-picker';
import { relationLabel } from './kinds';
import { relationshipChoices } from './relationship-choices';
import { holds, type Session } from './sign-in';
import type { EntityRef } from './types';

type Say = (message: string, kind?: 'info' | 'error') => void;

export interface ProposeForm {
  /** Shows the form for a curator, hides it otherwise. */
  show(session: Session | null): void;
  /** Starts a proposal about this entity (the subject). */
  about(entity: EntityRef): void;
}

/**
 * The Curate tab's "Propose a statement": two entities, a relationship type whose ends fit their
 * kinds, a source and its verbatim quote. Sent as `assertRelationship`; the answer is the change id
 * (the statement waits for a reviewer), or the server's message, which says what to fix.
 */
export function setupPropose(endpoint: string, root: HTMLElement, say: Say): ProposeForm {
  let session: Session | null = null;
  let sourcesLoaded = false;
  /** One idempotency key per distinct proposal: sending the same one again replays, never duplicates. */
  let lastKey: { input: string; key: string } | null = null;

  const relation = h('select', { id: 'relation-type', required: true });
  const negated = h('input', { id: 'relation-negated', type: 'checkbox' });
  const negatedLabel = h('label', { for: 'relation-negated', class: 'inline' }, negated, ' negative statement (stated NOT to be so)');
  const relationHint = h('p', { class: 'hint', id: 'relation-hint' });
  const source = h('select', { id: 'evidence-source', required: true }, h('option', { value: 'article' }, 'The source article'));
  const quote = h('textarea', { id: 'evidence-quote', rows: 3, required: true, placeholder: 'The source’s exact words that state it' });
  const reason = h('input', { id: 'proposal-reason', type: 'text', autocomplete: 'off', placeholder: 'optional: why' });
  const result = h('div', { id: 'propose-result', 'aria-live': 'polite' });

  const subject = createEntityPicker(endpoint, 'subject', 'Subject', () => updateRelations());
  const object = createEntityPicker(endpoint, 'object', 'Object', () => updateRelations());

  function updateRelations(): void {
    const from = subject.value();
    const to = object.value();
    const choices = from && to ? relationshipChoices(from.kind, to.kind) : [];
    const previous = relation.value;
    replaceChildren(
      relation,
      choices.map((choice) => h('option', { value: choice.type, title: choice.description, 'data-negatable': String(choice.negatable) }, relationLabel(choice.type))),
    );
    if (choices.some((choice) => choice.type === previous)) relation.value = previous;
    relation.disabled = choices.length === 0;
    relationHint.textContent =
      !from || !to
        ? 'Pick both ends to see the relationships that fit them.'
        : choices.length === 0
          ? `No relationship goes from a ${from.kind} to a ${to.kind}; swap the ends or pick others.`
          : (choices.find((choice) => choice.type === relation.value)?.description ?? '');
    updateNegatable();
  }

  function updateNegatable(): void {
    const negatable = relation.selectedOptions[0]?.dataset.negatable === 'true';
    negated.disabled = !negatable;
    if (!negatable) negated.checked = false;
    negatedLabel.hidden = !negatable;
  }
  relation.addEventListener('change', () => {
    relationHint.textContent = relation.selectedOptions[0]?.title ?? '';
    updateNegatable();
  });

  async function loadSources(): Promise<void> {
    sourcesLoaded = true;
    try {
      const sources = await listSources(endpoint);
      const previous = source.value;
      replaceChildren(source, sources.map((item) => h('option', { value: item.id }, `${item.name} (${item.id})`)));
      source.value = sources.some((item) => item.id === previous) ? previous : (sources[0]?.id ?? '');
    } catch (error) {
      sourcesLoaded = false;
      say(`Could not load the sources: ${messageOf(error)}`, 'error');
    }
  }

  function keyFor(input: StatementProposal): string {
    const text = JSON.stringify(input);
    if (lastKey?.input !== text) lastKey = { input: text, key: `explorer-${crypto.randomUUID()}` };
    return lastKey.key;
  }

  async function submit(): Promise<void> {
    const from = subject.value();
    const to = object.value();
    if (!session) return;
    if (!from || !to || !relation.value) {
      replaceChildren(result, h('p', { class: 'error' }, 'Pick a subject, an object and a relationship that fits them.'));
      return;
    }
    const input: StatementProposal = {
      subject: from.id,
      type: relation.value,
      object: to.id,
      negated: negated.checked,
      evidence: [{ source: source.value, quote: quote.value }],
      ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
    };
    replaceChildren(result, h('p', { class: 'hint' }, 'Proposing…'));
    try {
      const change = await proposeStatement(endpoint, session.token, input, keyFor(input));
      replaceChildren(
        result,
        h(
          'p',
          { class: 'proposed' },
          change.replayed ? 'Already proposed: change ' : 'Proposed: change ',
          h('code', { 'data-change-id': change.id }, change.id),
          ` (${change.status.toLowerCase()}). It shows in reads once a reviewer accepts it.`,
        ),
      );
      say(`Proposed ${from.name} ${relationLabel(input.type)} ${to.name}: change ${change.id}.`);
    } catch (error) {
      replaceChildren(result, h('p', { class: 'error', role: 'alert' }, messageOf(error)));
    }
  }

  const form = h(
    'form',
    { id: 'propose-form', method: 'post', onsubmit: (event: Event) => (event.preventDefault(), void submit()) },
    h('div', { class: 'ends' }, subject.element, h('button', { type: 'button', id: 'swap-ends', onclick: () => swap() }, '⇄ Swap'), object.element),
    h('div', { class: 'row' }, h('label', { for: 'relation-type' }, 'Relationship'), relation, negatedLabel),
    relationHint,
    h('div', { class: 'row' }, h('label', { for: 'evidence-source' }, 'Source'), source),
    h('label', { for: 'evidence-quote', class: 'block' }, 'Quote (verbatim: a quote of a source whose text the graph holds must be found in it)'),
    quote,
    h('div', { class: 'row' }, h('label', { for: 'proposal-reason' }, 'Reason'), reason),
    h('button', { type: 'submit' }, 'Propose'),
  );

  function swap(): void {
    const [from, to] = [subject.value(), object.value()];
    subject.set(to);
    object.set(from);
  }

  replaceChildren(root, h('h2', {}, 'Propose a statement'), form, result);
  updateRelations();

  return {
    show(next) {
      session = next;
      const curator = holds(next, 'CURATOR');
      root.hidden = !curator;
      if (curator && !sourcesLoaded) void loadSources();
    },
    about(entity) {
      subject.set(entity);
      object.element.querySelector('input')?.focus();
    },
  };
}
