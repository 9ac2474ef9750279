import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, UnsecuredJWT } from 'jose';
import { InvalidTokenError, createTokenVerifier } from '../../../src/auth/token-verifier';
import { TEST_AUTH, TEST_JWT_SECRET, tokenFor } from '../../helpers/tokens';

const verify = createTokenVerifier(TEST_AUTH);
const secretKey = new TextEncoder().encode(TEST_JWT_SECRET);

/** An HS256 token with the server's secret, issuer and audience unless told otherwise; `exp: null` leaves it out. */
function signed({ roles = ['curator'], audience = 'condition-graph', exp = '5m' as string | number | null } = {}): Promise<string> {
  const jwt = new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('condition-graph').setAudience(audience);
  return (exp === null ? jwt : jwt.setExpirationTime(exp)).sign(secretKey);
}

async function refusal(authorization: string): Promise<string> {
  try {
    await verify(authorization);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as Error).message;
  }
  throw new Error('expected the token to be refused');
}

describe('bearer token verification', () => {
  it('treats a request without an Authorization header as anonymous', async () => {
    await expect(verify(undefined)).resolves.toBeUndefined();
  });

  it('turns a valid token into its subject and roles', async () => {
    const token = await tokenFor('alice', ['curator', 'reviewer']);
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ subject: 'alice', roles: ['curator', 'reviewer'] });
  });

  it('refuses an expired token and says to get a new one', async () => {
    const token = await signed({ exp: Math.floor(Date.now() / 1000) - 60 });
    expect(await refusal(`Bearer ${token}`)).toMatch(/expired/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await tokenFor('mallory', ['admin'], { secret: 'another-secret-of-at-least-thirty-two-characters' });
    expect(await refusal(`Bearer ${token}`)).toMatch(/signature does not verify/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const token = new UnsecuredJWT({ roles: ['admin'] }).setSubject('mallory').setIssuer('condition-graph').setAudience('condition-graph').setExpirationTime('1h').encode();
    expect(await refusal(`Bearer ${token}`)).toMatch(/not a valid signed JWT|algorithm/);
  });

  it('refuses a token minted for another audience', async () => {
    const token = await signed({ audience: 'another-service' });
    expect(await refusal(`Bearer ${token}`)).toMatch(/"aud" claim/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await signed({ exp: null });
    expect(await refusal(`Bearer ${token}`)).toMatch(/"exp" claim/);
  });

  it('refuses a token that names a role the server does not know', async () => {
    const token = await signed({ roles: ['superuser'] });
    expect(await refusal(`Bearer ${token}`)).toMatch(/unknown roles \(superuser\)/);
  });

  it('refuses a header that is not "Bearer <jwt>" without echoing it', async () => {
    const message = await refusal('Basic dXNlcjpwYXNz');
    expect(message).toMatch(/must be "Bearer <token>"/);
    expect(message).not.toContain('dXNlcjpwYXNz');
  });

  it('checks tokens against a JSON Web Key Set file (RS256)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jwks-')), 'jwks.json');
    fs.writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const verifyJwks = createTokenVerifier({ ...TEST_AUTH, key: { kind: 'jwks-file', path: file } });
    const token = await new SignJWT({ roles: ['reviewer'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('bob')
      .setIssuer('condition-graph')
      .setAudience('condition-graph')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifyJwks(`Bearer ${token}`)).resolves.toEqual({ subject: 'bob', roles: ['reviewer'] });
    // A server that trusts a key set accepts no HS256 token, so a shared secret can never stand in for it.
    const confused = await tokenFor('mallory', ['admin']);
    await expect(verifyJwks(`Bearer ${confused}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
