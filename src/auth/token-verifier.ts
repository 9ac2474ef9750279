import fs from 'node:fs';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import { readOrCreateDevelopmentSecret } from './dev-secret';
import { isRole, type Role, type Viewer } from './roles';

/** Why a presented token was refused; the message is safe to show (it never contains the token). */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer | undefined>;

/** Algorithms accepted per key kind; `none` is never among them. */
const SECRET_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
/** Tolerated clock difference between the token's issuer and this server. */
const CLOCK_TOLERANCE_S = 5;

/**
 * Turns an `Authorization: Bearer …` header into the caller (or undefined when there is none). A header
 * that is present but not a valid token (malformed, wrongly signed, expired, `alg: none`, wrong issuer or
 * audience, no subject, unknown role) is refused with InvalidTokenError, never silently ignored.
 * Built once at start: the key (secret or JWKS file) is read here, not per request.
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const { key, algorithms } = verificationKey(config);
  const options = { algorithms, issuer: config.issuer, audience: config.audience, clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ['sub', 'exp'] };
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return undefined;
    const token = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization.trim())?.[1];
    if (!token) throw new InvalidTokenError('The Authorization header must be "Bearer <token>" with a JWT.');
    let payload: JWTPayload;
    try {
      ({ payload } = await (typeof key === 'function' ? jwtVerify(token, key, options) : jwtVerify(token, key, options)));
    } catch (error) {
      throw new InvalidTokenError(describeJoseError(error));
    }
    return viewerOf(payload);
  };
}

function verificationKey(config: AuthConfig): { key: Uint8Array | JWTVerifyGetKey; algorithms: string[] } {
  switch (config.key.kind) {
    case 'secret':
      return { key: new TextEncoder().encode(config.key.secret), algorithms: SECRET_ALGORITHMS };
    case 'development':
      return { key: new TextEncoder().encode(readOrCreateDevelopmentSecret(config.key.path)), algorithms: SECRET_ALGORITHMS };
    case 'jwks-file': {
      const jwks = JSON.parse(fs.readFileSync(config.key.path, 'utf8')) as JSONWebKeySet;
      if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new Error(`AUTH_JWKS_FILE ${config.key.path} holds no keys`);
      return { key: createLocalJWKSet(jwks), algorithms: JWKS_ALGORITHMS };
    }
  }
}

function viewerOf(payload: JWTPayload): Viewer {
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 200) {
    throw new InvalidTokenError('The token has no usable subject ("sub").');
  }
  const claimed = Array.isArray(payload.roles) ? payload.roles : typeof payload.role === 'string' ? [payload.role] : [];
  const unknown = claimed.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new InvalidTokenError(`The token names unknown roles (${unknown.slice(0, 3).map(String).join(', ')}); known: curator, reviewer, admin.`);
  return { subject, roles: [...new Set(claimed as Role[])] };
}

/** jose's error classes say what was wrong without echoing the token. */
function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired; get a new one.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's "${error.claim}" claim is not accepted here (${error.reason}).`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this server does not accept.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'No key of this server matches the token.';
  return 'The token is not a valid signed JWT.';
}
