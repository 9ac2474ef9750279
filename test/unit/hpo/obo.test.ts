import { oboVersion, parseObo, readQuoted } from '../../../src/hpo/obo';
import { readFixture, linesOf } from './fixture';

describe('hp.obo parser', () => {
  it('reads the header, live and obsolete terms of the fixture', async () => {
    const { obo } = await readFixture();
    expect(obo.problems).toEqual([]);
    expect(obo.header.formatVersion).toBe('1.2');
    expect(obo.header.dataVersion).toBe('hp/releases/2025-01-16');
    expect(oboVersion(obo.header)).toBe('2025-01-16');
    expect(obo.header.license).toBe('https://hpo.jax.org/app/license');
    expect(obo.header.synonymTypes).toContain('layperson');
    expect(obo.terms).toHaveLength(22);
    expect(obo.terms.filter((t) => t.obsolete).map((t) => [t.id, t.replacedBy])).toEqual([['HP:0001425', ['HP:0000005']]]);
  });

  it('keeps name, definition, typed synonyms, xrefs, alt ids and is_a of a term', async () => {
    const { obo } = await readFixture();
    const term = obo.terms.find((t) => t.id === 'HP:0002380');
    expect(term).toMatchObject({
      name: 'Fasciculations',
      altIds: ['HP:0002468', 'HP:0007092'],
      xrefs: ['SNOMEDCT_US:82470000', 'UMLS:C0015644'],
      isA: ['HP:0004305'],
      obsolete: false,
    });
    expect(term?.definition).toMatch(/^Fasciculations are observed as small, local, involuntary muscle contractions/);
    expect(term?.synonyms).toEqual([
      { text: 'Fasciculation', scope: 'EXACT' },
      { text: 'Muscle fasciculation', scope: 'EXACT' },
      { text: 'Muscle twitch', scope: 'EXACT', type: 'layperson' },
    ]);
  });

  it('unescapes quoted strings and reports malformed lines with their numbers', async () => {
    expect(readQuoted('"a \\"quoted\\" word" EXACT []')).toEqual({ text: 'a "quoted" word', rest: 'EXACT []' });
    expect(readQuoted('"never closed')).toBeUndefined();
    const doc = await parseObo(
      linesOf(['format-version: 1.2', '', '[Term]', 'id: HP:0000001', 'name: All', 'synonym: "x" SOMETIMES []', '', '[Term]', 'name: no id', 'just text'].join('\n')),
    );
    expect(doc.terms.map((t) => t.id)).toEqual(['HP:0000001']);
    expect(doc.problems).toEqual([
      { line: 6, message: 'HP:0000001: synonym "x" has no scope (EXACT, BROAD, NARROW, RELATED)' },
      { line: 10, message: 'not a "tag: value" line: just text' },
      { line: 8, message: '[Term] without an id' },
    ]);
  });
});
