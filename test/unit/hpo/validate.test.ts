import { parseHpoa } from '../../../src/hpo/hpoa';
import { Ontology } from '../../../src/hpo/ontology';
import { checkHpo } from '../../../src/hpo/validate';
import { readFixture, linesOf } from './fixture';

const files = { obo: 'hp.obo', hpoa: 'phenotype.hpoa' };

describe('HPO cross-file checks', () => {
  it('passes the fixture', async () => {
    const { check } = await readFixture();
    expect(check).toEqual({ errors: [], warnings: [], aspectMismatches: {} });
  });

  it('names the line and field of annotations on unknown terms or wrong branches', async () => {
    const { obo } = await readFixture();
    const hpoa = await parseHpoa(
      linesOf(
        [
          '#version: 2025-01-16',
          'database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration',
          'OMIM:1\tX\t\tHP:9999999\tPMID:1\tPCS\t\t\t\t\tP\tHPO:a[2020-01-01]',
          'OMIM:1\tX\t\tHP:0002380\tPMID:1\tPCS\tHP:0000006\tHP:0003581\t\t\tP\tHPO:a[2020-01-01]',
          'OMIM:1\tX\t\tHP:0001425\tPMID:1\tPCS\t\t\t\t\tP\tHPO:a[2020-01-01]',
        ].join('\n'),
      ),
    );
    const check = checkHpo(obo, hpoa, new Ontology(obo.terms), files);
    expect(check.errors).toEqual([
      { file: 'phenotype.hpoa', record: 'line 3', field: 'hpo_id', message: 'HP:9999999 is not a term of the ontology' },
      { file: 'phenotype.hpoa', record: 'line 4', field: 'onset', message: 'HP:0000006 is not an Onset term (below HP:0003674)' },
      { file: 'phenotype.hpoa', record: 'line 4', field: 'frequency', message: 'HP:0003581 is not a Frequency term (below HP:0040279)' },
    ]);
    // HP:0001425 is obsolete, replaced by HP:0000005 (Mode of inheritance): resolved, but its aspect P is flagged.
    expect(check.aspectMismatches).toEqual({ P: 1 });
  });

  it('refuses is_a to a missing term and a missing release version', async () => {
    const { hpoa } = await readFixture();
    const obo = {
      header: { remarks: [], synonymTypes: [] },
      terms: [{ id: 'HP:0000001', name: 'All', synonyms: [], xrefs: [], altIds: [], isA: ['HP:0000002'], obsolete: false, replacedBy: [], consider: [], line: 3 }],
      problems: [],
    };
    const messages = checkHpo(obo, hpoa, new Ontology(obo.terms), files).errors.map((e) => `${e.record} ${e.field}: ${e.message}`);
    expect(messages).toContain('header data-version: missing: the release of the ontology must be known');
    expect(messages).toContain('line 3 is_a: HP:0000001: parent HP:0000002 is not a term');
  });
});
