import { SignJWT } from 'jose';
import type { Role } from './roles';

export interface TokenRequest {
  subject: string;
  roles: readonly Role[];
  /** A jose time span such as `8h` or `30m`. */
  expiresIn: string;
  issuer: string;
  audience: string;
}

/** Signs an HS256 token for local development and tests (deployments get tokens from their identity provider). */
export async function signToken(secret: string, request: TokenRequest): Promise<string> {
  return new SignJWT({ roles: [...request.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn)
    .sign(new TextEncoder().encode(secret));
}
