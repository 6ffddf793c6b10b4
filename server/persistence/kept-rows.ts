/**
 * Rows kept decoded in memory, forgotten by the database on every write that may change them: a send and its turn's
 * start read the same conversation row a dozen times (the send's checks, budgets, checkpoints, snapshots, titles,
 * notifications), and each read was a statement plus a zod decode. Unlike {@link DecodedRows}, which still reads the
 * row to compare it, a kept row is served without SQL, so correctness rests on {@link Db} telling it about every write
 * (see `Db.keepRows`): a write keyed to one row (`UPDATE <table> SET … WHERE id = $id`) forgets that row, any other
 * write naming the table (or a parent whose delete cascades into it) forgets them all, and so do scripts, rolled-back
 * transactions and raw access to the connection. Values are frozen: one reader must not change them under another.
 */
export class KeptRows<Value> {
  private readonly kept = new Map<string, Value | null>();

  constructor(
    /** Whether "no such row" is kept too (a budget most conversations do not have), or read again every time. */
    private readonly keepsMissing = false,
    /** Rows kept; the least recently read goes first. */
    private readonly capacity = 256,
  ) {}

  /** The kept value of `key` (a row's id), or what `read` returns, kept (null only when `keepsMissing`). */
  of(key: string, read: () => Value | null): Value | null {
    const kept = this.kept.get(key);
    if (kept !== undefined) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const value = read();
    if (value === null && !this.keepsMissing) return null;
    this.keep(key, value as Value);
    return value;
  }

  /** The kept value of `key` without reading it (null: kept as missing), or undefined when it is not kept. */
  peek(key: string): Value | null | undefined {
    return this.kept.get(key);
  }

  /** Keeps `value` as the row `key` now holds: its writer knows what it wrote (see `Db.runKeeping`). */
  keep(key: string, value: Value): void {
    this.kept.delete(key);
    this.kept.set(key, deepFreeze(value));
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }

  /** Forgets one row: it was written. */
  forget(id: string): void {
    this.kept.delete(id);
  }

  /** Forgets every row: a write may have changed any of them. */
  forgetAll(): void {
    this.kept.clear();
  }
}

/** Freezes `value` and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
