import { farEndKinds, neighbourCountArms } from '../../../../src/domain/model';
import { neighbourCount } from '../../../../src/domain/projection/counts';
import { CypherParams } from '../../../../src/domain/projection/params';

describe('counting neighbours from relationship degrees', () => {
  it('knows which kinds may be at the far end of a relationship type, from the catalogue', () => {
    expect(farEndKinds('HAS_SYMPTOM', 'in', ['Symptom'])).toEqual(['Condition']);
    expect(farEndKinds('CAUSES', 'in', ['Symptom'])).toEqual(['Condition', 'Trigger', 'Mechanism']);
    // A hierarchy joins things of one kind only.
    expect(farEndKinds('SUBCLASS_OF', 'out', ['Condition'])).toEqual(['Condition']);
    expect(farEndKinds('HAS_SYMPTOM', 'out', ['Symptom'])).toEqual([]);
  });

  it('reads the conditions of a symptom as a degree, and adds those only a CAUSES link reaches', () => {
    expect(neighbourCountArms(['Symptom'], ['Condition'])).toEqual([
      { type: 'HAS_SYMPTOM', direction: 'in', labels: null, excluding: [] },
      { type: 'CAUSES', direction: 'in', labels: ['Condition'], excluding: [{ type: 'HAS_SYMPTOM', direction: 'in' }] },
    ]);
    const cypher = neighbourCount('n', neighbourCountArms(['Symptom'], ['Condition']), new CypherParams());
    // The CAUSES arm matches its neighbours only at a node that has a CAUSES link at all (a degree test).
    expect(cypher).toMatch(
      /^\(COUNT \{ \(n\)<-\[:HAS_SYMPTOM\]-\(\) \} \+ CASE WHEN COUNT \{ \(n\)<-\[:CAUSES\]-\(\) \} = 0 THEN 0 ELSE COUNT \{ MATCH \(n\)<-\[:CAUSES\]-\((m__\d+):Condition\) WHERE NOT \(n\)<-\[:HAS_SYMPTOM\]-\(\1\) \} END\)$/,
    );
  });

  it('counts a neighbour that is both parent and child once, and every kind without a label test', () => {
    const arms = neighbourCountArms(['Condition'], null);
    const parents = arms.find((arm) => arm.type === 'SUBCLASS_OF' && arm.direction === 'out');
    const children = arms.find((arm) => arm.type === 'SUBCLASS_OF' && arm.direction === 'in');
    expect(parents).toEqual({ type: 'SUBCLASS_OF', direction: 'out', labels: null, excluding: [] });
    expect(children?.excluding).toEqual([{ type: 'SUBCLASS_OF', direction: 'out' }]);
    expect(arms.every((arm) => arm.labels === null)).toBe(true);
    // Arms reaching disjoint kinds never reach one neighbour twice: no exclusion between them.
    expect(arms.find((arm) => arm.type === 'HAS_SYMPTOM')?.excluding).toEqual([]);
    expect(arms.find((arm) => arm.type === 'TREATS')?.excluding).toEqual([]);
  });

  it('counts nothing for a kind no relationship type may touch', () => {
    expect(neighbourCountArms(['Source'], null)).toEqual([]);
    expect(neighbourCount('n', [], new CypherParams())).toBe('0');
  });

  it('tests the far kind when a list of several kinds may meet other kinds there', () => {
    // Conditions and symptoms ranked by related symptoms: SUBCLASS_OF out reaches a condition's parent too.
    const arms = neighbourCountArms(['Condition', 'Symptom'], ['Symptom']);
    expect(arms.find((arm) => arm.type === 'SUBCLASS_OF' && arm.direction === 'out')?.labels).toEqual(['Symptom']);
    expect(arms.find((arm) => arm.type === 'HAS_SYMPTOM' && arm.direction === 'out')?.labels).toBeNull();
  });
});
