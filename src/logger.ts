import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout; secrets never appear in them. In an interactive terminal (and when
 * the dev dependency pino-pretty is installed) the same records are printed readably instead.
 */
export function createLogger(level: string): Logger {
  const options = {
    level,
    base: { service: 'condition-graph' },
    redact: { paths: ['password', '*.password', 'req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  if (process.stdout.isTTY && prettyAvailable()) {
    return pino(options, pino.transport({ target: 'pino-pretty', options: { ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss', singleLine: true } }));
  }
  return pino(options);
}

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
