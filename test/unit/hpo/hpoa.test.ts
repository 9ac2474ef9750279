import { HPOA_COLUMNS, frequencyFraction, parseHpoa } from '../../../src/hpo/hpoa';
import { readFixture, linesOf } from './fixture';

const header = ['#version: 2025-01-16', HPOA_COLUMNS.join('\t')];
const row = (cells: Partial<Record<(typeof HPOA_COLUMNS)[number], string>>) =>
  HPOA_COLUMNS.map((c) => cells[c] ?? { database_id: 'OMIM:1', disease_name: 'X', hpo_id: 'HP:0000001', reference: 'PMID:1', evidence: 'PCS', aspect: 'P', biocuration: 'HPO:a[2020-01-01]' }[c as string] ?? '').join('\t');

describe('phenotype.hpoa parser', () => {
  it('reads the header and every row of the fixture', async () => {
    const { hpoa } = await readFixture();
    expect(hpoa.problems).toEqual([]);
    expect(hpoa.header.version).toBe('2025-01-16');
    expect(hpoa.rows).toHaveLength(11);
  });

  it('keeps NOT rows as negated, splits several references, keeps frequencies verbatim', async () => {
    const { hpoa } = await readFixture();
    const not = hpoa.rows.filter((r) => r.negated);
    expect(not.map((r) => [r.diseaseId, r.hpoId])).toEqual([['ORPHA:101112', 'HP:0002380']]);
    const multi = hpoa.rows.find((r) => r.references.length > 1 && r.diseaseId === 'OMIM:606070');
    expect(multi).toMatchObject({ references: ['OMIM:606070', 'PMID:19344878'], frequency: '34/34', aspect: 'C', evidence: 'PCS' });
    expect(multi?.biocuration).toBe('HPO:probinson[2013-12-15];HPO:probinson[2022-03-14]');
    const orpha = hpoa.rows.find((r) => r.diseaseId === 'ORPHA:803' && r.hpoId === 'HP:0002380');
    expect(orpha).toMatchObject({ frequency: 'HP:0040282', evidence: 'TAS', negated: false });
    expect(frequencyFraction('5/34')).toBeCloseTo(5 / 34);
    expect(frequencyFraction('25%')).toBe(0.25);
    expect(frequencyFraction('HP:0040282')).toBeUndefined();
  });

  it('lists every bad field with its line and keeps the good rows', async () => {
    const doc = await parseHpoa(
      linesOf(
        [
          ...header,
          row({}),
          row({ frequency: '3/2', aspect: 'X' }),
          row({ database_id: 'MONDO:1', qualifier: 'MAYBE' }),
          row({ sex: 'male', onset: 'HP:0003581', modifier: 'HP:0012825;HP:0012828' }),
          'OMIM:1\ttoo few',
        ].join('\n'),
      ),
    );
    expect(doc.rows.map((r) => r.line)).toEqual([3, 6]);
    expect(doc.rows[1]).toMatchObject({ sex: 'male', onset: 'HP:0003581', modifiers: ['HP:0012825', 'HP:0012828'] });
    expect(doc.problems).toEqual([
      { line: 4, message: 'frequency: "3/2" is not a fraction n/m with 0 <= n <= m, m > 0' },
      { line: 4, message: 'aspect: "X" is not one of P, I, C, M, H' },
      { line: 5, message: 'database_id: "MONDO:1" is not an OMIM, ORPHA or DECIPHER id' },
      { line: 5, message: 'qualifier: "MAYBE" is neither empty nor NOT' },
      { line: 7, message: '2 columns, expected 12' },
    ]);
  });

  it('refuses a file whose column header differs', async () => {
    const doc = await parseHpoa(linesOf('#version: 1\ndatabase_id\tname\n'));
    expect(doc.rows).toEqual([]);
    expect(doc.problems[0]?.message).toMatch(/^column header must be: database_id, disease_name/);
  });
});
