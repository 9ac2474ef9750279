import { boundedInt, idList } from '../../../../src/domain/traversal/arguments';
import { BadArgumentError } from '../../../../src/domain/errors';

describe('idList', () => {
  it('dedupes and keeps order', () => {
    expect(idList('ids', ['b', 'a', 'b'], 10)).toEqual(['b', 'a']);
  });

  it.each([
    [[], 10, 1, /ids is empty; give at least 1 id\./],
    [['a', 'a'], 10, 2, /1 distinct id; give at least 2/],
    [['a', 'b', 'c'], 2, 1, /3 ids; the maximum is 2/],
    [[''], 10, 1, /ids of 1 to 200 characters/],
  ])('refuses %j (max %i, min %i)', (ids, max, min, message) => {
    expect(() => idList('ids', ids, max, min)).toThrow(message);
  });

  it('names the argument', () => {
    try {
      idList('conditionIds', [], 10);
    } catch (error) {
      expect(error).toBeInstanceOf(BadArgumentError);
      expect((error as BadArgumentError).argument).toBe('conditionIds');
    }
  });
});

describe('boundedInt', () => {
  it('defaults, accepts within bounds, refuses outside with the maximum', () => {
    expect(boundedInt('depth', undefined, 1, 3)).toBe(1);
    expect(boundedInt('depth', null, 1, 3)).toBe(1);
    expect(boundedInt('depth', 3, 1, 3)).toBe(3);
    expect(() => boundedInt('depth', 4, 1, 3)).toThrow('depth is 4; the maximum is 3.');
    expect(() => boundedInt('depth', 0, 1, 3)).toThrow('depth must be a whole number of at least 1.');
  });
});
