/**
 * Keeps the FacetSummary (./facet-summary.ts) of the release in service: at start and whenever the
 * release changes, it counts the whole graph once in the background (one at a time; a burst of
 * releases, e.g. curation accepting changes, costs one count after the burst, not one per release).
 * Requests never wait for it: until it is stored they count live.
 *
 * Counting a big graph is not free (the 100k bench graph: ~10 s of one Neo4j core), and a count is
 * wasted when a release lands before it ends. So while releases keep coming (curation accepting a
 * change every few seconds), counts are spaced: a count that took D ms is followed by the next no
 * sooner than D / maxShare after it started, which keeps counting to at most `maxShare` of one core.
 */
import type { Database } from '../../db';
import type { ReleaseWatcher } from '../releases';
import { computeSummary } from './facet-summary';

/** One count of the whole graph, stored for the release unless a newer one landed meanwhile. */
export type CountSummary = (db: Database, timeoutMs: number) => Promise<unknown>;

export interface FacetSummaryRefresherOptions {
  /** Budget of one count of the whole graph (the HPO graph takes seconds; a loaded machine more). */
  timeoutMs: number;
  /** Quiet time after a release before counting, so a burst of releases is counted once. */
  settleMs: number;
  /** Wait before trying again after a count failed. */
  retryMs: number;
  /** Most of one core's time spent counting while releases keep coming (default 0.2). */
  maxShare?: number;
  /** The count (tests give their own). */
  count?: CountSummary;
  onStored?: (ms: number) => void;
  onError?: (error: unknown) => void;
}

export class FacetSummaryRefresher {
  private running: Promise<void> | undefined;
  private wanted = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** When the next count may start at the earliest (ms since epoch), from the last count's duration. */
  private notBefore = 0;

  constructor(
    private readonly db: Database,
    private readonly options: FacetSummaryRefresherOptions,
  ) {}

  /** Counts now (if the stored summary is not the current release's) and after every release change. */
  start(releases: ReleaseWatcher): void {
    releases.onChange(() => this.schedule());
    this.refresh();
  }

  /** Resolves once no count is running or about to run (tests, benchmarks). */
  async settled(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((resolve) => setTimeout(resolve, 20)));
  }

  /**
   * Stops counting. A count still running is not waited for (on a big graph it takes longer than a
   * graceful shutdown may): it fails when the caller closes the driver, silently, and nothing is stored.
   */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(settleMs = this.options.settleMs): void {
    if (this.stopped) return;
    const delayMs = Math.max(settleMs, this.notBefore - Date.now());
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, delayMs);
    this.timer.unref();
  }

  private refresh(): void {
    if (this.stopped) return;
    if (this.running) {
      // A release landed during the count: count once more when it ends, spaced like any other.
      this.wanted = true;
      return;
    }
    this.running = (async () => {
      const started = Date.now();
      try {
        // Not stored when a write made a newer release meanwhile: that release's change schedules its own count.
        const outcome = await (this.options.count ?? computeSummary)(this.db, this.options.timeoutMs);
        const ms = Date.now() - started;
        this.notBefore = started + ms / (this.options.maxShare ?? 0.2);
        if (outcome === 'stored') this.options.onStored?.(ms);
      } catch (error) {
        if (this.stopped) return;
        this.options.onError?.(error);
        // Neo4j down or busy: try again later (a release change tries at once).
        this.schedule(this.options.retryMs);
      }
    })().finally(() => {
      this.running = undefined;
      if (this.wanted) {
        this.wanted = false;
        this.schedule(0);
      }
    });
  }
}
