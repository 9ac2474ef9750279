import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets never appear in them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'condition-graph' },
    redact: { paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
