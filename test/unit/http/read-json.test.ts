import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import { jsonBodyReader, type BodyReader } from '../../../src/http/read-json';

/** What a reader made of a request: the body it set, or its error's status and type. */
interface Outcome {
  body?: unknown;
  error?: { status: unknown; type: unknown };
}

const LIMIT = 64;
const TYPES = ['application/json', 'application/graphql-response+json'];

/** A server that records what `reader` makes of each request it gets. */
async function recordingServer(reader: BodyReader): Promise<{ port: number; next: () => Promise<Outcome>; close: () => Promise<void> }> {
  const waiting: Array<(outcome: Outcome) => void> = [];
  const outcomes: Outcome[] = [];
  const server = http.createServer((req, res) => {
    reader(req, res, (error) => {
      const failure = error as { status?: unknown; type?: unknown } | undefined;
      const outcome: Outcome = failure ? { error: { status: failure.status, type: failure.type } } : { body: (req as { body?: unknown }).body };
      const resolve = waiting.shift();
      if (resolve) resolve(outcome);
      else outcomes.push(outcome);
      if (!res.writableEnded && !res.destroyed) res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    next: () => (outcomes.length > 0 ? Promise.resolve(outcomes.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Sends raw request bytes (head, then body) and, with `hangUp`, closes the connection before the body is complete. */
function send(port: number, head: string, body: Buffer, hangUp = false): void {
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write(head);
    socket.write(body);
    if (hangUp) setTimeout(() => socket.destroy(), 50);
  });
  socket.on('data', () => socket.end());
  socket.on('error', () => undefined);
}

const head = (headers: Record<string, string | number>): string =>
  `POST /graphql HTTP/1.1\r\nHost: x\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

const json = (text: string | Buffer, type = 'application/json', extra: Record<string, string | number> = {}) => {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  return { head: head({ 'Content-Type': type, 'Content-Length': body.length, ...extra }), body };
};

describe("the /graphql body reader reads what body-parser's json() reads, the same way", () => {
  let ours: Awaited<ReturnType<typeof recordingServer>>;
  let theirs: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    ours = await recordingServer(jsonBodyReader(LIMIT, TYPES));
    theirs = await recordingServer(express.json({ limit: LIMIT, type: TYPES }) as unknown as BodyReader);
  });
  afterAll(async () => {
    await ours.close();
    await theirs.close();
  });

  const both = async (request: { head: string; body: Buffer }, hangUp = false): Promise<[Outcome, Outcome]> => {
    send(ours.port, request.head, request.body, hangUp);
    send(theirs.port, request.head, request.body, hangUp);
    return [await ours.next(), await theirs.next()];
  };

  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"query":"{ a }"}')]);
  const badUtf8 = Buffer.concat([Buffer.from('{"query":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
  const exactly = `{"query":"${'a'.repeat(LIMIT - 12)}"}`;

  it.each([
    ['an object', json('{"query":"{ a }","variables":{"id":"als"}}')],
    ['an array (a batch)', json('[{"query":"{ a }"}]')],
    ['a charset of utf-8', json('{"query":"{ a }"}', 'application/json; charset=utf-8')],
    ['a Content-Type in capitals', json('{"query":"{ a }"}', 'Application/JSON')],
    ['a UTF-8 byte order mark', json(bom)],
    ['bytes that are not UTF-8', json(badUtf8)],
    ['an empty body', json('')],
    ['white space before the object', json(' \n\t{"query":"{ a }"}')],
    ['white space only', json('   ')],
    ['a string (not an object or array)', json('"{ a }"')],
    ['a number', json('42')],
    ['invalid JSON', json('{"query":')],
    ['a body of exactly the limit', json(exactly)],
    ['a body over the limit', json(`{"query":"${'a'.repeat(LIMIT)}"}`)],
    ['another charset', json('{"query":"{ a }"}', 'application/json; charset=latin1')],
    ['the GraphQL response type', json('{"query":"{ a }"}', 'application/graphql-response+json')],
    ['a type it does not read', json('{"query":"{ a }"}', 'text/plain')],
    ['a gzip-encoded body', json(zlib.gzipSync('{"query":"{ a }"}'), 'application/json', { 'Content-Encoding': 'gzip' })],
  ])('%s', async (_name, request) => {
    const [mine, body] = await both(request);
    expect(mine).toEqual(body);
  });

  it('a body cut short by the client hanging up', async () => {
    const cut = { head: head({ 'Content-Type': 'application/json', 'Content-Length': 40 }), body: Buffer.from('{"query":') };
    const [mine, body] = await both(cut, true);
    expect(mine).toEqual(body);
    expect(mine.error).toEqual({ status: 400, type: 'request.aborted' });
  });

  it('reads the common request itself, not through body-parser', async () => {
    // Guards the comparisons above: had everything gone to body-parser, they would pass trivially.
    const spy = jest.spyOn(JSON, 'parse');
    send(ours.port, json('{"query":"{ a }"}').head, json('{"query":"{ a }"}').body);
    await ours.next();
    // body-parser calls JSON.parse(text, reviver); this reader calls it with the text alone.
    expect(spy.mock.calls.filter((call) => call[0] === '{"query":"{ a }"}').map((call) => call.length)).toEqual([1]);
    spy.mockRestore();
  });
});
