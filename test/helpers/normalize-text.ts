/**
 * Loose text normalisation, for the claim-coverage test's sentences and reference lines
 * (quotes are matched by src/domain/text/quote-spans.ts, which collapses whitespace only): curly quotes and apostrophes
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
