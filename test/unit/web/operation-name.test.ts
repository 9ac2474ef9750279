import { operationNameFor } from '../../../src/web/client/shared/graphql';

describe('the playground fetcher’s operation name', () => {
  it('replaces the name of the previously shown tab by the only operation of the document sent', () => {
    expect(operationNameFor('query CompareConditions { serverInfo { version } }', 'SharedSymptoms')).toBe('CompareConditions');
  });

  it('keeps a name the document defines, and passes no name when none was given', () => {
    const two = 'query A { serverInfo { version } } query B { graphStats { nodeCount } }';
    expect(operationNameFor(two, 'B')).toBe('B');
    expect(operationNameFor(two, null)).toBeNull();
  });

  it('leaves an unknown name among several operations, and an unparsable document, for the server to report', () => {
    expect(operationNameFor('query A { a } query B { b }', 'C')).toBe('C');
    expect(operationNameFor('query A {', 'B')).toBe('B');
  });
});
