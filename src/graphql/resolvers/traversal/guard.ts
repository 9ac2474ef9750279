import { badUserInput } from '../../errors';
import { TraversalInputError } from '../../../domain/traversal/errors';

/** Runs a traversal; a bad argument becomes a BAD_USER_INPUT error naming it (400). */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TraversalInputError) throw badUserInput(error.message, error.argument);
    throw error;
  }
}
