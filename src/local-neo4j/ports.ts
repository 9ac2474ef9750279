import net from 'node:net';
import { ALTERNATIVES, LocalNeo4jError } from './errors';

export const LOOPBACK = '127.0.0.1';

/** Whether nothing listens on `host:port` (checked by binding it for a moment). */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port that is free right now, chosen by the operating system. */
export function pickFreePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const portInUseError = (port: number, detail = ''): LocalNeo4jError =>
  new LocalNeo4jError(
    'PORT_IN_USE',
    `Cannot start the local Neo4j: Bolt port ${port} on ${LOOPBACK} is already in use by another process${detail}. Stop that process (\`ss -ltnp 'sport = :${port}'\` shows it), choose another port, or leave the port unset so a free one is picked. ${ALTERNATIVES}`,
  );

/**
 * The Bolt port to start on: the requested one (which must be free), else the one this instance
 * used last time if it is still free, else any free port.
 */
export async function chooseBoltPort(choice: { requested?: number; previous?: number }): Promise<number> {
  if (choice.requested !== undefined) {
    if (!(await isPortFree(choice.requested))) throw portInUseError(choice.requested);
    return choice.requested;
  }
  if (choice.previous !== undefined && (await isPortFree(choice.previous))) return choice.previous;
  return pickFreePort();
}
