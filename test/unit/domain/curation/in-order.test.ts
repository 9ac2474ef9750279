import { bothInOrder, inOrder } from '../../../../src/domain/curation/in-order';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const refusedLater = (ms: number, message: string) => new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('work sent together, answered as if run one after the other', () => {
  it('gives both answers when both succeed', async () => {
    await expect(bothInOrder(later(5, 'a'), later(1, 'b'))).resolves.toEqual(['a', 'b']);
  });

  it("lets the first's refusal win even when the second's comes sooner", async () => {
    await expect(bothInOrder(refusedLater(10, 'first'), refusedLater(1, 'second'))).rejects.toThrow('first');
  });

  it("gives the second's refusal when the first succeeded", async () => {
    await expect(bothInOrder(later(1, 'a'), refusedLater(5, 'second'))).rejects.toThrow('second');
  });

  it("ignores the second's outcome when the first's answer settles the matter (a replayed request)", async () => {
    await expect(inOrder(later(5, 'replay'), refusedLater(1, 'id already taken'), (a) => a === 'replay')).resolves.toEqual(['replay', undefined]);
  });

  it('goes on to the second when there is no first (no idempotency key)', async () => {
    await expect(inOrder(undefined, later(1, 'checked'), () => true)).resolves.toEqual([undefined, 'checked']);
  });
});
