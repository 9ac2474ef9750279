import type { Database } from '../../db';
import { onReleaseCommitted, readRelease, type DataReleaseInfo } from './release';

export interface ReleaseWatcherOptions {
  /** How often the database is asked for its release (writes of other processes: `npm run seed`, imports). */
  pollMs: number;
  onError?: (error: unknown) => void;
}

/**
 * The release in service, known without database work per request: read at start, updated at once
 * by writes of this process (bumpRelease's commit listener) and every `pollMs` from the database
 * (writes of other processes). `current` is null until the first read succeeds; callers then cache
 * nothing. Listeners hear every change (the response cache clears itself, the metrics gauge moves).
 */
export class ReleaseWatcher {
  private release: DataReleaseInfo | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(release: DataReleaseInfo) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Database,
    private readonly options: ReleaseWatcherOptions,
  ) {
    this.unsubscribe = onReleaseCommitted((release) => this.update(release));
  }

  get current(): DataReleaseInfo | null {
    return this.release;
  }

  onChange(listener: (release: DataReleaseInfo) => void): void {
    this.listeners.add(listener);
  }

  async start(): Promise<void> {
    await this.refresh();
    if (this.options.pollMs > 0) {
      this.timer = setInterval(() => void this.refresh(), this.options.pollMs);
      this.timer.unref();
    }
  }

  /** Reads the database's release now (also what the poll does). */
  async refresh(): Promise<DataReleaseInfo | null> {
    try {
      this.update(await readRelease(this.db));
    } catch (error) {
      this.options.onError?.(error);
    }
    return this.release;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe();
  }

  private update(release: DataReleaseInfo): void {
    const previous = this.release;
    if (previous?.tag === release.tag) return;
    // A commit listener and a poll may race: never go back to an older number of the same epoch.
    if (previous && sameEpoch(previous, release) && release.number < previous.number) return;
    this.release = release;
    for (const listener of this.listeners) listener(release);
  }
}

function sameEpoch(a: DataReleaseInfo, b: DataReleaseInfo): boolean {
  return a.tag.split('.')[1] === b.tag.split('.')[1];
}
