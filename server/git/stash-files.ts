import { statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { git } from "./git.ts";
import { gitEntryOf } from "./worktree-tree.ts";

/** Each work tree's common git dir (where `refs/stash` is, shared by linked work trees), with the `.git` it was found through. */
const commonDirs = new Map<string, { gitEntry: string; path: string }>();

/** Where git keeps the stashes: their ref (loose or packed) and its reflog, which `git stash list` reads. */
const STASH_FILES = ["refs/stash", "logs/refs/stash", "packed-refs"];

/**
 * The state of the files git keeps a repository's stashes in (identity, size and time to the nanosecond of each), or
 * null when it cannot be told. Every stash made, applied, popped or dropped rewrites the reflog or the ref, so the
 * same state means the same stash list. Stats, and one git process per work tree ever.
 */
export async function stashFilesState(cwd: string): Promise<string | null> {
  const common = await commonDirOf(cwd).catch(() => null);
  if (common === null) return null;
  return STASH_FILES.map((name) => {
    try {
      const stat = statSync(join(common, name), { bigint: true });
      return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
    } catch {
      return "-";
    }
  }).join(" ");
}

/** The common git dir, asked of git once per work tree and again when its `.git` entry changes (as the index path is). */
async function commonDirOf(cwd: string): Promise<string> {
  const gitEntry = gitEntryOf(cwd);
  const known = commonDirs.get(cwd);
  if (known?.gitEntry === gitEntry) return known.path;
  const dir = await git(cwd, ["rev-parse", "--git-common-dir"]);
  const path = isAbsolute(dir) ? dir : join(cwd, dir);
  commonDirs.set(cwd, { gitEntry, path });
  return path;
}
