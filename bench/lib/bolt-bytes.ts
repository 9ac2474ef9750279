import net from 'node:net';

/**
 * Counts the bytes this process reads from Neo4j (issue 19: "bytes from Neo4j per request"), by
 * registering every socket the process opens (neo4j-driver's Bolt connections are the only outgoing
 * sockets of a bench server) and summing `bytesRead`: no proxy in the path, no cost per read.
 * Call before any driver is created.
 */
export function countBoltBytes(port: number): { read: () => number; restore: () => void } {
  const open = new Set<net.Socket>();
  let closed = 0;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
    // net.connect() hands Socket#connect its normalized arguments as one array.
    const options = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const target = typeof options === 'object' && options !== null ? Number((options as { port?: unknown }).port) : Number(options);
    if (target === port && !open.has(this)) {
      open.add(this);
      this.once('close', () => {
        closed += this.bytesRead;
        open.delete(this);
      });
    }
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return {
    read: () => {
      let total = closed;
      for (const socket of open) total += socket.bytesRead;
      return total;
    },
    restore: () => {
      net.Socket.prototype.connect = connect;
    },
  };
}
