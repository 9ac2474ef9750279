import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { countBoltBytes } from '../../../bench/lib/bolt-bytes';

/** A server that writes `bytes` bytes to every client and closes. */
async function sender(bytes: number): Promise<net.Server> {
  const server = net.createServer((socket) => socket.end(Buffer.alloc(bytes, 1)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function receive(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('data', () => {});
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

describe('the bench counter of bytes read from Neo4j', () => {
  it('counts what sockets to the given port read, open or closed, and nothing from other ports', async () => {
    const neo4j = await sender(1000);
    const other = await sender(500);
    const counter = countBoltBytes((neo4j.address() as AddressInfo).port);
    try {
      await receive((neo4j.address() as AddressInfo).port);
      await receive((other.address() as AddressInfo).port);
      await receive((neo4j.address() as AddressInfo).port);
      expect(counter.read()).toBe(2000);
    } finally {
      counter.restore();
      neo4j.close();
      other.close();
    }
  });
});
