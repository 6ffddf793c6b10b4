type Entry = Record<string, unknown>;

/** Entry ids remembered, for parents and to skip lines mirrored before a rewrite of the file. */
const REMEMBERED = 50_000;

const idOf = (entry: Entry) => (typeof entry["uuid"] === "string" ? entry["uuid"] : null);
const parentOf = (entry: Entry) => (typeof entry["parentUuid"] === "string" ? entry["parentUuid"] : null);

/**
 * Puts transcript entries back in the order they happened. The CLI appends them asynchronously: 2.1.119's TUI writes
 * a turn's prompt after the first assistant lines of the answer. Each entry names its `parentUuid`; an entry waits
 * until its parent was released, or for `holdMs` when the parent never comes (it was written before we started
 * reading, e.g. a resumed session). Entries already released or held are dropped, so a rewritten file repeats nothing.
 */
export class EntryOrder {
  private readonly released = new Set<string>();
  private held: { entry: Entry; at: number }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly holdMs = 1500,
  ) {}

  push(entries: Entry[]): void {
    for (const entry of entries) {
      const id = idOf(entry);
      if (id !== null && (this.released.has(id) || this.held.some((h) => idOf(h.entry) === id))) continue;
      this.held.push({ entry, at: this.now() });
    }
  }

  /** Entries whose parent is known (or that waited long enough), in causal order. */
  take(): Entry[] {
    const out: Entry[] = [];
    const expired = this.now() - this.holdMs;
    let isProgress = true;
    while (isProgress && this.held.length > 0) {
      isProgress = false;
      for (let i = 0; i < this.held.length; i++) {
        const { entry, at } = this.held[i]!;
        const parent = parentOf(entry);
        const isReady = parent === null || this.released.has(parent) || at <= expired;
        if (!isReady) continue;
        this.held.splice(i--, 1);
        this.release(entry);
        out.push(entry);
        isProgress = true;
      }
    }
    return out;
  }

  /** Everything still held, in file order (the file will not grow any more). */
  drain(): Entry[] {
    const out = this.held.map((h) => h.entry);
    this.held = [];
    for (const entry of out) this.release(entry);
    return out;
  }

  private release(entry: Entry): void {
    const id = idOf(entry);
    if (id === null) return;
    this.released.add(id);
    if (this.released.size > REMEMBERED) this.released.delete(this.released.values().next().value as string);
  }
}
