import approxSearch from 'approx-string-match';

/**
 * THE quote rules: a quote is an exact span of a stored source text, addressed by character
 * offsets (UTF-16 code units, as JavaScript strings and the W3C Web Annotation TextPositionSelector
 * count them) and checked against the text (its TextQuoteSelector: the exact text, with a little
 * prefix and suffix for a reader). One module for every path that stores a quote: the seed, KGX
 * import and curation.
 *
 * The only normalisation when *finding* a quote: any run of whitespace (spaces, line breaks, tabs,
 * no-break spaces) in the quote matches any run of whitespace in the text, and the quote's own
 * leading and trailing whitespace is ignored. Nothing else: curly quotes, reference marks (¹),
 * bullets and case must be as in the text. What is *stored* is always the text's own substring at
 * the offsets found, never the quote as typed.
 *
 * A list item is quoted as its own span; the list's lead-in ("... include:") is a second span, the
 * `intro`, given when the item needs it. The quote is then looked for after the intro.
 */

export interface Span {
  /** Offset of the first character, inclusive. */
  start: number;
  /** Offset after the last character, exclusive. */
  end: number;
}

export interface SpanSelector extends Span {
  /** The text at [start, end): exactly the quote. */
  exact: string;
  /** Up to PREFIX_LENGTH characters before the span. */
  prefix: string;
  /** Up to PREFIX_LENGTH characters after the span. */
  suffix: string;
}

export const PREFIX_LENGTH = 32;

/** Quotes longer than this are refused (a quote is a sentence or a clause, not a page). */
export const MAX_QUOTE_LENGTH = 2000;

/** A quote as given: the item itself and, for a list item, the list's lead-in. */
export interface QuoteInput {
  quote: string;
  intro?: string;
}

export type Anchoring =
  | { ok: true; spans: Span[] }
  | { ok: false; message: string; nearest?: SpanSelector };

/** Any run of whitespace as one space, without leading or trailing whitespace. */
export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * The text with each whitespace run collapsed to one space, and for each of its characters the
 * offset of that character in the original text (so a match in the collapsed text maps back).
 */
interface CollapsedText {
  value: string;
  offsets: number[];
}

/** Source texts are few and long (an article): each is collapsed once. */
const collapsedCache = new Map<string, CollapsedText>();

function collapsed(text: string): CollapsedText {
  const cached = collapsedCache.get(text);
  if (cached) return cached;
  let value = '';
  const offsets: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (!inSpace) {
        value += ' ';
        offsets.push(i);
      }
      inSpace = true;
    } else {
      value += ch;
      offsets.push(i);
      inSpace = false;
    }
  }
  const result = { value, offsets };
  if (collapsedCache.size >= 16) collapsedCache.clear();
  collapsedCache.set(text, result);
  return result;
}

/** Every occurrence of `quote` in `text` at or after `from`, whitespace runs matching each other. */
export function findQuote(text: string, quote: string, from = 0): Span[] {
  const needle = collapseWhitespace(quote);
  if (needle === '') return [];
  const { value, offsets } = collapsed(text);
  const out: Span[] = [];
  let at = value.indexOf(needle);
  while (at >= 0) {
    const start = offsets[at] as number;
    const last = offsets[at + needle.length - 1] as number;
    if (start >= from) out.push({ start, end: last + 1 });
    at = value.indexOf(needle, at + 1);
  }
  return out;
}

/**
 * Where a quote (and its intro) is in the text, or why not. A quote must occur exactly once (after
 * its intro, when one is given: then the first occurrence after it counts); when it does not occur,
 * the message names the nearest passage of the text.
 */
export function anchorQuote(text: string, input: QuoteInput): Anchoring {
  const spans: Span[] = [];
  let from = 0;
  if (input.intro !== undefined) {
    const intro = anchorOne(text, input.intro, 0, 'intro', false);
    if (!intro.ok) return intro;
    spans.push(intro.span);
    from = intro.span.end;
  }
  const quote = anchorOne(text, input.quote, from, 'quote', input.intro !== undefined);
  if (!quote.ok) return quote;
  // The quote first, then its intro.
  return { ok: true, spans: [quote.span, ...spans] };
}

