/** Bearer tokens for tests: signed with the tests' own secret, never the developer's .auth/ secret. */
import type { AuthConfig } from '../../src/config';
import type { Role } from '../../src/auth/roles';
import { signToken } from '../../src/auth/sign-token';

export const TEST_JWT_SECRET = 'test-secret-of-the-condition-graph-suite-0123456789';

export const TEST_AUTH: AuthConfig = {
  key: { kind: 'secret', secret: TEST_JWT_SECRET },
  issuer: 'condition-graph',
  audience: 'condition-graph',
  readsRequireAuth: false,
};

export function tokenFor(subject: string, roles: Role[], { expiresIn = '10m', secret = TEST_JWT_SECRET } = {}): Promise<string> {
  return signToken(secret, { subject, roles, expiresIn, issuer: TEST_AUTH.issuer, audience: TEST_AUTH.audience });
}
