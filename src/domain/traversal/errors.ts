/**
 * A bad argument of a traversal, search or stats field. Domain code throws it; the resolvers turn it
 * into a BAD_USER_INPUT GraphQL error (400) naming the argument. The message says what to change
 * and never echoes a long input back.
 */
export class TraversalInputError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'TraversalInputError';
  }
}

/** A short, safe rendering of a client-supplied id for an error message. */
export function quoteId(id: string): string {
  const clean = id.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > 60 ? `${clean.slice(0, 60)}…` : clean);
}
