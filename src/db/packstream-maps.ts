/**
 * Bolt maps unpacked into ordinary objects.
 *
 * neo4j-driver 6.3 builds every map it unpacks with one `Object.defineProperty` per key (upstream
 * neo4j-javascript-driver#1455, so that a key named `__proto__` cannot replace the object's
 * prototype). That is ~10× slower than assigning the key, and leaves objects that V8 handles on its
 * slow paths afterwards (graphql-js, JSON.stringify): on the 100k graph's Entity question it was the
 * largest single cost of the API's Node CPU beyond the floor's (bench/README.md, issue 19).
 *
 * Here a key is assigned, as any object literal would be, unless assignment could mean something
 * else: a key that Object.prototype has (`__proto__`'s setter, or a frozen `toString`) still goes
 * through defineProperty, so the result is the same own, writable, enumerable, configurable property
 * either way. Made only for the driver version it was checked against (driver-internals.ts).
 */
import { boltConnectionModule } from './driver-internals';

type Unpack = (buffer: unknown, hydrateStructure: unknown) => unknown;
interface UnpackerShape {
  unpack: Unpack;
}
interface PackstreamV1 {
  Unpacker: { prototype: { _unpackMapWithSize: (this: UnpackerShape, size: number, buffer: unknown, hydrateStructure: unknown) => unknown } };
}

let applied: boolean | undefined;

/** Unpacks Bolt maps by assignment (defineProperty kept for Object.prototype's keys). Idempotent; true when in effect. */
export function assignUnpackedMaps(): boolean {
  if (applied !== undefined) return applied;
  const packstream = boltConnectionModule<PackstreamV1>('lib/packstream/packstream-v1.js');
  // packstream-v2's Unpacker extends v1's and keeps its map method: one change covers both.
  if (typeof packstream?.Unpacker?.prototype?._unpackMapWithSize !== 'function') return (applied = false);
  packstream.Unpacker.prototype._unpackMapWithSize = function assignedMap(this: UnpackerShape, size: number, buffer: unknown, hydrateStructure: unknown) {
    const value: Record<string, unknown> = {};
    for (let i = 0; i < size; i += 1) {
      const key = this.unpack(buffer, hydrateStructure) as string;
      const unpacked = this.unpack(buffer, hydrateStructure);
      if (key in Object.prototype) Object.defineProperty(value, key, { value: unpacked, writable: true, enumerable: true, configurable: true });
      else value[key] = unpacked;
    }
    return value;
  };
  return (applied = true);
}
