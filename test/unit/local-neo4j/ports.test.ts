import net from 'node:net';
import { LocalNeo4jError } from '../../../src/local-neo4j/errors';
import { chooseBoltPort, isPortFree, pickFreePort } from '../../../src/local-neo4j/ports';

function listenOn(port = 0): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (server: net.Server): number => (server.address() as net.AddressInfo).port;
const close = (server: net.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('choosing the Bolt port', () => {
  it('sees a port someone listens on as taken and a closed one as free', async () => {
    const server = await listenOn();
    const port = portOf(server);
    expect(await isPortFree(port)).toBe(false);
    await close(server);
    expect(await isPortFree(port)).toBe(true);
  });

  it('uses a requested port that is free', async () => {
    const port = await pickFreePort();
    expect(await chooseBoltPort({ requested: port, previous: 1 })).toBe(port);
  });

  it('fails with PORT_IN_USE when the requested port is taken, naming the port and the fixes', async () => {
    const server = await listenOn();
    const port = portOf(server);
    try {
      const error: unknown = await chooseBoltPort({ requested: port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LocalNeo4jError);
      expect((error as LocalNeo4jError).code).toBe('PORT_IN_USE');
      expect((error as LocalNeo4jError).message).toMatch(new RegExp(`Bolt port ${port} on 127.0.0.1 is already in use.*NEO4J_URI.*docker compose up`));
    } finally {
      await close(server);
    }
  });

  it('prefers the port used last time when it is still free', async () => {
    const previous = await pickFreePort();
    expect(await chooseBoltPort({ previous })).toBe(previous);
  });

  it('picks another free port when the one used last time is taken', async () => {
    const server = await listenOn();
    try {
      const port = await chooseBoltPort({ previous: portOf(server) });
      expect(port).not.toBe(portOf(server));
      expect(await isPortFree(port)).toBe(true);
    } finally {
      await close(server);
    }
  });
});
