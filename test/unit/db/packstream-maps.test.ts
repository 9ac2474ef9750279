import { createRequire } from 'node:module';
import { PATCHED_VERSION } from '../../../src/db/driver-internals';

const load = createRequire(require.resolve('neo4j-driver'));
type Buf = { reset: () => void; position: number };
type UnpackerLike = { unpack: (buffer: Buf, hydrate: (s: unknown) => unknown) => unknown };
const v1 = load('neo4j-driver-bolt-connection/lib/packstream/packstream-v1.js') as {
  Packer: new (channel: Buf) => { packable: (value: unknown) => () => void };
  Unpacker: { new (disableLosslessIntegers: boolean, useBigInt: boolean): UnpackerLike; prototype: { _unpackMapWithSize: unknown } };
};
const v2 = load('neo4j-driver-bolt-connection/lib/packstream/packstream-v2.js') as { Unpacker: new (disableLosslessIntegers: boolean, useBigInt: boolean) => UnpackerLike };
const { alloc } = load('neo4j-driver-bolt-connection/lib/channel/index.js') as { alloc: (size: number) => Buf };

/** The driver's own map method, kept before the change is made (jest gives this file its own modules). */
const original = v1.Unpacker.prototype._unpackMapWithSize;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after `original` is kept
const { assignUnpackedMaps } = require('../../../src/db/packstream-maps') as typeof import('../../../src/db/packstream-maps');

const identity = (structure: unknown) => structure;

/** `value` packed by the driver's Packer, then unpacked by `unpacker`. */
function roundTrip(value: unknown, unpacker: UnpackerLike): unknown {
  const buffer = alloc(1 << 16);
  new v1.Packer(buffer).packable(value)();
  buffer.reset();
  return unpacker.unpack(buffer, identity);
}

/** Every own property with its descriptor, and the prototype, all the way down. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return value;
  return {
    prototype: Object.getPrototypeOf(value) === Object.prototype ? 'Object.prototype' : 'other',
    properties: Reflect.ownKeys(value).map((key) => {
      const { value: inner, ...flags } = Object.getOwnPropertyDescriptor(value, key)!;
      return [String(key), flags, shape(inner)];
    }),
  };
}

const samples: unknown[] = [
  { id: 'C:als', name: 'ALS', kind: 'Condition', aliases: ['Lou Gehrig’s disease'], count: 3, score: 0.5, none: null },
  { symptoms: [{ id: 'S:1', name: 'twitching', evidence: [{ source: 'SRC:a', quote: 'ß€𝄞' }] }, { id: 'S:2', name: '', evidence: [] }] },
  // As text: an object literal's __proto__ would set the prototype instead of a key.
  '{"__proto__": {"polluted": true}, "constructor": "c", "toString": "x", "hasOwnProperty": 1, "valueOf": [], "normal": {"__proto__": "y"}}',
  {},
  { '': 'empty key', 'with space': 1, '0': 'index-like', '1e3': 2 },
];

describe('unpacking Bolt maps by assignment', () => {
  it('is made for the neo4j-driver version it was checked against (a new driver version fails here: re-check src/db/packstream-maps.ts)', () => {
    expect((load('neo4j-driver-bolt-connection/package.json') as { version: string }).version).toBe(PATCHED_VERSION);
    expect(assignUnpackedMaps()).toBe(true);
    expect(assignUnpackedMaps()).toBe(true);
    expect(v1.Unpacker.prototype._unpackMapWithSize).not.toBe(original);
  });

  it('gives maps the same own properties, flags, order and prototype as the driver did, __proto__ and Object.prototype keys included', () => {
    assignUnpackedMaps();
    const assigned = v1.Unpacker.prototype._unpackMapWithSize;
    // JSON.parse keeps "__proto__" an own key, as a map from Neo4j may have it.
    const packed = samples.map((sample) => JSON.parse(typeof sample === 'string' ? sample : JSON.stringify(sample)) as unknown);
    expect(Object.keys(packed[2] as object)).toContain('__proto__');
    const patched = packed.map((value) => shape(roundTrip(value, new v1.Unpacker(true, false))));
    const patchedV2 = packed.map((value) => shape(roundTrip(value, new v2.Unpacker(true, false))));
    v1.Unpacker.prototype._unpackMapWithSize = original;
    try {
      const before = packed.map((value) => shape(roundTrip(value, new v1.Unpacker(true, false))));
      expect(patched).toEqual(before);
      expect(patchedV2).toEqual(before);
    } finally {
      v1.Unpacker.prototype._unpackMapWithSize = assigned;
    }
  });

  it('never lets a key named __proto__ replace the prototype of what it unpacks', () => {
    assignUnpackedMaps();
    const unpacked = roundTrip(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), new v1.Unpacker(true, false)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(unpacked)).toBe(Object.prototype);
    expect((unpacked as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(unpacked, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
