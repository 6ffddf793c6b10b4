/**
 * Runs work one at a time per key, in call order; a failure does not block the work after it. Keys with nothing
 * queued are forgotten.
 * @example const queue = new KeyedQueue(); await queue.run(folder, () => restoreFiles(folder));
 */
export class KeyedQueue {
  /** Per key, the promise the next piece of work waits for. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(() => work());
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}
