import { z } from 'zod';
import type { Position } from '../../domain/projection/plan';
import { badUserInput } from '../errors';
import { LIST_LIMITS } from '../limits';

/**
 * Cursors are opaque to clients: base64url of `{"o": ordering, "k": sort key, "i": id}`. Decoding
 * validates the shape and that the cursor was made for the same ordering; anything else is a
 * BAD_USER_INPUT error on `after`.
 */
const CursorShape = z.object({ o: z.string().max(100), k: z.union([z.string().max(LIST_LIMITS.maxCursorLength), z.number().int()]), i: z.string().min(1).max(300) }).strict();

export function encodeCursor(order: string, key: string | number, id: string): string {
  return Buffer.from(JSON.stringify({ o: order, k: key, i: id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: string, argument = 'after'): Position {
  const problem = () =>
    badUserInput(`\`${argument}\` is not a cursor of this list: pass a \`cursor\` or \`pageInfo.endCursor\` from a previous page, or leave it out to start at the beginning.`, argument);
  if (cursor.length === 0 || cursor.length > LIST_LIMITS.maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw problem();
  let parsed: z.infer<typeof CursorShape>;
  try {
    parsed = CursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw problem();
  }
  if (parsed.o !== order) {
    throw badUserInput(
      `\`${argument}\` is a cursor of a list in a different order; ask with the same \`orderBy\` as the page it came from, or leave \`${argument}\` out.`,
      argument,
    );
  }
  return { key: parsed.k, id: parsed.i };
}
