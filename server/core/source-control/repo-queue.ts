/**
 * Runs git write operations of one repository one after another (two devices pressing Commit and Push at once must
 * not race on `index.lock`). Keyed by the session's folder. This is the one place to switch to the shared
 * per-repository lock (server/git/repo-lock.ts) once it exists.
 */
export class RepoQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it for `key`; answers its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
