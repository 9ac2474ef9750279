/**
 * Turns what a user typed into a Lucene query for Neo4j's full-text index, treating it as text only:
 * no operator, field, wildcard, range, fuzzy or boost syntax of the input survives.
 *
 * Rules (all words must match; ranking rewards the exact phrase):
 * - control characters and every kind of whitespace become a space; curly quotes become straight;
 * - the text is split into words at spaces; a word with no letter or digit is kept in the phrase only;
 * - a plain word (letters and digits only) of two or more characters matches as a word or a word prefix (`gehrig` finds
 *   "Gehrig's", `fascic` finds "Fasciculations"); its exact form scores higher;
 * - any other word (a CURIE such as `MONDO:0004976`, `ICD10CM:G12.21`, `C++`) matches as a phrase
 *   of its pieces, with every Lucene special character escaped, so `:` never names a field;
 * - the whole text as a phrase is an optional clause boosted 4x.
 */
export const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/** Control characters, odd spaces and curly quotes normalised; trimmed. */
export function normalizeSearchText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/\s+/gu, ' ')
    .trim();
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

export interface LuceneQuery {
  /** The Lucene query string to pass as a parameter. */
  query: string;
  /** The lower-cased words used (for explaining which names matched). */
  words: string[];
  /** The whole text, normalised (for exact-match ranking). */
  normalized: string;
}

/** Null when the text holds no letter or digit (nothing to search for). */
export function toLuceneQuery(text: string, maxTerms: number): LuceneQuery | null {
  const normalized = normalizeSearchText(text);
  const words = normalized.split(' ').filter((w) => HAS_WORD_CHAR.test(w)).slice(0, maxTerms);
  if (words.length === 0) return null;
  const lower = words.map((w) => w.toLowerCase());
  const required = lower.map((w) =>
    PLAIN_WORD.test(w) ? (w.length >= 2 ? `+(${w}^2 OR ${w}*)` : `+${w}`) : `+"${escapeLucene(w)}"`,
  );
  const phrase = `"${escapeLucene(lower.join(' '))}"^4`;
  return { query: `${phrase} OR (${required.join(' ')})`, words: lower, normalized };
}
