import type { Session } from 'neo4j-driver';

/**
 * Waits for `work` at most `ms` milliseconds. Neo4j enforces a query's timeout itself, so a frozen or
 * half-started server enforces nothing: this client-side deadline is what bounds every wait. When it
 * passes, `onExpired()` makes the error, and the session is closed without waiting (closing it waits
 * for the server, which may never answer); its connection returns to the pool if the server ever does.
 */
const abandoned = new WeakSet<Session>();

/** Whether `withinDeadline` gave up on this session (and closed it without waiting). */
export function isAbandoned(session: Session): boolean {
  return abandoned.has(session);
}

export function withinDeadline<T>(work: PromiseLike<T>, ms: number, session: Session, onExpired: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      abandoned.add(session);
      void session.close().catch(() => undefined);
      reject(onExpired());
    }, Math.max(0, ms));
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
