import { h } from '../shared/dom';
import { relationLabel } from './kinds';
import type { ComparisonLink, Evidence, SourceText, TextSpan } from './types';

/** A list of quotes, each with the source that says it. */
export function evidenceList(evidence: readonly Evidence[], { compact = false } = {}): HTMLElement {
  if (evidence.length === 0) return h('p', { class: 'hint' }, 'No evidence recorded.');
  return h(
    'ul',
    { class: compact ? 'evidence compact' : 'evidence' },
    evidence.map((item) =>
      h(
        'li',
        {},
        h('blockquote', {}, `“${item.quote}”`),
        h('cite', {}, '— ', item.source.url ? h('a', { href: item.source.url, rel: 'noopener noreferrer', target: '_blank' }, item.source.name) : item.source.name),
      ),
    ),
  );
}

/** An expandable "why" for list items: the summary line, with the evidence on demand. */
export function withEvidence(summary: Node | string, evidence: readonly Evidence[]): HTMLElement {
  return h('details', { class: 'why' }, h('summary', {}, summary, h('span', { class: 'count' }, ` (${evidence.length} source${evidence.length === 1 ? '' : 's'})`)), evidenceList(evidence, { compact: true }));
}

/** A compared item's "why": for each condition it is linked to, the relationship and its evidence. */
export function withLinks(summary: Node | string, links: readonly ComparisonLink[]): HTMLElement {
  const sources = new Set(links.flatMap((link) => link.evidence.map((e) => e.source.id))).size;
  return h(
    'details',
    { class: 'why' },
    h('summary', {}, summary, h('span', { class: 'count' }, ` (${sources} source${sources === 1 ? '' : 's'})`)),
    links.map((link) => h('div', { class: 'link' }, h('p', { class: 'relation' }, h('strong', {}, link.condition.name), ` — ${relationLabel(link.relation)}`), evidenceList(link.evidence, { compact: true }))),
  );
}

/**
 * The source text with the quote's span marked (and a list item's intro, marked apart), as a
 * scrollable passage: what the quote *is* in the article, for a reader to check.
 */
export function highlightedText(source: SourceText, spans: readonly TextSpan[]): HTMLElement {
  const marks = spans
    .map((span, i) => ({ start: span.start, end: span.end, kind: i === 0 ? 'quote' : 'intro' }))
    .filter((mark) => mark.end <= source.text.length)
    .sort((a, b) => a.start - b.start);
  const parts: (Node | string)[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at) continue;
    parts.push(source.text.slice(at, mark.start), h('mark', { class: mark.kind, 'data-start': String(mark.start), 'data-end': String(mark.end) }, source.text.slice(mark.start, mark.end)));
    at = mark.end;
  }
  parts.push(source.text.slice(at));
  return h('section', { class: 'source-text', 'aria-label': `The quote in ${source.name}` }, h('h3', {}, `In ${source.name}`), h('div', { class: 'text' }, parts));
}
