import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { loadTypeDefs } from '../../../src/graphql/schema';
import { CURATION_OPERATIONS } from '../../../src/web/client/explorer/curation-queries';
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

  it.each(exampleFiles)('%s is one named operation, valid against the schema, saying what to fill in before it runs', (file) => {
    const source = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
    const document = parse(source);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations).toHaveLength(1);
    const [operation] = operations;
    expect(operation!.name?.value).toBeTruthy();
    const required = (operation!.variableDefinitions ?? []).filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue).map((v) => v.variable.name.value);
    const comments = source.split('\n').filter((line) => line.startsWith('#')).join('\n');
    if (operation!.operation === 'query') {
      // A query is ready to run: no variable the user must fill in first.
      expect(required).toEqual([]);
    } else {
      // A change needs a token: the comment says which role's, and where to set it.
      expect(comments).toMatch(/npm run token -- --role (curator|reviewer)/);
      expect(comments).toMatch(/Headers pane[^\n]*\n#\s+\{"Authorization": "Bearer /);
      for (const name of required) expect(comments).toMatch(new RegExp(`Variables pane[^\\n]*\\n#\\s+\\{"${name}":`));
    }
    expect(problems(source)).toEqual([]);
  });

  it('include one proposal → review round: a curator proposes, a reviewer reviews, anyone reads the history', () => {
    const sources = exampleFiles.map((file) => readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
    expect(sources.some((source) => /--role curator/.test(source) && /\bassertRelationship\s*\(/.test(source))).toBe(true);
    expect(sources.some((source) => /--role reviewer/.test(source) && /\breviewChange\s*\(/.test(source))).toBe(true);
    expect(sources.some((source) => /^query /m.test(source) && /\bchanges\s*\(/.test(source) && /\bhistory\b/.test(source))).toBe(true);
  });
});

describe('explorer operations', () => {
  it.each(Object.entries({ ...OPERATIONS, ...CURATION_OPERATIONS }))('%s is valid against the schema', (_name, source) => {
    expect(problems(source)).toEqual([]);
  });
});
