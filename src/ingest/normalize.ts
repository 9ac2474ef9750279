/**
 * Text normalisation for matching evidence quotes against the article: curly quotes and apostrophes
 * become straight ones, superscript reference marks (¹²³⁴⁵⁶⁷...) and list bullets disappear, and any
 * run of whitespace becomes one space. Everything else must match verbatim (case included).
 */
const SUPERSCRIPTS = /[\u00B9\u00B2\u00B3\u2070-\u2079]/g;
const BULLETS = /[\u2022\u25CF\u25E6\u2023\u2043]/g;

export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(SUPERSCRIPTS, '')
    .replace(BULLETS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Separates parts of a quote that are apart in the article (a list's lead-in and one item). */
export const QUOTE_GAP = '…';

/** The parts of a quote: split at " … ", each normalised; empty parts dropped. */
export function quoteParts(quote: string): string[] {
  return quote
    .split(QUOTE_GAP)
    .map((part) => normalizeText(part))
    .filter((part) => part.length > 0);
}

/**
 * Whether `quote` occurs in the (already normalised) text: each part of the quote in order, the
 * first one anywhere, each further one after the previous. A quote with no text never matches.
 */
export function quoteOccursIn(quote: string, normalizedText: string): boolean {
  const parts = quoteParts(quote);
  if (parts.length === 0) return false;
  let from = 0;
  for (const part of parts) {
    const at = normalizedText.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}
