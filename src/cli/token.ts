/** `npm run token -- --role curator --sub alice`: prints a bearer token this server accepts (for development). */
import { issueToken } from '../auth/token-cli';
import { loadConfig } from '../config';

issueToken(loadConfig().auth, process.argv.slice(2)).then(
  (token) => process.stdout.write(`${token}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
