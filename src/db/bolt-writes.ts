/**
 * The Bolt messages of one tick, sent in one socket write.
 *
 * neo4j-driver 6.3 writes to the socket every time it flushes a message: BEGIN, each statement's
 * RUN+PULL and COMMIT are one `write` syscall each, even when a transaction sends several of them
 * before it waits for an answer (curation pipelines its independent statements, and a shared commit
 * runs several writes' statements; src/domain/curation/in-order.ts, src/db/group-commit.ts). In a burst
 * of accepted proposals they were 26–29 % of a `--cpu-prof` profile's busy samples, though those count
 * wall time (system time was ~12 % of the API's CPU in /proc); coalescing them took the API's CPU per
 * accepted pair from 4.9–5.2 to 4.2–4.3 ms (bench/README.md, issue 12).
 *
 * Here the first write of a tick corks the socket and the end of the tick uncorks it, as Node's
 * documentation suggests for `socket.cork()`: everything the driver flushed meanwhile leaves in one
 * `writev`, in the same order, before any I/O callback could run. A lone message costs one write as
 * before. Made only for the driver version it was checked against (driver-internals.ts).
 */
import { boltConnectionModule } from './driver-internals';

interface SocketShape {
  cork(): void;
  uncork(): void;
}
interface ChannelShape {
  _pending: unknown[] | null;
  _conn: SocketShape;
  /** Set while this channel's socket is corked until the end of the tick. */
  __corked?: boolean;
}
interface NodeChannelModule {
  default: { prototype: { write: (this: ChannelShape, buffer: unknown) => void } };
}

let applied: boolean | undefined;

function uncorkAtEndOfTick(channel: ChannelShape): void {
  channel.__corked = false;
  channel._conn.uncork();
}

/** Coalesces the Bolt messages each connection flushes in one tick into one socket write. Idempotent; true when in effect. */
export function coalesceBoltWrites(): boolean {
  if (applied !== undefined) return applied;
  const NodeChannel = boltConnectionModule<NodeChannelModule>('lib/channel/node/node-channel.js')?.default;
  const write = NodeChannel?.prototype?.write;
  if (!NodeChannel || typeof write !== 'function') return (applied = false);
  NodeChannel.prototype.write = function coalescedWrite(this: ChannelShape, buffer: unknown) {
    // Before the socket connects the driver queues messages itself (`_pending`) and sends them one by one on connect.
    if (this._pending === null && !this.__corked && typeof this._conn?.cork === 'function') {
      this.__corked = true;
      this._conn.cork();
      process.nextTick(uncorkAtEndOfTick, this);
    }
    write.call(this, buffer);
  };
  return (applied = true);
}
