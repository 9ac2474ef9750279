import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The local development secret: made once (32 random bytes, hex, mode 0600) and shared by the server
 * and `npm run token`, so a fresh checkout can sign in without any configuration. Deployments set
 * AUTH_JWT_SECRET or AUTH_JWKS_FILE instead.
 */
export function readOrCreateDevelopmentSecret(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
