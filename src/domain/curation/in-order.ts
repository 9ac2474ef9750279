/**
 * Statements of one transaction may be sent together (neo4j-driver pipelines every `tx.run` not yet
 * awaited; Neo4j runs them in the order sent): one round trip instead of several. These helpers keep the
 * answers as if the work had run one piece after the other.
 */

/**
 * Awaits two pieces of work started together (their statements pipelined on one transaction) and
 * answers as if they had run one after the other: the first's failure wins, and when `enough` says
 * the first's answer settles the matter, the second's outcome (answer or refusal) is ignored.
 */
export async function inOrder<A, B>(first: Promise<A> | undefined, second: Promise<B>, enough: (a: A) => boolean): Promise<[A | undefined, B | undefined]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (a.value !== undefined && enough(a.value)) return [a.value, undefined];
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

/** Both, as if run one after the other: the first's failure wins. */
export async function bothInOrder<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await inOrder(first, second, () => false);
  return [a as A, b as B];
}
