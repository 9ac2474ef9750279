import type { IncomingMessage } from 'node:http';
import { knownRequestOf } from '../../../src/http/known-operations';

const request = (body: unknown, { method = 'POST', headers = {} }: { method?: string; headers?: Record<string, string> } = {}) =>
  ({ method, headers, body }) as unknown as IncomingMessage & { body?: unknown };

describe('which requests the known-operations lane may answer', () => {
  it('takes an anonymous POST of a query, with or without variables and an operation name', () => {
    expect(knownRequestOf(request({ query: '{ a }' }))).toEqual({ key: '\0{ a }', query: '{ a }', operationName: undefined, variables: undefined });
    expect(knownRequestOf(request({ query: 'query A { a } query B { b }', operationName: 'B', variables: { x: 1 } }))).toEqual({
      key: 'B\0query A { a } query B { b }',
      query: 'query A { a } query B { b }',
      operationName: 'B',
      variables: { x: 1 },
    });
    expect(knownRequestOf(request({ query: '{ a }', variables: null, operationName: null }))?.key).toBe('\0{ a }');
  });

  it('keys the same text with another operation name apart', () => {
    const text = 'query A { a } query B { b }';
    expect(knownRequestOf(request({ query: text, operationName: 'A' }))?.key).not.toBe(knownRequestOf(request({ query: text, operationName: 'B' }))?.key);
  });

  it.each([
    ['a GET', request({ query: '{ a }' }, { method: 'GET' })],
    ['a signed-in request', request({ query: '{ a }' }, { headers: { authorization: 'Bearer x' } })],
    ['extensions (persisted queries)', request({ query: '{ a }', extensions: {} })],
    ['another key', request({ query: '{ a }', id: 'x' })],
    ['no query', request({ variables: {} })],
    ['a query that is not text', request({ query: { kind: 'Document' } })],
    ['variables that are not an object', request({ query: '{ a }', variables: '{"x":1}' })],
    ['variables as a list', request({ query: '{ a }', variables: [1] })],
    ['an operation name that is not text', request({ query: '{ a }', operationName: 1 })],
    ['a body that is not an object', request([{ query: '{ a }' }])],
    ['no body', request(undefined)],
  ])('leaves %s to Apollo', (_name, req) => {
    expect(knownRequestOf(req)).toBeUndefined();
  });
});
