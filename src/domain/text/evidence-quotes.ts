import type { Evidence, GraphInput, NodeRecord } from '../model';
import { anchorQuote, checkSpans, decodeSpans, encodeSpans } from './quote-spans';

/**
 * The quote rules applied to evidence: the one place the seed, the KGX import and curation check
 * and anchor a quote against the text of the source it cites.
 *
 * A piece of evidence citing a source whose text the graph holds (the source's own `text`, or the
 * text of the source it is `citedIn`) must quote an exact span of that text: `quote` is the text at
 * its first span, `intro` (a list item's lead-in) the text at its second. Anchoring finds the spans
 * of a quote given without them (whitespace runs matching each other, see quote-spans.ts) and
 * replaces the quote by the text's own characters; checking refuses spans that are not exact.
 * Evidence of a source without text (an HPO annotation, a PubMed id) is not checked.
 */

/** What the quote rules need to know of a Source. */
export interface SourceText {
  text?: string;
  citedIn?: string;
}

export type SourceTexts = ReadonlyMap<string, SourceText>;

/** The text holding the quotes of `sourceId`, with the id of the source that holds it. */
export function quotedText(sourceId: string, sources: SourceTexts): { holder: string; text: string } | undefined {
  const source = sources.get(sourceId);
  if (source === undefined) return undefined;
  if (source.text !== undefined) return { holder: sourceId, text: source.text };
  if (source.citedIn === undefined) return undefined;
  const holder = sources.get(source.citedIn);
  return holder?.text === undefined ? undefined : { holder: source.citedIn, text: holder.text };
}

/** The Sources of an input (their text / citedIn), over those already stored. */
export function sourceTextsOf(nodes: readonly NodeRecord[], stored: SourceTexts = new Map()): Map<string, SourceText> {
  const out = new Map<string, SourceText>(stored);
  for (const node of nodes) {
    if (node.kind !== 'Source') continue;
    const entry: SourceText = {};
    if (node.text !== undefined) entry.text = node.text;
    if (node.citedIn !== undefined) entry.citedIn = node.citedIn;
    out.set(node.id, entry);
  }
  return out;
}

/** Stored Sources as read with their holder's text (`citedIn` -> that Source's text): the map the rules take. */
export function sourceTextsFromRows(
  rows: ReadonlyArray<{ id: string; kind: string; text: string | null; citedIn: string | null; holderText: string | null }>,
): Map<string, SourceText> {
  const texts = new Map<string, SourceText>();
  for (const row of rows) {
    if (row.kind !== 'Source') continue;
    texts.set(row.id, { ...(row.text !== null ? { text: row.text } : {}), ...(row.citedIn !== null ? { citedIn: row.citedIn } : {}) });
  }
  for (const row of rows) {
    if (row.kind === 'Source' && row.citedIn !== null && row.holderText !== null && !texts.has(row.citedIn)) texts.set(row.citedIn, { text: row.holderText });
  }
  return texts;
}

export type QuoteCheck = { ok: true; evidence: Evidence } | { ok: false; field: 'quote' | 'intro' | 'spans'; message: string };

/**
 * The evidence with its quote anchored in its source's text (exact quote, intro and spans), or why
 * it cannot be. Evidence that already has spans is checked, not moved; evidence of a source
 * without text is returned as it is.
 */
export function anchorEvidence(evidence: Evidence, sources: SourceTexts): QuoteCheck {
  const found = quotedText(evidence.source, sources);
  if (found === undefined) return { ok: true, evidence };
  const { text, holder } = found;
  if (evidence.quote.trim() === '') return { ok: false, field: 'quote', message: `a quote is required: the graph holds the text of "${holder}"` };
  if (evidence.spans !== undefined && evidence.spans !== '') {
    const spans = decodeSpans(evidence.spans);
    if (spans === undefined) return { ok: false, field: 'spans', message: `"${evidence.spans}" is not a list of start-end offsets` };
    const problem = checkSpans(text, evidence.quote, spans);
    if (problem) return { ok: false, field: 'spans', message: `${problem} (text of "${holder}")` };
    const introSpan = spans[1];
    const intro = introSpan ? text.slice(introSpan.start, introSpan.end) : undefined;
    if (spans.length > 2) return { ok: false, field: 'spans', message: 'at most two spans: the quote and its intro' };
    if ((evidence.intro ?? undefined) !== intro) {
      return { ok: false, field: 'intro', message: `the intro is not the text at its span${introSpan ? ` ${introSpan.start}-${introSpan.end}` : ' (no second span given)'}` };
    }
    return { ok: true, evidence };
  }
  const anchored = anchorQuote(text, { quote: evidence.quote, ...(evidence.intro ? { intro: evidence.intro } : {}) });
  if (!anchored.ok) return { ok: false, field: anchored.message.startsWith('intro') ? 'intro' : 'quote', message: `${anchored.message} (text of "${holder}")` };
  const [quoteSpan, introSpan] = anchored.spans as [NonNullable<(typeof anchored.spans)[0]>, ...typeof anchored.spans];
  const out: Evidence = { ...evidence, quote: text.slice(quoteSpan.start, quoteSpan.end), spans: encodeSpans(anchored.spans) };
  if (introSpan) out.intro = text.slice(introSpan.start, introSpan.end);
  return { ok: true, evidence: out };
}

/**
 * The input with every quote that can be anchored anchored (exact text and spans); quotes that
 * cannot be are left as they are, for validation to report with the nearest passage.
 */
export function anchorGraph(input: GraphInput, stored: SourceTexts = new Map()): GraphInput {
  const sources = sourceTextsOf(input.nodes, stored);
  const anchor = (list: readonly Evidence[]) =>
    list.map((ev) => {
      const result = anchorEvidence(ev, sources);
      return result.ok ? result.evidence : ev;
    });
  return {
    nodes: input.nodes.map((node) => (node.evidence ? { ...node, evidence: anchor(node.evidence) } : node)),
    edges: input.edges.map((edge) => ({ ...edge, evidence: anchor(edge.evidence) })),
  };
}
