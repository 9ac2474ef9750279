import { ConfigError } from '../config';

/** Runs the config loader; on a bad value prints what to fix and exits non-zero instead of a stack trace. */
export function exitOnConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix the variable(s) above and start again. See README.md, "Configuration".\n`);
      process.exit(2);
    }
    throw error;
  }
}
