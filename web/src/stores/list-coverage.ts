import type { EntityRevision } from "../../../shared/index.ts";

/**
 * How far a store's lists are known to be whole, so a socket's welcome loads them again only when something changed
 * while the page was not listening (ADR 0048).
 *
 * The server counts the entity changes it sends (`EntityRevision`): a welcome says the count so far, each entity frame
 * its number, and each list answer the count when it was read. The lists hold every change up to `covered` when:
 * - a load's answers were all read at or after it (the earliest of them), or
 * - the socket delivered every frame after a welcome the lists already covered (each frame moves it on by one).
 * A welcome whose count the lists cover needs no load; any doubt (another server process, a missed frame, an
 * answer or a frame without a count) means loading again, as every welcome did before.
 */
export class ListCoverage {
  private covered: EntityRevision | null = null;
  private readonly running = new Set<Promise<void>>();
  /** The welcomed socket: the count at its welcome and the last frame it delivered in order; null when none is, or one was missed. */
  private stream: { boot: string; welcome: number; last: number } | null = null;

  /** A socket was welcomed at `point` (null: a server that does not count). */
  private welcomed(point: EntityRevision | null | undefined): void {
    this.stream = point ? { boot: point.boot, welcome: point.revision, last: point.revision } : null;
  }

  /** The socket closed or is reconnecting: frames may be missed until the next welcome. */
  closed(): void {
    this.stream = null;
  }

  /** An entity frame arrived with its number (undefined from a server that does not count). */
  entity(revision: number | undefined): void {
    const stream = this.stream;
    if (!stream) return;
    if (revision !== stream.last + 1) {
      this.stream = null; // a frame missed or not numbered: only a load can say what the lists hold now
      return;
    }
    stream.last = revision;
    if (this.covered?.boot === stream.boot && this.covered.revision >= revision - 1) this.covered = { boot: stream.boot, revision: Math.max(this.covered.revision, revision) };
  }

  /** A load's answers came back, each with the count it was read at (null when an answer had none). */
  loaded(points: readonly (EntityRevision | null)[]): void {
    const earliest = earliestOf(points);
    if (!earliest) return;
    this.covered = this.covered?.boot === earliest.boot && this.covered.revision > earliest.revision ? this.covered : earliest;
    // The frames since the welcome were merged into the lists as live changes: they hold those too.
    const stream = this.stream;
    if (stream && stream.boot === earliest.boot && stream.welcome <= this.covered.revision) {
      this.covered = { boot: stream.boot, revision: Math.max(this.covered.revision, stream.last) };
    }
  }

  /** Runs a load of the lists (which calls `loaded` when it applied them), remembered until it ends so a `welcome` waits for it. */
  track(load: () => Promise<void>): Promise<void> {
    const running = load();
    this.running.add(running);
    const forget = () => void this.running.delete(running);
    running.then(forget, forget);
    return running;
  }

  /**
   * At a welcome: once the loads already running have ended, loads again unless the lists hold every change up to the
   * welcome's count. Resolves true when it loaded.
   */
  async welcome(point: EntityRevision | null | undefined, load: () => Promise<void>): Promise<boolean> {
    this.welcomed(point);
    await Promise.allSettled([...this.running]);
    if (this.covers(point)) return false;
    await this.track(load);
    return true;
  }

  /** True when the lists hold every change up to `point` (a welcome's count): loading them again would add nothing. */
  covers(point: EntityRevision | null | undefined): boolean {
    return Boolean(point && this.covered && this.covered.boot === point.boot && this.covered.revision >= point.revision);
  }
}

/** The earliest of a load's counts, or null unless every answer had one from the same server process. */
function earliestOf(points: readonly (EntityRevision | null)[]): EntityRevision | null {
  let earliest: EntityRevision | null = null;
  for (const point of points) {
    if (!point || (earliest && earliest.boot !== point.boot)) return null;
    if (!earliest || point.revision < earliest.revision) earliest = point;
  }
  return earliest;
}
