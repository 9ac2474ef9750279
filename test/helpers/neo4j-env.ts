/** How tests reach the Neo4j that test/global-setup.ts provided. */
export interface Neo4jTestEnv {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export function neo4jTestEnv(env: NodeJS.ProcessEnv = process.env): Neo4jTestEnv {
  const { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password } = env;
  if (!uri || !user || !password) {
    throw new Error(
      'No Neo4j for this test: NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are not set. test/global-setup.ts sets them when it starts the test Neo4j (it does not for a unit-only run); or set them to use an existing server.',
    );
  }
  return { uri, user, password, database: env.NEO4J_DATABASE ?? 'neo4j' };
}
