import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueToken, parseTokenArguments } from '../../../src/auth/token-cli';
import { createTokenVerifier } from '../../../src/auth/token-verifier';
import { developmentAuthConfig } from '../../../src/config';

describe('npm run token', () => {
  it('reads repeated or comma-separated roles, the subject and the expiry', () => {
    expect(parseTokenArguments(['--role', 'curator,reviewer', '--role', 'curator', '--sub', 'alice', '--expires', '30m'])).toEqual({
      subject: 'alice',
      roles: ['curator', 'reviewer'],
      expiresIn: '30m',
    });
  });

  it('says which roles exist when given an unknown one', () => {
    expect(() => parseTokenArguments(['--role', 'boss', '--sub', 'alice'])).toThrow(/unknown role boss: use curator, reviewer, admin/);
  });

  it('requires a subject and a sane expiry', () => {
    expect(() => parseTokenArguments(['--role', 'curator'])).toThrow(/--sub is required/);
    expect(() => parseTokenArguments(['--role', 'curator', '--sub', 'a', '--expires', 'forever'])).toThrow(/--expires must be a span/);
  });

  it('signs with the development secret the server checks, creating it once with mode 0600', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-secret-'));
    const config = { ...developmentAuthConfig(), key: { kind: 'development' as const, path: path.join(dir, '.auth/dev-jwt-secret') } };
    const token = await issueToken(config, ['--role', 'reviewer', '--sub', 'bob']);
    expect(fs.statSync(config.key.path).mode & 0o777).toBe(0o600);
    await expect(createTokenVerifier(config)(`Bearer ${token}`)).resolves.toEqual({ subject: 'bob', roles: ['reviewer'] });
  });

  it('refuses to mint tokens for a server that trusts a JWKS file', async () => {
    const config = { ...developmentAuthConfig(), key: { kind: 'jwks-file' as const, path: '/nonexistent.json' } };
    await expect(issueToken(config, ['--role', 'curator', '--sub', 'alice'])).rejects.toThrow(/identity provider/);
  });
});
