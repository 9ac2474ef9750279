import type http from 'node:http';
import type { Socket } from 'node:net';
import { RETRY_AFTER_SECONDS } from '../graphql/errors';

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface GracefulShutdown {
  /** True from the moment shutdown begins (/readyz reads it). */
  readonly stopping: boolean;
  /** Requests read and not yet answered. */
  readonly inFlight: number;
  /** Wraps the server's request listener: during shutdown new requests are refused with 503 and `Connection: close`. */
  listener(next: Listener): Listener;
  /**
   * Stops the server without resetting anyone: keeps reading for `acceptDrainMs` so every request
   * whose bytes have arrived (on accepted connections or still in the listen backlog) is read and
   * answered, marks every response `Connection: close`, stops listening, closes keep-alive sockets
   * between requests, waits for requests in flight up to `graceMs`, then closes what is left.
   */
  shutdown(graceMs: number): Promise<void>;
}

/** Paths still answered normally during shutdown (cheap, and /readyz says why it is 503). */
const PROBES = new Set(['/readyz', '/healthz']);

export function gracefulShutdown(server: http.Server, options: { acceptDrainMs?: number } = {}): GracefulShutdown {
  const acceptDrainMs = options.acceptDrainMs ?? 250;
  const inFlight = new Map<Socket, number>();
  const responses = new Set<http.ServerResponse>();
  let stopping = false;
  let allDone: (() => void) | undefined;

  const finished = (socket: Socket, res: http.ServerResponse): void => {
    if (!responses.delete(res)) return;
    const left = (inFlight.get(socket) ?? 1) - 1;
    if (left > 0) inFlight.set(socket, left);
    else inFlight.delete(socket);
    if (stopping && responses.size === 0) allDone?.();
  };

  const refuse = (res: http.ServerResponse): void => {
    const body = JSON.stringify({ errors: [{ message: 'The server is shutting down; send the request again (to another instance).', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': String(RETRY_AFTER_SECONDS),
      connection: 'close',
    });
    res.end(body);
  };

  return {
    get stopping() {
      return stopping;
    },
    get inFlight() {
      return responses.size;
    },
    listener: (next) => (req, res) => {
      const socket = req.socket;
      responses.add(res);
      inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
      res.once('close', () => finished(socket, res));
      if (!stopping) {
        next(req, res);
        return;
      }
      res.setHeader('connection', 'close');
      if (PROBES.has((req.url ?? '').split('?')[0] ?? '')) next(req, res);
      else refuse(res);
    },
    async shutdown(graceMs: number): Promise<void> {
      if (stopping) return;
      stopping = true;
      for (const res of responses) if (!res.headersSent) res.setHeader('connection', 'close');
      // Let the event loop accept what waits in the listen backlog and read what has arrived.
      await new Promise((resolve) => setTimeout(resolve, Math.min(acceptDrainMs, graceMs)));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (responses.size > 0) {
        const done = new Promise<void>((resolve) => (allDone = resolve));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, graceMs - acceptDrainMs))))]);
        clearTimeout(timer);
      }
      server.closeIdleConnections();
      server.closeAllConnections();
      await closed;
    },
  };
}
