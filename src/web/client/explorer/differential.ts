import { byId, h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { withEvidence } from './evidence';
import { listSymptoms, rankConditions } from './queries';
import type { ListedEntity, RankedCondition } from './types';

type Say = (message: string, kind?: 'info' | 'error') => void;

/** The Differential tab: tick symptoms, see conditions ranked by how well they match, and why. */
export function setupDifferential(endpoint: string, say: Say): () => void {
  const choices = byId('symptom-choices');
  const filter = byId<HTMLInputElement>('symptom-filter');
  const result = byId('differential-result');
  const ticked = new Map<string, ListedEntity>();
  let loaded = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  let latest = 0;

  async function load(text: string): Promise<void> {
    loaded = true;
    const request = ++latest;
    try {
      const { symptoms, total } = await listSymptoms(endpoint, text);
      // A slower answer to an earlier filter must not replace a newer one.
      if (request !== latest) return;
      const shown = new Set(symptoms.map((s) => s.id));
      // Ticked symptoms stay visible (and ticked) whatever the filter.
      const list = [...[...ticked.values()].filter((s) => !shown.has(s.id)), ...symptoms];
      replaceChildren(
        choices,
        list.map((symptom) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'checkbox',
              name: 'symptom',
              value: symptom.id,
              checked: ticked.has(symptom.id),
              onchange: (event: Event) => {
                if ((event.target as HTMLInputElement).checked) ticked.set(symptom.id, symptom);
                else ticked.delete(symptom.id);
              },
            }),
            ` ${symptom.name}`,
            symptom.count !== undefined ? h('span', { class: 'count' }, ` ${symptom.count}`) : null,
          ),
        ),
        total > symptoms.length ? h('p', { class: 'hint' }, `Showing ${symptoms.length} of ${total}; filter to find others.`) : null,
      );
    } catch (error) {
      loaded = false;
      replaceChildren(choices, h('p', { class: 'error' }, `Could not load the symptoms: ${messageOf(error)}`));
    }
  }

  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(filter.value.trim()), 250);
  });

  byId<HTMLFormElement>('differential-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const ids = [...ticked.keys()];
    if (ids.length === 0) {
      say('Tick at least one symptom.', 'error');
      return;
    }
    say('Ranking conditions…');
    rankConditions(endpoint, ids).then(
      (ranking) => {
        render(ranking);
        say(ranking.length ? `${ranking.length} condition${ranking.length === 1 ? '' : 's'} ranked for ${ids.length} symptom${ids.length === 1 ? '' : 's'}.` : 'No condition has any of these symptoms.');
      },
      (error: unknown) => say(messageOf(error), 'error'),
    );
  });

  function render(ranking: RankedCondition[]): void {
    replaceChildren(
      result,
      h(
        'ol',
        { class: 'ranking' },
        ranking.map((row) =>
          h(
            'li',
            {},
            h(
              'div',
              { class: 'rank-head' },
              h('strong', {}, row.condition.name),
              h('meter', { min: 0, max: 1, value: row.score, 'aria-label': `score ${row.score.toFixed(2)}` }),
              h('span', { class: 'score' }, row.score.toFixed(2)),
            ),
            h('p', { class: 'hint' }, row.explanation),
            h(
              'div',
              { class: 'match-lists' },
              h(
                'div',
                {},
                h('h4', {}, `Matched (${row.matched.length})`),
                h('ul', {}, row.matched.map((m) => h('li', {}, withEvidence(h('span', {}, m.symptom.name, h('span', { class: 'count' }, ` weight ${m.weight.toFixed(2)}`)), m.evidence)))),
              ),
              h('div', {}, h('h4', {}, `Not matched (${row.unmatched.length})`), h('ul', {}, row.unmatched.map((s) => h('li', {}, s.name)))),
              row.contradicted.length
                ? h('div', {}, h('h4', {}, `Stated NOT to have (${row.contradicted.length})`), h('ul', {}, row.contradicted.map((s) => h('li', {}, s.name))))
                : null,
            ),
          ),
        ),
      ),
    );
  }

  return () => {
    if (!loaded) void load('');
  };
}
