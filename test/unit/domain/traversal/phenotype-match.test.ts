import type { EntityRecord } from '../../../../src/domain/entity/entity.types';
import { matchExplanation, matchKind } from '../../../../src/domain/traversal/phenotype-match';
import { matchScore } from '../../../../src/domain/traversal/rank';
import { toReleaseRecord } from '../../../../src/domain/stats/releases';

const term = (id: string, name: string): EntityRecord => ({ id, kind: 'Symptom', name, aliases: [], description: null, xrefs: [] });

describe('phenotype matching (rankConditions)', () => {
  it('names how an asked term matched from the asked term, the condition term and their MICA', () => {
    expect(matchKind('HP:0002380', 'HP:0002380', 'HP:0002380')).toBe('EXACT');
    // The condition has a kind of the asked term (tongue fasciculations for fasciculations): MICA = asked.
    expect(matchKind('HP:0002380', 'HP:0001308', 'HP:0002380')).toBe('MORE_SPECIFIC');
    // The asked term is a kind of the condition's (fasciculations for involuntary movements): MICA = condition's.
    expect(matchKind('HP:0002380', 'HP:0004305', 'HP:0004305')).toBe('MORE_GENERAL');
    expect(matchKind('HP:0002380', 'HP:0003394', 'HP:0003011')).toBe('COMMON_ANCESTOR');
  });

  it('explains a match with the ancestor and both ICs', () => {
    const fasc = term('HP:0002380', 'Fasciculations');
    const spasm = term('HP:0003394', 'Muscle spasm');
    const musc = term('HP:0003011', 'Abnormality of the musculature');
    expect(matchExplanation('COMMON_ANCESTOR', fasc, spasm, musc, 0.5, 4.48)).toBe(
      '"Fasciculations" and the condition\'s "Muscle spasm" are both kinds of "Abnormality of the musculature", their most informative common ancestor: IC 0.500 of "Fasciculations"\'s 4.480.',
    );
    expect(matchExplanation('EXACT', fasc, fasc, fasc, 4.48, 4.48)).toMatch(/stated on the condition itself: IC 4\.480/);
  });

  it('scores the share of the asked IC explained, an ancestor match weighing the ancestor', () => {
    // Asked: a (IC 4) matched exactly, b (IC 2) matched through an ancestor of IC 0.5, c (IC 2) not at all.
    expect(matchScore([4, 0.5], [4, 2, 2], 2)).toBeCloseTo(4.5 / 8, 12);
  });
});

describe('graphStats releases', () => {
  it('shows the HPO release with its files, licence, citation and the notice its licence asks for', () => {
    const release = toReleaseRecord({
      source: 'hpo',
      version: '2025-01-16',
      ontologyVersion: '2025-01-16',
      annotationsVersion: '2025-02-01',
      license: 'https://hpo.jax.org/app/license',
      icDiseases: 12687,
    });
    expect(release).toMatchObject({
      source: 'hpo',
      name: 'Human Phenotype Ontology',
      version: '2025-01-16',
      files: [
        { name: 'hp.obo', version: '2025-01-16' },
        { name: 'phenotype.hpoa', version: '2025-02-01' },
      ],
      license: 'https://hpo.jax.org/app/license',
      informationContentDiseases: 12687,
    });
    expect(release.citation).toMatch(/Human Phenotype Ontology in 2024/);
    expect(release.notice).toBe(
      'This service uses the Human Phenotype Ontology (https://hpo.jax.org/), release 2025-01-16 (hp.obo 2025-01-16, phenotype.hpoa 2025-02-01), unaltered, under its licence: https://hpo.jax.org/app/license.',
    );
  });

  it('shows an unknown source as it is recorded', () => {
    expect(toReleaseRecord({ source: 'other', version: '1' })).toMatchObject({ name: 'other', files: [], citation: null, license: null });
  });
});
