import { needsNeo4j } from '../../global-setup';
import { neo4jTestEnv } from '../../helpers/neo4j-env';

describe('whether a test run needs Neo4j', () => {
  it('does for a full run', () => {
    expect(needsNeo4j({ selectProjects: [], testPathPatterns: { patterns: [] } })).toBe(true);
  });

  it('does not when only the unit project is selected', () => {
    expect(needsNeo4j({ selectProjects: ['unit'] })).toBe(false);
  });

  it('does when the integration project is selected too', () => {
    expect(needsNeo4j({ selectProjects: ['unit', 'integration'] })).toBe(true);
  });

  it('does not when every path pattern points into test/unit', () => {
    expect(needsNeo4j({ testPathPatterns: { patterns: ['test/unit/local-neo4j', 'test/unit/graphql'] } })).toBe(false);
  });

  it('does when a path pattern may match integration tests', () => {
    expect(needsNeo4j({ testPathPatterns: { patterns: ['test/unit/local-neo4j', 'local-neo4j'] } })).toBe(true);
  });
});

describe('the Neo4j credentials for tests', () => {
  it('come from the environment, with neo4j as the default database', () => {
    expect(neo4jTestEnv({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'pw' })).toEqual({
      uri: 'bolt://127.0.0.1:1',
      user: 'neo4j',
      password: 'pw',
      database: 'neo4j',
    });
  });

  it('are reported missing with the reason when global setup did not provide them', () => {
    expect(() => neo4jTestEnv({})).toThrow(/NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are not set/);
  });
});
