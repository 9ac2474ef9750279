import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '../auth/roles';
import { InvalidTokenError, createTokenVerifier } from '../auth/token-verifier';
import type { AuthConfig } from '../config';
import { unauthenticated } from '../graphql/errors';

/**
 * Wraps context creation with sign-in: the Authorization header becomes the context's viewer, checked
 * once per request. A bad token is refused before any resolver runs (401), as is an anonymous request
 * when READS_REQUIRE_AUTH is on. Requests without the header pay nothing.
 */
export function authenticate<TContext>(
  config: AuthConfig,
  createContext: (requestId: string, viewer: Viewer | undefined, headers: IncomingHttpHeaders) => TContext,
): (requestId: string, headers: IncomingHttpHeaders) => Promise<TContext> {
  const verify = createTokenVerifier(config);
  return async (requestId, headers) => {
    let viewer: Viewer | undefined;
    try {
      viewer = await verify(headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
    if (!viewer && config.readsRequireAuth) {
      throw unauthenticated('This server requires sign-in for every request: send "Authorization: Bearer <token>".');
    }
    return createContext(requestId, viewer, headers);
  };
}
