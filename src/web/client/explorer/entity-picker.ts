import { h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { kindStyle } from './kinds';
import { searchEntities } from './queries';
import type { EntityRef } from './types';

export interface EntityPicker {
  readonly element: HTMLElement;
  value(): EntityRef | null;
  set(entity: EntityRef | null): void;
}

/**
 * One end of a proposed statement: search the graph by name, alias or CURIE, pick a hit. `name` is
 * the end's role ("subject", "object"): it names the elements, so tests and labels can find them.
 */
export function createEntityPicker(endpoint: string, name: string, label: string, onPick: () => void): EntityPicker {
  let picked: EntityRef | null = null;
  const input = h('input', { id: `${name}-search`, type: 'search', autocomplete: 'off', placeholder: 'a name, alias or CURIE' });
  const hits = h('ul', { class: 'chips', id: `${name}-hits`, 'aria-label': `Matches for the ${name}` });
  const chosen = h('output', { id: `${name}-chosen`, for: `${name}-search` });

  function render(entity: EntityRef | null): void {
    picked = entity;
    replaceChildren(
      chosen,
      entity
        ? [h('span', { class: 'swatch', style: `background:${kindStyle(entity.kind).color}` }), h('strong', {}, entity.name), h('span', { class: 'kind-label' }, ` ${kindStyle(entity.kind).label} · ${entity.id}`)]
        : h('span', { class: 'hint' }, 'none picked'),
    );
  }

  function set(entity: EntityRef | null): void {
    render(entity);
    onPick();
  }

  async function find(): Promise<void> {
    const text = input.value.trim();
    if (!text) return;
    try {
      const found = await searchEntities(endpoint, text);
      replaceChildren(
        hits,
        found.length === 0
          ? h('li', { class: 'hint' }, `Nothing matches “${text}”.`)
          : found.map((entity) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'chip', 'data-id': entity.id, onclick: () => (set(entity), replaceChildren(hits)) },
                  h('span', { class: 'swatch', style: `background:${kindStyle(entity.kind).color}` }),
                  entity.name,
                  h('span', { class: 'kind-label' }, ` ${kindStyle(entity.kind).label}`),
                ),
              ),
            ),
      );
    } catch (error) {
      replaceChildren(hits, h('li', { class: 'error' }, messageOf(error)));
    }
  }

  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // Enter searches; it does not submit the proposal.
    void find();
  });
  const element = h(
    'fieldset',
    { class: 'picker' },
    h('legend', {}, label),
    h('div', { class: 'row' }, h('label', { for: `${name}-search` }, 'Find'), input, h('button', { type: 'button', id: `${name}-find`, onclick: () => void find() }, 'Find')),
    hits,
    h('p', {}, 'Picked: ', chosen),
  );
  render(null);
  return { element, value: () => picked, set };
}
