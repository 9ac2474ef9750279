import type { Database } from '../../../../src/db';
import type { ReleaseWatcher } from '../../../../src/domain/releases';
import { FacetSummaryRefresher } from '../../../../src/domain/stats/facet-summary-refresher';

/** A refresher whose count takes `countMs` (fake timers), and a way to announce a new release. */
function rig(countMs: number) {
  const starts: number[] = [];
  let announce: () => void = () => undefined;
  const releases = { onChange: (listener: () => void) => (announce = listener) } as unknown as ReleaseWatcher;
  const refresher = new FacetSummaryRefresher({} as Database, {
    timeoutMs: 60_000,
    settleMs: 500,
    retryMs: 30_000,
    count: async () => {
      starts.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, countMs));
      return 'stored';
    },
  });
  refresher.start(releases);
  return { starts, release: () => announce(), refresher };
}

describe('FacetSummaryRefresher', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('counts a quickly counted graph 500 ms after the last release of a burst', async () => {
    const { starts, release, refresher } = rig(10);
    await jest.advanceTimersByTimeAsync(1_000);
    for (let i = 0; i < 5; i++) {
      release();
      await jest.advanceTimersByTimeAsync(100);
    }
    await jest.advanceTimersByTimeAsync(2_000);
    expect(starts).toEqual([0, 1_900]);
    refresher.stop();
  });

  it('spaces the counts of a slowly counted graph: after a 1 s count, the next starts no sooner than 5 s after it started', async () => {
    const { starts, release, refresher } = rig(1_000);
    await jest.advanceTimersByTimeAsync(1_500);
    release();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(starts).toEqual([0, 5_000]);
    refresher.stop();
  });

  it('counts once more after a count that a release overtook, spaced the same way', async () => {
    const { starts, release, refresher } = rig(1_000);
    await jest.advanceTimersByTimeAsync(200);
    release();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(starts).toEqual([0, 5_000]);
    refresher.stop();
  });

  it('while releases keep coming a second apart (each after the 500 ms settle), spends at most a fifth of the time counting', async () => {
    const { starts, release, refresher } = rig(1_000);
    for (let t = 0; t < 60_000; t += 1_000) {
      release();
      await jest.advanceTimersByTimeAsync(1_000);
    }
    refresher.stop();
    // Unspaced, each release would start a count 500 ms later, back to back with the one before.
    expect(starts.length).toBeGreaterThanOrEqual(10);
    const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_000);
  });
});
