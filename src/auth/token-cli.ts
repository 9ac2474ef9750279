import { parseArgs } from 'node:util';
import type { AuthConfig } from '../config';
import { readOrCreateDevelopmentSecret } from './dev-secret';
import { isRole, ROLES, type Role } from './roles';
import { signToken } from './sign-token';

export const TOKEN_USAGE = 'usage: npm run token -- --role curator|reviewer|admin [--role …] --sub NAME [--expires 8h]';

/** Parses `npm run token` arguments; a mistake throws a message that says what to fix. */
export function parseTokenArguments(args: string[]): { subject: string; roles: Role[]; expiresIn: string } {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string', multiple: true }, sub: { type: 'string' }, expires: { type: 'string', default: '8h' } },
    strict: true,
  });
  const roles = (values.role ?? []).flatMap((value) => value.split(','));
  if (roles.length === 0) throw new Error(`--role is required (${ROLES.join(', ')}).\n${TOKEN_USAGE}`);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`unknown role ${unknown.join(', ')}: use ${ROLES.join(', ')}.\n${TOKEN_USAGE}`);
  if (!values.sub || !/^[\w.@\-]{1,200}$/.test(values.sub)) {
    throw new Error(`--sub is required: who the token is for (letters, digits, . _ - @).\n${TOKEN_USAGE}`);
  }
  if (!/^\d+\s?(s|m|h|d)$/.test(values.expires)) throw new Error(`--expires must be a span such as 30m, 8h or 7d.\n${TOKEN_USAGE}`);
  return { subject: values.sub, roles: [...new Set(roles as Role[])], expiresIn: values.expires };
}

/** A signed token for this server's configuration (HS256: the configured or the development secret). */
export async function issueToken(config: AuthConfig, args: string[]): Promise<string> {
  const request = parseTokenArguments(args);
  if (config.key.kind === 'jwks-file') {
    throw new Error('This server checks tokens against AUTH_JWKS_FILE: get tokens from the identity provider that holds its private keys.');
  }
  const secret = config.key.kind === 'secret' ? config.key.secret : readOrCreateDevelopmentSecret(config.key.path);
  return signToken(secret, { ...request, issuer: config.issuer, audience: config.audience });
}
