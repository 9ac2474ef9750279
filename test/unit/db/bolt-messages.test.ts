import { createRequire } from 'node:module';
import { joinBoltChunks, PATCHED_VERSION } from '../../../src/db/bolt-messages';

const load = createRequire(require.resolve('neo4j-driver'));
interface Message {
  _buffer?: Buffer;
  _buffers?: unknown[];
  length: number;
}
const { Dechunker } = load('neo4j-driver-bolt-connection/lib/channel/chunking.js') as { Dechunker: new () => { onmessage: (m: Message) => void; write: (b: unknown) => void } };
const ChannelBuffer = (load('neo4j-driver-bolt-connection/lib/channel/channel-buf.js') as { default: new (b: Buffer) => unknown }).default;
const utf8 = (load('neo4j-driver-bolt-connection/lib/channel/utf8.js') as { default: { decode: (buffer: Message, length: number) => string } }).default;

/** `message` framed as Bolt chunks of at most `chunkSize` bytes, then the 0 end marker. */
function framed(message: Buffer, chunkSize: number): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < message.length; at += chunkSize) {
    const chunk = message.subarray(at, at + chunkSize);
    parts.push(Buffer.from([chunk.length >> 8, chunk.length & 0xff]), chunk);
  }
  parts.push(Buffer.from([0, 0]));
  return Buffer.concat(parts);
}

/** Feeds `bytes` to a fresh Dechunker as socket reads of `readSize` bytes; returns the messages it emits. */
function dechunk(bytes: Buffer, readSize: number): Message[] {
  const dechunker = new Dechunker();
  const messages: Message[] = [];
  dechunker.onmessage = (message) => messages.push(message);
  for (let at = 0; at < bytes.length; at += readSize) dechunker.write(new ChannelBuffer(Buffer.from(bytes.subarray(at, at + readSize))));
  return messages;
}

describe('joining the Bolt chunks of a large message before neo4j-driver unpacks it', () => {
  it('is made for the neo4j-driver version it was checked against (a new driver version fails here: re-check src/db/bolt-messages.ts)', () => {
    expect((load('neo4j-driver-bolt-connection/package.json') as { version: string }).version).toBe(PATCHED_VERSION);
    expect(joinBoltChunks()).toBe(true);
    expect(joinBoltChunks()).toBe(true);
  });

  it('hands over one buffer holding exactly the message, whatever the chunk and read boundaries', () => {
    joinBoltChunks();
    // Multi-byte characters (2, 3 and 4 bytes) cut by chunk and read boundaries at every offset.
    const text = Array.from({ length: 3000 }, (_, i) => `ß€𝄞${i}`).join('|');
    const message = Buffer.from(text, 'utf8');
    for (const [chunkSize, readSize] of [
      [1000, 65_536],
      [997, 4093],
      [65_535, 1500],
      [7, 13],
    ] as const) {
      const [only, ...rest] = dechunk(framed(message, chunkSize), readSize);
      expect(rest).toHaveLength(0);
      expect(only?._buffers).toBeUndefined();
      expect(only?._buffer?.equals(message)).toBe(true);
      expect(utf8.decode(only as Message, message.length)).toBe(text);
    }
  });

  it('leaves one-chunk messages and keep-alive chunks as the driver handles them', () => {
    joinBoltChunks();
    const small = Buffer.from('hello');
    const bytes = Buffer.concat([Buffer.from([0, 0]), framed(small, 100), Buffer.from([0, 0])]);
    const messages = dechunk(bytes, 3);
    expect(messages).toHaveLength(1);
    expect(messages[0]?._buffer?.equals(small)).toBe(true);
  });
});
