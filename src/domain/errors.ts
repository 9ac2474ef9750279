/**
 * A bad argument of any field (a traversal, search, an entity list, a relationship field). Domain
 * code throws it; src/graphql/errors.ts turns it, at the one boundary every root field passes, into
 * a BAD_USER_INPUT GraphQL error (400) naming the argument. The message says what to change and never
 * echoes a long input back; `suggestions` are ids the client may have meant.
 */
export class BadArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
    readonly suggestions: readonly IdSuggestion[] = [],
  ) {
    super(message);
    this.name = 'BadArgumentError';
  }
}

/** An id the client may have meant instead of `given` (a name, or an xref carried by an entity). */
export interface IdSuggestion {
  readonly given: string;
  readonly id: string;
  readonly name: string;
  readonly because: 'name' | 'alias' | 'xref';
}

/** A short, safe rendering of a client-supplied id for an error message. */
export function quoteId(id: string): string {
  const clean = id.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 60)}…` : clean);
}
