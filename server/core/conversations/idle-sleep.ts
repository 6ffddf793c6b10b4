/** What the status bar and the timeline say about a CLI stopped for being idle (it resumes on the next message). */
export function sleepReason(afterMs: number): string {
  const minutes = afterMs / 60_000;
  const span = minutes >= 1 ? `${Number(minutes.toFixed(1))} min` : `${Math.round(afterMs / 1000)} s`;
  return `Sleeping after ${span} without activity; the next message wakes it with its context`;
}

/**
 * Fires once a conversation has stayed ready (turn over, nothing pending) for the configured time, so an idle CLI
 * process and its memory can be let go (issue 16: 14 idle CLIs held ~2.9 GB). 0 means never. The time always counts
 * from when the conversation became ready: a setting changed meanwhile applies at once through {@link settingChanged}
 * (a shorter time that has already passed puts the CLI to sleep now; "never" keeps it running), and `afterMs` is read
 * again when the time is up in case nobody said it changed.
 */
export class IdleSleepTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the conversation became ready, while it counts (also under "never", so a later time can still apply). */
  private armedAt: number | null = null;

  constructor(
    private readonly afterMs: () => number,
    private readonly onIdle: (afterMs: number) => void,
  ) {}

  arm(): void {
    this.cancel();
    this.armedAt = Date.now();
    this.schedule();
  }

  cancel(): void {
    this.clear();
    this.armedAt = null;
  }

  /** The idle-sleep setting changed: an idle conversation counts to the new time from when it became ready. */
  settingChanged(): void {
    if (this.armedAt === null) return;
    this.clear();
    this.schedule();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const armedAt = this.armedAt;
    const afterMs = this.afterMs();
    if (armedAt === null || !(afterMs > 0)) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const current = this.afterMs();
      if (current !== afterMs) return this.schedule();
      this.armedAt = null;
      this.onIdle(afterMs);
    }, Math.max(0, armedAt + afterMs - Date.now()));
  }
}
