import { byId, h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { withLinks } from './evidence';
import { kindStyle } from './kinds';
import { compareConditions, listConditions } from './queries';
import type { ComparisonGroup, ComparisonModel } from './types';

type Say = (message: string, kind?: 'info' | 'error') => void;

/** The Compare tab: tick two or more conditions, see what they share and what sets each apart. */
export function setupCompare(endpoint: string, say: Say): () => void {
  const choices = byId('compare-choices');
  const result = byId('compare-result');
  let loaded = false;

  async function load(): Promise<void> {
    loaded = true;
    try {
      const conditions = await listConditions(endpoint);
      replaceChildren(
        choices,
        conditions.map((condition) =>
          h(
            'label',
            { class: 'choice' },
            h('input', { type: 'checkbox', name: 'condition', value: condition.id, checked: condition.id === 'als' || condition.id === 'bfs' }),
            ` ${condition.name}`,
          ),
        ),
      );
    } catch (error) {
      loaded = false;
      replaceChildren(choices, h('p', { class: 'error' }, `Could not load the conditions: ${messageOf(error)}`));
    }
  }

  byId<HTMLFormElement>('compare-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const ids = Array.from(choices.querySelectorAll<HTMLInputElement>('input[name="condition"]:checked')).map((input) => input.value);
    if (ids.length < 2) {
      say('Pick at least two conditions to compare.', 'error');
      return;
    }
    say('Comparing…');
    compareConditions(endpoint, ids).then(
      (model) => {
        render(model);
        say(`Compared ${model.conditions.map((c) => c.name).join(', ')}.`);
      },
      (error: unknown) => say(messageOf(error), 'error'),
    );
  });

  function group(groupModel: ComparisonGroup): HTMLElement | null {
    if (groupModel.items.length === 0) return null;
    return h(
      'section',
      { class: 'group' },
      h('h4', {}, groupModel.title),
      h(
        'ul',
        {},
        groupModel.items.map((item) =>
          h('li', {}, withLinks(h('span', {}, h('span', { class: 'swatch', style: `background:${kindStyle(item.entity.kind).color}` }), item.entity.name), item.links)),
        ),
      ),
    );
  }

  function render(model: ComparisonModel): void {
    const shared = model.shared.map(group).filter(Boolean);
    replaceChildren(
      result,
      h(
        'p',
        { class: 'similarity' },
        `Similarity: ${(model.similarity * 100).toFixed(0)}%`,
        h('span', { class: 'hint' }, ` — ${model.similarityNote}`),
      ),
      h(
        'div',
        { class: 'columns', style: `--columns:${model.distinct.length + 1}` },
        h('article', { class: 'column shared', 'aria-label': 'Shared by all' }, h('h3', {}, 'Shared by all'), shared.length ? shared : h('p', { class: 'hint' }, 'Nothing shared.')),
        model.distinct.map((column) => {
          const groups = column.groups.map(group).filter(Boolean);
          return h(
            'article',
            { class: 'column', 'aria-label': `Only ${column.condition.name}` },
            h('h3', {}, `Only ${column.condition.name}`),
            groups.length ? groups : h('p', { class: 'hint' }, 'Nothing that sets it apart.'),
          );
        }),
      ),
    );
  }

  return () => {
    if (!loaded) void load();
  };
}
