import { relationshipChoices } from '../../../src/web/client/explorer/relationship-choices';

describe('the relationship types the propose form offers', () => {
  it('are those whose ends fit the two kinds, as the server validates them', () => {
    expect(relationshipChoices('Condition', 'Symptom').map((choice) => choice.type)).toEqual(['HAS_SYMPTOM', 'CAUSES']);
    expect(relationshipChoices('Symptom', 'BodyRegion').map((choice) => choice.type)).toEqual(['OCCURS_IN']);
  });

  it('say which may be negative', () => {
    expect(relationshipChoices('Condition', 'Symptom')[0]?.negatable).toBe(true);
    expect(relationshipChoices('Symptom', 'BodyRegion')[0]?.negatable).toBe(false);
  });

  it('offer nothing for ends no relationship joins, and a hierarchy only within one kind', () => {
    expect(relationshipChoices('Source', 'Condition')).toEqual([]);
    expect(relationshipChoices('Condition', 'Condition').map((choice) => choice.type)).toContain('SUBCLASS_OF');
    expect(relationshipChoices('Symptom', 'Condition').map((choice) => choice.type)).not.toContain('SUBCLASS_OF');
  });
});
