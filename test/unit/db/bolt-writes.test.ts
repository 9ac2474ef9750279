import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import { coalesceBoltWrites } from '../../../src/db/bolt-writes';
import { PATCHED_VERSION } from '../../../src/db/driver-internals';

const load = createRequire(require.resolve('neo4j-driver'));
interface Channel {
  write(buffer: unknown): void;
  close(): Promise<void>;
}
const NodeChannel = (load('neo4j-driver-bolt-connection/lib/channel/node/node-channel.js') as {
  default: new (config: object, connect: (config: object, onConnect: () => void) => net.Socket) => Channel;
}).default;
const ChannelBuffer = (load('neo4j-driver-bolt-connection/lib/channel/channel-buf.js') as { default: new (b: Buffer) => unknown }).default;

interface Peer {
  channel: Channel;
  socket: net.Socket;
  /** Every byte the far end has received so far. */
  received: () => Buffer;
  /** The socket writes (syscall-level: `_write` or `_writev` calls) made so far. */
  socketWrites: () => number;
  close: () => Promise<void>;
}

/** A driver channel over a real TCP socket to a local server, connected. */
async function connectedChannel(): Promise<Peer> {
  const chunks: Buffer[] = [];
  const server = net.createServer((far) => far.on('data', (data) => chunks.push(data)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let socket: net.Socket | undefined;
  let writes = 0;
  let channel: Channel | undefined;
  await new Promise<void>((resolve) => {
    channel = new NodeChannel({ connectionErrorCode: 'ServiceUnavailable' }, (_config, onConnect) => {
      const opened = net.connect(port, '127.0.0.1', () => {
        onConnect();
        resolve();
      });
      const methods = opened as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of ['_write', '_writev']) {
        const original = methods[method]!;
        methods[method] = function counted(this: net.Socket, ...args: unknown[]) {
          writes += 1;
          return original.apply(this, args);
        };
      }
      socket = opened;
      return opened;
    });
  });
  return {
    channel: channel!,
    socket: socket!,
    received: () => Buffer.concat(chunks),
    socketWrites: () => writes,
    close: async () => {
      await channel!.close();
      server.close();
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('sending the Bolt messages of one tick in one socket write', () => {
  beforeAll(() => {
    expect((load('neo4j-driver-bolt-connection/package.json') as { version: string }).version).toBe(PATCHED_VERSION);
    expect(coalesceBoltWrites()).toBe(true);
    expect(coalesceBoltWrites()).toBe(true);
  });

  it('sends messages flushed in the same tick with one socket write, in the order they were flushed', async () => {
    const peer = await connectedChannel();
    try {
      const before = peer.socketWrites();
      for (const text of ['BEGIN;', 'RUN a;', 'RUN b;', 'COMMIT;']) peer.channel.write(new ChannelBuffer(Buffer.from(text)));
      await until(() => peer.received().length === 'BEGIN;RUN a;RUN b;COMMIT;'.length);
      expect(peer.received().toString()).toBe('BEGIN;RUN a;RUN b;COMMIT;');
      expect(peer.socketWrites() - before).toBe(1);
    } finally {
      await peer.close();
    }
  });

  it('leaves the socket uncorked after the tick, so messages of later ticks go out on their own', async () => {
    const peer = await connectedChannel();
    try {
      const before = peer.socketWrites();
      peer.channel.write(new ChannelBuffer(Buffer.from('one;')));
      await tick();
      expect(peer.socket.writableCorked).toBe(0);
      peer.channel.write(new ChannelBuffer(Buffer.from('two;')));
      await tick();
      await until(() => peer.received().length === 'one;two;'.length);
      expect(peer.received().toString()).toBe('one;two;');
      expect(peer.socketWrites() - before).toBe(2);
      expect(peer.socket.writableCorked).toBe(0);
    } finally {
      await peer.close();
    }
  });
});
