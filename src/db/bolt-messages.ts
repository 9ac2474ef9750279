/**
 * Large answers, unpacked in one piece.
 *
 * neo4j-driver 6.3 hands a Bolt message that arrived in several chunks (any record over one chunk,
 * e.g. a condition with its symptoms and theirs) to its unpacker as a CombinedBuffer: every string is
 * decoded through a fresh StringDecoder over the chunk list, and every byte read walks that list. On
 * the 100k graph's Nested question that was ~30 % of the API's Node CPU (bench/README.md, issue 19).
 * Joining the chunks into one buffer when the message is complete costs one copy of it; the unpacker
 * then reads it as it reads any one-chunk message.
 *
 * The change is to the driver's internal Dechunker, so it is made only for the version it was checked
 * against (driver-internals.ts); with any other the driver is left as it is and
 * test/unit/db/bolt-messages.test.ts fails, to have the change re-checked or dropped. Upstream
 * (neo4j-javascript-driver's packages/bolt-connection/src/channel/chunking.js) has the same code.
 */
import { boltConnectionModule } from './driver-internals';

export { PATCHED_VERSION } from './driver-internals';

interface ChunkSlice {
  _buffer: Buffer;
  length: number;
  position: number;
}
interface DechunkerShape {
  _currentMessage: ChunkSlice[];
}
interface BoltConnectionInternals {
  Dechunker: { prototype: { _onHeader: (this: DechunkerShape, header: number) => unknown } };
  ChannelBuffer: new (buffer: Buffer) => ChunkSlice;
}

let applied: boolean | undefined;

function internals(): BoltConnectionInternals | null {
  const chunking = boltConnectionModule<Pick<BoltConnectionInternals, 'Dechunker'>>('lib/channel/chunking.js');
  const ChannelBuffer = boltConnectionModule<{ default: BoltConnectionInternals['ChannelBuffer'] }>('lib/channel/channel-buf.js')?.default;
  const Dechunker = chunking?.Dechunker;
  if (typeof Dechunker?.prototype?._onHeader !== 'function' || typeof ChannelBuffer !== 'function') return null;
  return { Dechunker, ChannelBuffer };
}

/** Joins the chunks of each multi-chunk message before the driver unpacks it. Idempotent; true when in effect. */
export function joinBoltChunks(): boolean {
  if (applied !== undefined) return applied;
  const driver = internals();
  if (!driver) return (applied = false);
  const { ChannelBuffer } = driver;
  const onHeader = driver.Dechunker.prototype._onHeader;
  driver.Dechunker.prototype._onHeader = function joinedOnHeader(this: DechunkerShape, header: number) {
    // Header 0 ends a message; the driver would wrap several slices in a CombinedBuffer.
    const parts = this._currentMessage;
    if (header === 0 && parts.length > 1 && parts.every((part) => part.position === 0 && Buffer.isBuffer(part._buffer))) {
      this._currentMessage = [new ChannelBuffer(Buffer.concat(parts.map((part) => part._buffer)))];
    }
    return onHeader.call(this, header);
  };
  return (applied = true);
}
