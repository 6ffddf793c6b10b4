/** What the status bar and the timeline say about a CLI stopped for being idle (it resumes on the next message). */
export function sleepReason(afterMs: number): string {
  const minutes = afterMs / 60_000;
  const span = minutes >= 1 ? `${Number(minutes.toFixed(1))} min` : `${Math.round(afterMs / 1000)} s`;
  return `Sleeping after ${span} without activity; the next message wakes it with its context`;
}

/**
 * Fires once a conversation has stayed ready (turn over, nothing pending) for the configured time, so an idle CLI
 * process and its memory can be let go (issue 16: 14 idle CLIs held ~2.9 GB). `afterMs` is read at each arming and
 * again when the time is up: a setting changed meanwhile to a longer time waits out the rest of it, and to 0 (never)
 * keeps the CLI running; a shorter one applies from the next arming. 0 means never.
 */
export class IdleSleepTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly afterMs: () => number,
    private readonly onIdle: (afterMs: number) => void,
  ) {}

  arm(): void {
    this.cancel();
    const afterMs = this.afterMs();
    if (afterMs > 0) this.wait(Date.now(), afterMs);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private wait(armedAt: number, afterMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const current = this.afterMs();
      if (!(current > 0)) return;
      if (current > afterMs) return this.wait(armedAt, current);
      this.onIdle(afterMs);
    }, Math.max(0, armedAt + afterMs - Date.now()));
  }
}
