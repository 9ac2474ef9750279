/**
 * Curator writes over HTTP as a careful client sends them: one attempt (`sendMutation`) and the
 * retry loop (`untilAcknowledged`) that sends the same request with the same idempotency key after a
 * 503, a 504 or a network error, until it is acknowledged or its time is up. Used by the fault tests
 * of curation (test/integration/curation-faults/).
 */

export interface Attempt {
  /** HTTP status; 0 when no answer came (network error or client timeout). */
  status: number;
  /** The first error's `extensions.code`, if any. */
  code?: string;
  /** The network error instead of an answer (ECONNRESET, TimeoutError …). */
  error?: string;
  ms: number;
  retryAfter?: string | null;
  connectionClose?: boolean;
  data?: Record<string, { change: { id: string; status: string }; replayed: boolean }> | null;
}

/** One POST of a mutation with a bearer token (and the Idempotency-Key header when given), bounded by `timeoutMs`. */
export async function sendMutation(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  { idempotencyKey, timeoutMs = 30_000 }: { idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<Attempt> {
  const started = Date.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${token}`,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: Attempt['data']; errors?: Array<{ extensions?: { code?: string } }> };
    return {
      status: response.status,
      code: body.errors?.[0]?.extensions?.code,
      ms: Date.now() - started,
      retryAfter: response.headers.get('retry-after'),
      connectionClose: response.headers.get('connection') === 'close',
      data: body.data,
    };
  } catch (error) {
    const failure = error as { cause?: { code?: string }; name?: string };
    return { status: 0, error: failure.cause?.code ?? failure.name ?? 'error', ms: Date.now() - started };
  }
}

/** 200 with data and no error: the server says the write is stored (or was, for a replay). */
export const acknowledged = (attempt: Attempt): boolean => attempt.status === 200 && attempt.code === undefined && attempt.data != null;

/** What a client may send again with the same key: the server could not tell, or the answer never came. */
export const retriable = (attempt: Attempt): boolean => attempt.status === 503 || attempt.status === 504 || attempt.status === 0;

/** Every answer seen, by kind: `200`, `503 SERVICE_UNAVAILABLE`, `network ECONNREFUSED` … */
export type Tally = Map<string, number>;
/** The slowest answer of each kind, in ms, and when it was sent (ms since epoch). */
export type Slowest = Map<string, { ms: number; sentAt: number }>;

export function tallyKey(attempt: Attempt): string {
  return attempt.status === 0 ? `network ${attempt.error}` : `${attempt.status}${attempt.code ? ` ${attempt.code}` : ''}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends until acknowledged, retrying only what `retriable` allows, with an exponential backoff
 * (250 ms doubling up to 4 s, ±50 % jitter so a thousand clients neither return in step nor flood a
 * server that is coming back), until `giveUpAt()` (ms since epoch; asked again before each retry).
 * Returns the last attempt and how many were made.
 */
export async function untilAcknowledged(send: () => Promise<Attempt>, tally: Tally, giveUpAt: () => number, slowest?: Slowest): Promise<{ last: Attempt; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    const last = await send();
    const key = tallyKey(last);
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (slowest && last.ms > (slowest.get(key)?.ms ?? -1)) slowest.set(key, { ms: last.ms, sentAt: Date.now() - last.ms });
    if (acknowledged(last) || !retriable(last) || Date.now() >= giveUpAt()) return { last, attempts };
    const backoff = Math.min(4_000, 250 * 2 ** (attempts - 1));
    await sleep(Math.min(backoff * (0.5 + Math.random()), Math.max(0, giveUpAt() - Date.now())));
  }
}
