import net from 'node:net';
import neo4j from 'neo4j-driver';
import { LOOPBACK } from './ports';

export type BoltProbe = 'ok' | 'unauthorized' | 'unreachable';

/** Whether something accepts TCP connections on the port (cheap check before a Bolt handshake). */
export function portAcceptsConnections(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: LOOPBACK });
    const done = (result: boolean): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** One attempt to log in over Bolt with these credentials, bounded by `timeoutMs`. */
export async function probeBolt(uri: string, user: string, password: string, timeoutMs = 5000): Promise<BoltProbe> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { connectionTimeout: timeoutMs, maxConnectionPoolSize: 1 });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<BoltProbe>((resolve) => {
      timer = setTimeout(() => resolve('unreachable'), timeoutMs);
    });
    const attempt = driver.verifyConnectivity().then(
      (): BoltProbe => 'ok',
      (error: unknown): BoltProbe => {
        const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
        return code.startsWith('Neo.ClientError.Security.') ? 'unauthorized' : 'unreachable';
      },
    );
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
    void driver.close().catch(() => undefined);
  }
}

export const boltUri = (port: number): string => `bolt://${LOOPBACK}:${port}`;
