/**
 * Keeps the FacetSummary (./facet-summary.ts) of the release in service: at start and whenever the
 * release changes, it counts the whole graph once in the background (one at a time; a burst of
 * releases, e.g. curation accepting changes, costs one count after the burst, not one per release).
 * Requests never wait for it: until it is stored they count live.
 */
import type { Database } from '../../db';
import type { ReleaseWatcher } from '../releases';
import { computeSummary } from './facet-summary';

export interface FacetSummaryRefresherOptions {
  /** Budget of one count of the whole graph (the HPO graph takes seconds; a loaded machine more). */
  timeoutMs: number;
  /** Quiet time after a release before counting, so a burst of releases is counted once. */
  settleMs: number;
  /** Wait before trying again after a count failed. */
  retryMs: number;
  onStored?: (ms: number) => void;
  onError?: (error: unknown) => void;
}

export class FacetSummaryRefresher {
  private running: Promise<void> | undefined;
  private wanted = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

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

  private schedule(delayMs = this.options.settleMs): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, delayMs);
    this.timer.unref();
  }

  private refresh(): void {
    if (this.stopped) return;
    this.wanted = true;
    if (this.running) return;
    this.running = (async () => {
      while (this.wanted && !this.stopped) {
        this.wanted = false;
        const started = Date.now();
        try {
          // Not stored when a write made a newer release meanwhile: that release's change schedules its own count.
          if ((await computeSummary(this.db, this.options.timeoutMs)) === 'stored') this.options.onStored?.(Date.now() - started);
        } catch (error) {
          if (this.stopped) return;
          this.options.onError?.(error);
          // Neo4j down or busy: try again later (a release change tries at once).
          this.schedule(this.options.retryMs);
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
  }
}
