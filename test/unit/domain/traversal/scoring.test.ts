import { jaccard, sectionOf } from '../../../../src/domain/traversal/compare';
import { informationContent, matchScore } from '../../../../src/domain/traversal/rank';

describe('rankConditions score', () => {
  it('IC is ln(N / conditions with the symptom), 0 when every condition has it', () => {
    expect(informationContent(4, 2)).toBeCloseTo(Math.log(2), 12);
    expect(informationContent(4, 4)).toBe(0);
    expect(informationContent(4, 0)).toBeCloseTo(Math.log(4), 12);
    expect(informationContent(0, 0)).toBe(0);
  });

  it('is the share of the asked information content matched', () => {
    const rare = informationContent(4, 1);
    const common = informationContent(4, 2);
    expect(matchScore([rare], [rare, common], 1)).toBeCloseTo(rare / (rare + common), 12);
    expect(matchScore([rare, common], [rare, common], 2)).toBe(1);
    expect(matchScore([], [rare], 0)).toBe(0);
  });

  it('falls back to matched / asked when no asked symptom carries information', () => {
    expect(matchScore([0], [0, 0], 1)).toBe(0.5);
    expect(matchScore([], [], 0)).toBe(0);
  });
});

describe('compareConditions', () => {
  it('Jaccard over symptoms', () => {
    expect(jaccard(1, 18)).toBeCloseTo(1 / 18, 12);
    expect(jaccard(0, 0)).toBe(0);
  });

  it.each([
    ['HAS_SYMPTOM', 'OUT', 'Symptom', 'symptoms'],
    ['ASSOCIATED_WITH', 'OUT', 'Trigger', 'triggers'],
    ['CAUSES', 'IN', 'Trigger', 'triggers'],
    ['CAUSES', 'IN', 'Mechanism', 'mechanisms'],
    ['CAUSES', 'OUT', 'Symptom', 'symptoms'],
    ['TREATS', 'IN', 'Treatment', 'treatments'],
    ['AFFECTS_REGION', 'OUT', 'BodyRegion', 'bodyRegions'],
    ['DIAGNOSES', 'IN', 'DiagnosticStep', 'diagnosticSteps'],
    ['CONSULT', 'OUT', 'Specialist', 'specialists'],
    ['ABOUT', 'IN', 'Fact', 'facts'],
    ['NOT_CAUSES', 'OUT', 'Mechanism', 'negatives'],
    ['NOT_HAS_SYMPTOM', 'OUT', 'Symptom', 'negatives'],
    ['HAS_SYMPTOM', 'IN', 'Condition', null],
  ] as const)('%s %s to a %s goes to %s', (type, direction, kind, section) => {
    expect(sectionOf(type, direction, kind)).toBe(section);
  });
});
