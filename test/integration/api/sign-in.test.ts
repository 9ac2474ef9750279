/**
 * Sign-in over HTTP: bearer tokens become the viewer; a bad token is a 401 whatever the operation;
 * READS_REQUIRE_AUTH closes reads to anonymous callers; tokens never reach the logs.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { SignJWT } from 'jose';
import { startApi } from '../../helpers/api-client';
import { TEST_AUTH, TEST_JWT_SECRET, tokenFor } from '../../helpers/tokens';
import { useSeededApi } from './seeded-api';

const VIEWER = '{ viewer { subject roles } }';
const api = useSeededApi();

describe('signing in with a bearer token', () => {
  it('answers viewer with the token subject and roles', async () => {
    const result = await api.query(VIEWER, undefined, { token: await tokenFor('alice', ['curator']) });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ viewer: { subject: 'alice', roles: ['CURATOR'] } });
  });

  it('keeps reads public: an anonymous request has no viewer and still reads the graph', async () => {
    const result = await api.query('{ viewer { subject } condition(id: "als") { name } }');
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ viewer: null, condition: { name: 'Amyotrophic lateral sclerosis' } });
  });

  it('refuses an expired token with 401, UNAUTHENTICATED and a WWW-Authenticate challenge, even for a read', async () => {
    const expired = await new SignJWT({ roles: ['curator'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(TEST_AUTH.issuer)
      .setAudience(TEST_AUTH.audience)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const result = await api.query('{ condition(id: "als") { name } }', undefined, { token: expired });
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([{ message: 'The token has expired; get a new one.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('refuses a token signed with another secret with 401', async () => {
    const forged = await tokenFor('mallory', ['admin'], { secret: 'not-the-servers-secret-but-just-as-long-0123' });
    const result = await api.query(VIEWER, undefined, { token: forged });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an Authorization header that is not a bearer JWT with 401', async () => {
    const result = await api.query(VIEWER, undefined, { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.message).toMatch(/must be "Bearer <token>"/);
  });
});

describe('READS_REQUIRE_AUTH', () => {
  it('answers an anonymous read with 401 and a signed-in read normally', async () => {
    const closed = await startApi({ auth: { ...TEST_AUTH, readsRequireAuth: true } });
    try {
      const anonymous = await closed.query('{ condition(id: "als") { name } }');
      expect(anonymous.status).toBe(401);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const signedIn = await closed.query('{ condition(id: "als") { name } }', undefined, { token: await tokenFor('carol', ['curator']) });
      expect(signedIn.status).toBe(200);
      expect(signedIn.data).toEqual({ condition: { name: 'Amyotrophic lateral sclerosis' } });
    } finally {
      await closed.stop();
    }
  });
});

describe('logs', () => {
  it('never contain a token, valid or refused', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await startApi({ logger: pino({ level: 'trace' }, sink) });
    try {
      const valid = await tokenFor('alice', ['curator']);
      const forged = await tokenFor('mallory', ['admin'], { secret: 'not-the-servers-secret-but-just-as-long-0123' });
      await logged.query(VIEWER, undefined, { token: valid });
      await logged.query(VIEWER, undefined, { token: forged });
      await logged.query('{ nope }', undefined, { token: valid });
      const all = lines.join('');
      expect(all.length).toBeGreaterThan(0);
      for (const token of [valid, forged]) {
        expect(all).not.toContain(token);
        expect(all).not.toContain(token.split('.')[2]);
      }
    } finally {
      await logged.stop();
    }
  });
});
