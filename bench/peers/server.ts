/**
 * The `neo4jgraphql` peer (issue 19): @neo4j/graphql 7.6 generating its schema from
 * ./neo4j-graphql.typedefs.ts, served by Apollo Server 5's standalone server on node:http, on its own
 * neo4j-driver, reading the same Neo4j as the other servers. Used by the bench (bench/servers.ts) and
 * by test/integration/bench/peer-agrees.test.ts; nothing in src/ imports it.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import { NEO4J_GRAPHQL_TYPEDEFS } from './neo4j-graphql.typedefs';

export interface PeerConnection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export interface RunningPeer {
  port: number;
  url: string;
  driver: Driver;
  stop: () => Promise<void>;
}

export async function startNeo4jGraphqlPeer(connection: PeerConnection, port = 0): Promise<RunningPeer> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  const neoSchema = new Neo4jGraphQL({
    typeDefs: NEO4J_GRAPHQL_TYPEDEFS,
    driver,
    // Case-insensitive `contains`, as this API's nameContains is (PageCounts).
    features: { filters: { String: { CASE_INSENSITIVE: true } } },
  });
  const schema = await neoSchema.getSchema();
  const apollo = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(apollo, {
    listen: { port, host: '127.0.0.1' },
    context: async () => ({ sessionConfig: { database: connection.database ?? 'neo4j' } }),
  });
  const actualPort = Number(new URL(url).port);
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    driver,
    stop: async () => {
      await apollo.stop();
      await driver.close();
    },
  };
}
