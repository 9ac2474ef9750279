/**
 * Apollo's own integration test suite (@apollo/server-integration-testsuite) run against this
 * project's HTTP handler (src/http/graphql-handler.ts), which replaced Apollo's Express integration:
 * the same requests, statuses, headers and bodies every Apollo integration must get right, here on
 * node:http exactly as src/server.ts mounts it. Needs no Neo4j (the suite brings its own schemas).
 * The suite is versioned in lockstep with @apollo/server (both pinned to the same version in
 * package.json; it checks that itself). The 24 tests it skips are its own: @defer/@stream need graphql 17.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { defineIntegrationTestSuite } from '@apollo/server-integration-testsuite';
import pino from 'pino';
import { graphqlHandler } from '../../../src/http/graphql-handler';

defineIntegrationTestSuite(async (serverOptions: ApolloServerOptions<BaseContext>, testOptions) => {
  const httpServer = http.createServer();
  const server = new ApolloServer<BaseContext>({
    ...serverOptions,
    plugins: [...(serverOptions.plugins ?? []), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();
  const handler = graphqlHandler({
    apollo: server,
    maxBodyBytes: 1_000_000,
    context: async () => (testOptions?.context ? testOptions.context() : {}),
    logger: pino({ level: 'silent' }),
  });
  httpServer.on('request', handler);
  await new Promise<void>((resolve) => httpServer.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
});
