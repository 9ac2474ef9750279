import { normalizeText } from '../../helpers/normalize-text';

describe('loose text normalisation (test helper for the claim table)', () => {
  it('turns curly quotes and apostrophes into straight ones', () => {
    expect(normalizeText('Lou Gehrig’s “disease”')).toBe('Lou Gehrig\'s "disease"');
  });

  it('removes superscript reference marks', () => {
    expect(normalizeText('speaking, and eating.¹ Next²³⁴⁵⁶⁷')).toBe('speaking, and eating. Next');
  });

  it('collapses whitespace, line breaks and list bullets to single spaces', () => {
    expect(normalizeText('include:\n\n  • Slurred speech\n  •   Problems')).toBe('include: Slurred speech Problems');
  });
});