function anchorOne(
  text: string,
  quote: string,
  from: number,
  what: 'quote' | 'intro',
  firstAfter: boolean,
): { ok: true; span: Span } | { ok: false; message: string; nearest?: SpanSelector } {
  if (collapseWhitespace(quote) === '') return { ok: false, message: `the ${what} is empty` };
  if (quote.length > MAX_QUOTE_LENGTH) return { ok: false, message: `the ${what} is longer than ${MAX_QUOTE_LENGTH} characters` };
  const found = findQuote(text, quote, from);
  const first = found[0];
  if (first === undefined) {
    const nearest = nearestPassage(text, quote);
    const where = from > 0 ? ' after its intro' : '';
    return {
      ok: false,
      message: `${what} is not an exact span of the source text${where}: "${clip(quote)}"${nearest ? `; nearest passage (at ${nearest.start}-${nearest.end}): "${clip(nearest.exact)}"` : ''}`,
      ...(nearest ? { nearest } : {}),
    };
  }
  if (found.length > 1 && !firstAfter) {
    return {
      ok: false,
      message: `${what} occurs ${found.length} times in the source text (at ${found.map((s) => s.start).join(', ')}); quote more of the sentence so that it names one place: "${clip(quote)}"`,
    };
  }
  return { ok: true, span: first };
}

/**
 * The passage of `text` closest to `quote` (fewest character edits, Myers' bit-parallel
 * approximate matching as the Hypothesis annotator uses it to re-anchor quotes), with whitespace
 * collapsed on both sides first. Undefined when nothing is within half the quote's length.
 */
export function nearestPassage(text: string, quote: string): SpanSelector | undefined {
  const needle = collapseWhitespace(quote).slice(0, MAX_QUOTE_LENGTH);
  if (needle === '') return undefined;
  const { value, offsets } = collapsed(text);
  const matches = approxSearch(value, needle, Math.ceil(needle.length / 2));
  if (matches.length === 0) return undefined;
  const best = matches.reduce((a, b) => (b.errors < a.errors ? b : a));
  if (best.end <= best.start) return undefined;
  const start = offsets[best.start] as number;
  const end = (offsets[best.end - 1] as number) + 1;
  return selector(text, { start, end });
}

/** Why these spans are not exact spans of the text for this quote (undefined when they are). */
export function checkSpans(text: string, quote: string, spans: readonly Span[]): string | undefined {
  const [first] = spans;
  if (first === undefined) return 'no span given';
  for (const span of spans) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end <= span.start || span.end > text.length) {
      return `span ${span.start}-${span.end} is not inside the source text (length ${text.length})`;
    }
  }
  const exact = text.slice(first.start, first.end);
  if (exact !== quote) return `the quote is not the text at ${first.start}-${first.end}: "${clip(quote)}" vs "${clip(exact)}"`;
  return undefined;
}

/** The span with its exact text and a little context on each side (TextQuoteSelector). */
export function selector(text: string, span: Span, context = PREFIX_LENGTH): SpanSelector {
  return {
    start: span.start,
    end: span.end,
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.max(0, span.start - context), span.start),
    suffix: text.slice(span.end, span.end + context),
  };
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The sentence(s) around a span: the sentences (Unicode sentence boundaries, Intl.Segmenter) of the
 * span's line that overlap it, trimmed. A list item is its own line, so its sentence is the item
 * (without its bullet).
 */
export function sentenceAround(text: string, span: Span): Span {
  const lineStart = text.lastIndexOf('\n', Math.max(0, span.start - 1)) + 1;
  const nextBreak = text.indexOf('\n', span.end);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  const line = text.slice(lineStart, lineEnd);
  let start = span.start;
  let end = span.end;
  for (const segment of segmenter.segment(line)) {
    const segStart = lineStart + segment.index;
    const segEnd = segStart + segment.segment.length;
    if (segEnd <= span.start || segStart >= span.end) continue;
    start = Math.min(start, segStart);
    end = Math.max(end, segEnd);
  }
  // Without the whitespace around it, a list item's bullet, or the previous sentence's reference mark.
  while (start < end && /[\s\u2022\u25CF\u25E6\u2023\u2043\u00B9\u00B2\u00B3\u2070-\u2079]/.test(text[start] as string)) start += 1;
  while (end > start && /\s/.test(text[end - 1] as string)) end -= 1;
  return { start: Math.min(start, span.start), end: Math.max(end, span.end) };
}

/** Spans as stored in one string property entry: `start-end` pairs joined by commas (`120-139,60-110`). */
export function encodeSpans(spans: readonly Span[]): string {
  return spans.map((span) => `${span.start}-${span.end}`).join(',');
}

const SPAN_LIST = /^\d+-\d+(?:,\d+-\d+)*$/;

/** Spans from their stored form; undefined when the value is not of that form. */
export function decodeSpans(value: string): Span[] | undefined {
  if (!SPAN_LIST.test(value)) return undefined;
  return value.split(',').map((pair) => {
    const [start, end] = pair.split('-').map(Number) as [number, number];
    return { start, end };
  });
}

function clip(value: string, max = 100): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
