import { heapSize } from "bun:jsc";

/** At least this much CLI output between two collections. */
const MIN_BYTES = 1024 * 1024;
/** …and at least this fraction of the live heap, so a server holding more pays no more per byte streamed. */
const HEAP_FRACTION = 1 / 32;

/**
 * Asks for a concurrent full garbage collection after every few MiB of CLI output read (ADR 0043).
 *
 * JavaScriptCore lets ~38 MiB of new objects pile up before an eden collection, and what an eden collection finds
 * alive (the lines and frames in flight at that moment) stays until the next full one: during a burst of streaming
 * that is tens of MiB of garbage resident at once. The bytes the CLIs write are a cheap measure of how much the
 * streaming path allocates (a few bytes of garbage per byte of output), so a full collection every MiB or so of
 * output bounds that garbage. `Bun.gc(false)` only asks: the collection runs on the collector's thread beside the
 * event loop, and a request made while one runs joins it. The step grows with the live heap, so the cost per byte
 * (marking what is alive) stays the same on a server that holds more.
 */
export class BurstCollector {
  private pending = 0;
  private step: number;
  private collections = 0;

  constructor(
    private readonly collect: () => void = () => void Bun.gc(false),
    private readonly liveBytes: () => number = heapSize,
    private readonly minBytes: number = MIN_BYTES,
  ) {
    this.step = minBytes;
  }

  /** Counts `bytes` of CLI output; asks for a collection each time another step of output was read. */
  note(bytes: number): void {
    this.pending += bytes;
    if (this.pending < this.step) return;
    this.pending = 0;
    this.collections += 1;
    this.collect();
    this.step = Math.max(this.minBytes, this.liveBytes() * HEAP_FRACTION);
  }

  /** How many collections it asked for so far. */
  get requested(): number {
    return this.collections;
  }
}

/** Every CLI's output, over stdio and over `--sdk-url`, counts towards one collector for the whole server. */
export const cliOutputCollector = new BurstCollector();
