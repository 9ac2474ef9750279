import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from '../../../../src/graphql/selection';

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions['code'] : error;
  }
  return 'no error';
}

describe('cursors', () => {
  it('round-trip a position through an opaque base64url string', () => {
    const cursor = encodeCursor('NAME:ASC', 'muscle cramps', 'muscle-cramps');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'NAME:ASC')).toEqual({ key: 'muscle cramps', id: 'muscle-cramps' });
    expect(decodeCursor(encodeCursor('RELATED_COUNT:Condition:DESC', 3, 'x'), 'RELATED_COUNT:Condition:DESC')).toEqual({ key: 3, id: 'x' });
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of something else', Buffer.from('{"a":1}').toString('base64url')],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['an empty string', ''],
    ['100 KB of text', 'A'.repeat(100_000)],
  ])('reject %s with BAD_USER_INPUT', (_what, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, 'NAME:ASC'))).toBe('BAD_USER_INPUT');
  });

  it('reject a cursor made for another ordering, saying to keep the same orderBy', () => {
    const cursor = encodeCursor('ID:ASC', 'x', 'x');
    expect(() => decodeCursor(cursor, 'NAME:ASC')).toThrow(/same `orderBy`/);
  });
});
