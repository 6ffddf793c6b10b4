import { worktreeSnapshot, type WorktreeSnapshot } from "./worktree-tree.ts";

/**
 * A work tree watched whole (every folder git does not ignore, and its index): how many changes were seen, and the
 * snapshot a turn's end took, with the count it was taken at.
 */
type Watched = { watchers: number; changes: number; taken: Taken | null };
/** A turn's end snapshot, the count it was taken at, and the reads of the work tree made against it (see {@link readOncePerSnapshot}). */
type Taken = { changes: number; snapshot: Promise<WorktreeSnapshot | null>; reads: Map<string, Promise<unknown>> };

/** Each shared snapshot handed out, with its work tree and the turn's end it came from. */
const handedOut = new WeakMap<WorktreeSnapshot, { cwd: string; taken: Taken }>();

/** Work trees by folder. Module-wide, like the index paths (worktree-tree.ts): a work tree is one folder for everyone. */
const watched = new Map<string, Watched>();

/**
 * Says that a watcher now sees every change of `cwd`'s files and index (ADR 0118): until `stop`, a snapshot a turn's
 * end takes there is handed to the git refresh while `changed` was not called since it started.
 * @example const watch = watchingWorktree(cwd); onFileEvent(() => watch.changed()); … watch.stop();
 */
export function watchingWorktree(cwd: string): { changed: () => void; stop: () => void } {
  const entry = watched.get(cwd) ?? { watchers: 0, changes: 0, taken: null };
  entry.watchers += 1;
  watched.set(cwd, entry);
  let isStopped = false;
  return {
    changed: () => {
      if (isStopped) return;
      entry.changes += 1;
      entry.taken = null;
    },
    stop: () => {
      if (isStopped) return;
      isStopped = true;
      entry.watchers -= 1;
      if (entry.watchers === 0 && watched.get(cwd) === entry) watched.delete(cwd);
    },
  };
}

/**
 * Records the work tree (as {@link worktreeSnapshot}) and, when a watcher sees it whole, keeps the snapshot for the
 * session's git refresh, which would record the same tree again moments later.
 */
export async function recordSharedSnapshot(cwd: string): Promise<WorktreeSnapshot> {
  const entry = watched.get(cwd);
  const taking = worktreeSnapshot(cwd);
  if (entry) entry.taken = { changes: entry.changes, snapshot: taking.catch(() => null), reads: new Map() };
  return taking;
}

/**
 * The snapshot a turn's end took of `cwd`, or null when none is kept or anything changed since it started: a file
 * written or the index moved (even while it was being taken), or no watcher would have seen it. Waits for one being
 * taken. A change whose event arrives after this answer schedules a refresh of its own, which then records anew.
 */
export async function sharedSnapshot(cwd: string): Promise<WorktreeSnapshot | null> {
  const taken = watched.get(cwd)?.taken;
  if (!taken) return null;
  const snapshot = await taken.snapshot;
  const entry = watched.get(cwd);
  if (!snapshot || entry?.taken !== taken || entry.changes !== taken.changes) return null;
  handedOut.set(snapshot, { cwd, taken });
  return snapshot;
}

/**
 * `read` of the work tree the shared `snapshot` recorded (a diff against its tree, `git status`), made once while the
 * snapshot is shared: the session's git refresh and the Files tab's marks, both read after a turn's end, ask the same.
 * A snapshot not shared (recorded by the caller itself), or no longer (anything changed since it was taken), is read
 * anew each time, so an answer is never older than the snapshot it is asked with. `key` names the read: equal keys
 * must mean equal reads (a diff's key holds the commit or tree it starts from, never a branch name that moves).
 */
export function readOncePerSnapshot<T>(snapshot: WorktreeSnapshot, key: string, read: () => Promise<T>): Promise<T> {
  const shared = handedOut.get(snapshot);
  const entry = shared && watched.get(shared.cwd);
  if (!shared || entry?.taken !== shared.taken || entry.changes !== shared.taken.changes) return read();
  const known = shared.taken.reads.get(key) as Promise<T> | undefined;
  if (known) return known;
  const reading = read();
  shared.taken.reads.set(key, reading);
  // A failed read is not kept: the next asks again.
  reading.catch(() => shared.taken.reads.get(key) === reading && shared.taken.reads.delete(key));
  return reading;
}
