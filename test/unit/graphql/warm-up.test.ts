import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { queryOperations, warmUpOperations } from '../../../src/graphql/warm-up';

/** The kinds of the operations a warm-up document holds. */
function operationsOf(source: string): string[] {
  return parse(source)
    .definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => `${operation.operation} ${operation.name?.value ?? ''}`.trim());
}

describe('the warm-up operations', () => {
  it('keep a query and leave out a mutation and a subscription of the same document', () => {
    const source = `
      query Reads { meta { dataVersion } }
      mutation Propose { retractEntity(id: "als", reason: "x") { change { id } } }
      subscription Watch { meta { dataVersion } }`;
    expect(queryOperations(source).map(operationsOf)).toEqual([['query Reads']]);
  });

  it('keep each query of a document as a document of its own, with only the fragments it spreads', () => {
    const source = `
      query First { entity(id: "als") { ...Named } }
      fragment Named on Entity { id ...Kinded }
      fragment Kinded on Entity { kind }
      query Second { meta { dataVersion } }`;
    const [first, second] = queryOperations(source);
    expect([first, second].map((operation) => operationsOf(operation ?? ''))).toEqual([['query First'], ['query Second']]);
    expect(first).toContain('fragment Named on Entity');
    expect(first).toContain('fragment Kinded on Entity');
    expect(second).not.toContain('fragment');
  });

  it('keep an anonymous query ({ ... }) and nothing of a document that does not parse', () => {
    expect(queryOperations('{ meta { dataVersion } }').map(operationsOf)).toEqual([['query']]);
    expect(queryOperations('mutation { oops')).toEqual([]);
  });

  it('run no mutation example from an examples folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warm-up-'));
    try {
      writeFileSync(path.join(dir, '01-read.graphql'), 'query Read { meta { dataVersion } }');
      writeFileSync(path.join(dir, '02-propose.graphql'), '# as a curator\nmutation Propose { retractEntity(id: "als", reason: "x") { change { id } } }');
      const kinds = warmUpOperations(dir).flatMap(operationsOf);
      expect(kinds).toContain('query Read');
      expect(kinds.filter((kind) => !kind.startsWith('query'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hold only queries for the playground examples as shipped', () => {
    const kinds = warmUpOperations().flatMap(operationsOf);
    expect(kinds.length).toBeGreaterThan(7);
    expect(kinds.filter((kind) => !kind.startsWith('query'))).toEqual([]);
  });
});
