import fs from 'node:fs';
import path from 'node:path';
import { anchorQuote, checkSpans, decodeSpans, encodeSpans, findQuote, nearestPassage, selector, sentenceAround } from '../../../../src/domain/text/quote-spans';

const ARTICLE = fs.readFileSync(path.join(__dirname, '../../../../seed/article.txt'), 'utf8');

describe('quotes as exact spans of a text', () => {
  it('finds a quote across a line break and a no-break space, returning the offsets of the original text', () => {
    const text = 'First line.\u00a0\n\nSecond  line.';
    const [span] = findQuote(text, 'First line. Second line.');
    expect(span).toEqual({ start: 0, end: text.length });
    expect(text.slice(span!.start, span!.end)).toBe(text);
  });

  it('anchors a list item of the article after its intro, as two spans', () => {
    const result = anchorQuote(ARTICLE, { quote: 'Changes in behavior', intro: 'Other symptoms that often appear in ALS patients include:' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [item, intro] = result.spans;
    expect(ARTICLE.slice(item!.start, item!.end)).toBe('Changes in behavior');
    expect(ARTICLE.slice(intro!.start, intro!.end)).toBe('Other symptoms that often appear in ALS patients include:');
    expect(intro!.end).toBeLessThan(item!.start);
  });

  it('refuses the old ellipsis-joined quote, naming the nearest passage', () => {
    const result = anchorQuote(ARTICLE, { quote: 'Other symptoms that often appear in ALS patients include: … Changes in behavior' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^quote is not an exact span of the source text/);
    expect(result.nearest?.exact).toContain('Other symptoms that often appear in ALS patients include:');
  });

  it('finds no nearest passage for text that is nowhere near', () => {
    expect(nearestPassage(ARTICLE, 'zzzz qqqq xxxx')).toBeUndefined();
  });

  it('gives prefix and suffix around a span, and the sentence around it', () => {
    const [span] = findQuote(ARTICLE, 'that does not cause any damage to the muscles or nerves');
    const sel = selector(ARTICLE, span!);
    expect(sel.exact).toBe('that does not cause any damage to the muscles or nerves');
    expect(sel.prefix.endsWith('BFS is a benign condition ')).toBe(true);
    expect(sel.suffix.startsWith(', and is caused by')).toBe(true);
    const sentence = sentenceAround(ARTICLE, span!);
    expect(ARTICLE.slice(sentence.start, sentence.end)).toBe(
      'BFS is a benign condition that does not cause any damage to the muscles or nerves, and is caused by a sometimes temporary stimulus.',
    );
  });

  it('gives a list item as its own sentence, without its bullet', () => {
    const [span] = findQuote(ARTICLE, 'Viral infections');
    const sentence = sentenceAround(ARTICLE, span!);
    expect(ARTICLE.slice(sentence.start, sentence.end)).toBe('Viral infections');
  });

  it('checks stored spans against the text', () => {
    const [span] = findQuote(ARTICLE, 'Nutritional counseling');
    expect(checkSpans(ARTICLE, 'Nutritional counseling', [span!])).toBeUndefined();
    expect(checkSpans(ARTICLE, 'Nutritional counseling', [{ start: span!.start + 1, end: span!.end + 1 }])).toMatch(/is not the text at/);
    expect(checkSpans(ARTICLE, 'x', [{ start: 0, end: ARTICLE.length + 5 }])).toMatch(/not inside the source text/);
  });

  it('encodes spans for storage and decodes them back, refusing anything else', () => {
    const spans = [{ start: 120, end: 139 }, { start: 60, end: 110 }];
    expect(encodeSpans(spans)).toBe('120-139,60-110');
    expect(decodeSpans('120-139,60-110')).toEqual(spans);
    expect(decodeSpans('12-')).toBeUndefined();
    expect(decodeSpans('')).toBeUndefined();
  });
});
