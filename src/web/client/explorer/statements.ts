import { h } from '../shared/dom';
import { withEvidence } from './evidence';
import { kindStyle, relationLabel } from './kinds';
import type { EntityRef, Statement } from './types';

/** "causedBy" → "caused by". */
function words(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "causes" → "does not cause", "has symptom" → "does not have symptom", "associated with" → "not associated with". */
function negativeVerb(label: string): string {
  const [verb = '', ...rest] = label.split(' ');
  const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
  if (verb === 'has') return `does not have${tail}`;
  if (/[^s]s$|es$/.test(verb)) return `does not ${verb.slice(0, -1)}${tail}`;
  return `not ${label}`;
}

/**
 * How a group of statements reads from the entity shown: the field at this end ("causes",
 * "caused by", "symptoms"), and for negative statements "does not cause" / "not caused by".
 */
export function statementHeading(statement: Pick<Statement, 'type' | 'field' | 'direction' | 'negated'>): string {
  if (!statement.negated) return words(statement.field);
  return statement.direction === 'OUT' ? negativeVerb(relationLabel(statement.type)) : `not ${words(statement.field)}`;
}

/**
 * The side panel's "Statements" section: every statement about the entity, grouped by relationship
 * (positive groups first), negative statements marked, each item with its quotes on demand.
 */
export function statementGroups(statements: readonly Statement[], total: number, open: (entity: EntityRef) => void): HTMLElement {
  const groups = new Map<string, Statement[]>();
  for (const statement of [...statements].sort((a, b) => Number(a.negated) - Number(b.negated))) {
    const key = `${statement.negated}|${statement.direction}|${statement.type}`;
    groups.set(key, [...(groups.get(key) ?? []), statement]);
  }
  const more = total > statements.length ? h('p', { class: 'hint' }, `Showing ${statements.length} of ${total} statements.`) : null;
  return h(
    'section',
    { class: 'statements', 'aria-label': 'Statements' },
    h('h3', {}, `Statements (${total})`),
    statements.length === 0 ? h('p', { class: 'hint' }, 'Nothing is stated about it.') : null,
    [...groups.values()].map((group) => {
      const [first] = group;
      if (!first) return null;
      return h(
        'div',
        { class: first.negated ? 'statement-group negative' : 'statement-group', 'data-type': first.type, 'data-negated': String(first.negated) },
        h('h4', {}, statementHeading(first), first.negated ? h('span', { class: 'badge' }, ' negative statement') : null),
        h(
          'ul',
          {},
          group.map((statement) =>
            h(
              'li',
              {},
              withEvidence(
                h(
                  'span',
                  {},
                  h('span', { class: 'swatch', style: `background:${kindStyle(statement.node.kind).color}`, title: kindStyle(statement.node.kind).label }),
                  h('button', { type: 'button', class: 'link', onclick: () => open(statement.node) }, statement.node.name),
                ),
                statement.evidence,
              ),
            ),
          ),
        ),
      );
    }),
    more,
  );
}
