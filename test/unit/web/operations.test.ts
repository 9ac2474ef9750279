import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../../../src/graphql/schema';
import { OPERATIONS } from '../../../src/web/client/explorer/queries';

/**
 * The playground's example operations and every operation the explorer sends must be valid against
 * the real contract (schema/*.graphql), so a renamed field fails here rather than in a browser.
 */
const EXAMPLES_DIR = path.join(__dirname, '../../../src/web/examples');
const EXAMPLES_INDEX = path.join(__dirname, '../../../src/web/client/playground/examples.ts');
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.graphql')).sort();

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildSchema(loadTypeDefs());
});

/** Schema validation only; the server's depth and cost limits are met in test/e2e, against the real server. */
function problems(source: string): string[] {
  return validate(schema, parse(source)).map((error) => error.message);
}

describe('playground examples', () => {
  it('has one example per contract query, each in the playground in file order', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(7);
    const index = readFileSync(EXAMPLES_INDEX, 'utf8');
    const imported = [...index.matchAll(/from '\.\.\/\.\.\/examples\/([^']+\.graphql)'/g)].map((match) => match[1]);
    expect(imported).toEqual(exampleFiles);
  });

  it.each(['sharedSymptoms', 'compareConditions', 'rankConditions', 'neighborhood', 'shortestPath', 'search', 'graphStats'])(
    'covers %s',
    (field) => {
      const covering = exampleFiles.filter((file) => new RegExp(`\\b${field}(WithEvidence)?\\s*[({]`).test(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
      expect(covering.length).toBeGreaterThan(0);
    },
  );

  it.each(exampleFiles)('%s is one named operation, ready to run, valid against the schema', (file) => {
    const source = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    const document = parse(source);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations).toHaveLength(1);
    expect(operations[0]!.name?.value).toBeTruthy();
    // Ready to run: no variable the user must fill in first.
    const required = (operations[0]!.variableDefinitions ?? []).filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue);
    expect(required.map((v) => v.variable.name.value)).toEqual([]);
    expect(problems(source)).toEqual([]);
  });
});

describe('explorer operations', () => {
  it.each(Object.entries(OPERATIONS))('%s is valid against the schema', (_name, source) => {
    expect(problems(source)).toEqual([]);
  });
});
