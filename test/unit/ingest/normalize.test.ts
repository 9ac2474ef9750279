import { normalizeText, quoteOccursIn } from '../../../src/ingest/normalize';

describe('quote normalisation', () => {
  it('turns curly quotes and apostrophes into straight ones', () => {
    expect(normalizeText('Lou Gehrig’s “disease”')).toBe('Lou Gehrig\'s "disease"');
  });

  it('removes superscript reference marks', () => {
    expect(normalizeText('speaking, and eating.¹ Next²³⁴⁵⁶⁷')).toBe('speaking, and eating. Next');
  });

  it('collapses whitespace, line breaks and list bullets to single spaces', () => {
    expect(normalizeText('include:\n\n  • Slurred speech\n  •   Problems')).toBe('include: Slurred speech Problems');
  });

  it('finds a quote written with straight quotes in a text written with curly ones', () => {
    const article = normalizeText('ALS (often referred to as Lou Gehrig’s disease) and BFS.');
    expect(quoteOccursIn("often referred to as Lou Gehrig's disease", article)).toBe(true);
  });

  it('matches the parts of a quote joined by " … " in order, and not out of order', () => {
    const article = normalizeText('Tie between BFS and issues like:\n  • Depression\n  • Anxiety\n  • Stress');
    expect(quoteOccursIn('issues like: … Stress', article)).toBe(true);
    expect(quoteOccursIn('Stress … issues like:', article)).toBe(false);
  });

  it('never matches an empty quote or a changed word', () => {
    const article = normalizeText('BFS is a benign condition.');
    expect(quoteOccursIn('', article)).toBe(false);
    expect(quoteOccursIn(' … ', article)).toBe(false);
    expect(quoteOccursIn('BFS is a harmless condition', article)).toBe(false);
  });
});
