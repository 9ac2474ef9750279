import { headersOf } from '../../../src/web/client/shared/graphql';

describe('the playground fetcher’s headers', () => {
  it('sends what the Headers pane holds, string values only', () => {
    expect(headersOf({ Authorization: 'Bearer abc', 'Idempotency-Key': 'k-1', retries: 3, nested: { a: 'b' } })).toEqual({ Authorization: 'Bearer abc', 'Idempotency-Key': 'k-1' });
  });

  it('sends no extra header when the pane is empty or not an object', () => {
    expect(headersOf(undefined)).toEqual({});
    expect(headersOf('Authorization: Bearer abc')).toEqual({});
  });
});
