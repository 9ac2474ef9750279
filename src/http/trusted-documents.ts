/**
 * An optional allow-list of operations for production ("trusted documents"): with TRUSTED_DOCUMENTS
 * set, the server runs only operations whose text is in that file, sent in full or as an automatic
 * persisted query's sha256; anything else is refused with OPERATION_NOT_TRUSTED (HTTP 403) before it runs
 * (Apollo lets a plugin fail a request from didResolveOperation, after parsing and validation). The file is Apollo's persisted-query manifest
 * (`{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id","name","type","body"}]}`)
 * or a plain JSON array of operation texts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED';

/** The sha256 (hex) of every operation text in the file: Apollo's queryHash of the same text. */
export function readTrustedDocuments(file: string): Set<string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const bodies = Array.isArray(parsed)
    ? parsed
    : ((parsed as { operations?: Array<{ body?: unknown }> } | null)?.operations ?? []).map((operation) => operation.body);
  const texts = bodies.filter((body): body is string => typeof body === 'string' && body.length > 0);
  if (texts.length === 0) throw new Error(`${file}: no operations found (expected Apollo's persisted-query manifest or a JSON array of operation texts)`);
  return new Set(texts.map((text) => createHash('sha256').update(text).digest('hex')));
}

export function trustedDocumentsPlugin<TContext extends BaseContext>(trusted: ReadonlySet<string>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (trusted.has(rc.queryHash)) return;
          throw new GraphQLError('This server runs only its trusted operations, and this is not one of them; use an operation from its list.', {
            extensions: { code: OPERATION_NOT_TRUSTED, http: { status: 403 } },
          });
        },
      };
    },
  };
}
