import { escapeLucene, normalizeSearchText, toLuceneQuery } from '../../../../src/domain/search/lucene';
import { searchArguments } from '../../../../src/domain/search/search';
import { BadArgumentError } from '../../../../src/domain/errors';

describe('toLuceneQuery', () => {
  it('requires every word, as a word or a prefix, and boosts the phrase', () => {
    expect(toLuceneQuery('Lou Gehrig', 16)?.query).toBe('"lou gehrig"^4 OR (+(lou^2 OR lou*) +(gehrig^2 OR gehrig*))');
  });

  it('keeps a CURIE a phrase with its colon escaped, so it never names a field', () => {
    expect(toLuceneQuery('MONDO:0004976', 16)?.query).toBe('"mondo\\:0004976"^4 OR (+"mondo\\:0004976")');
  });

  it('lower-cases operators so AND/OR/NOT are words', () => {
    const query = toLuceneQuery('ALS AND NOT BFS', 16)?.query ?? '';
    expect(query).not.toMatch(/\bAND\b|\bNOT\b/);
    expect(query).toContain('+(and^2 OR and*)');
  });

  it('escapes every Lucene special character outside plain words', () => {
    const query = toLuceneQuery('a+b (c) [d] {e} ^f "g" ~h *i ?j :k \\l /m !n &&o ||p', 40)?.query ?? '';
    // Every special character in the query is either escaped or part of our own syntax.
    const unescapedSpecials = query.replace(/\\./g, '').replace(/\^[24]|\*\)|[+()"]|OR/g, '');
    expect(unescapedSpecials).not.toMatch(/[-&|!{}[\]^~*?:\\/]/);
  });

  it('turns control characters and odd spaces into spaces and curly quotes straight', () => {
    expect(normalizeSearchText('\u0000ALS\u0007\u00a0 Gehrig’s\u2028')).toBe("ALS Gehrig's");
  });

  it('drops words without a letter or digit, and gives null when nothing is left', () => {
    expect(toLuceneQuery('*** ALS', 16)?.words).toEqual(['als']);
    expect(toLuceneQuery('" \\ * : ~', 16)).toBeNull();
  });

  it('caps the number of words', () => {
    expect(toLuceneQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '), 16)?.words).toHaveLength(16);
  });

  it('escapes backslashes and quotes', () => {
    expect(escapeLucene('a\\"b')).toBe('a\\\\\\"b');
  });
});

describe('searchArguments', () => {
  it('refuses long text with the maximum, without quoting it', () => {
    const text = 'x'.repeat(100_000);
    expect(() => searchArguments({ text })).toThrow(BadArgumentError);
    try {
      searchArguments({ text });
    } catch (error) {
      expect((error as Error).message).toMatch(/100000 characters long; the maximum is 200/);
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });

  it('checks kinds and first', () => {
    expect(() => searchArguments({ text: 'als', kinds: [] })).toThrow(/kinds is empty/);
    expect(() => searchArguments({ text: 'als', kinds: ['Nope'] })).toThrow(/kinds may only hold/);
    expect(() => searchArguments({ text: 'als', first: 51 })).toThrow(/the maximum is 50/);
    expect(searchArguments({ text: 'als', kinds: ['Condition', 'Condition'] }).kinds).toEqual(['Condition']);
  });
});
