import { copyFileSync, existsSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { git, runGit } from "./git.ts";

/** git's id of the empty tree: what an empty repository (no HEAD yet) is compared with. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/**
 * Records the whole work tree — tracked changes and untracked files, minus what `.gitignore` excludes — as a git
 * tree object and answers its id, without touching the real index, HEAD or any ref. It works on a copy of the index
 * (so unchanged files are not re-hashed). Diffing against this tree is how untracked files get real +/- counts.
 * @example const tree = await worktreeTree(cwd); // diff `base` against `tree`
 */
export async function worktreeTree(cwd: string): Promise<string> {
  const indexPath = await git(cwd, ["rev-parse", "--git-path", "index"]);
  const realIndex = isAbsolute(indexPath) ? indexPath : join(cwd, indexPath);
  const tempIndex = join(tmpdir(), `chatml-index-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    if (existsSync(realIndex)) {
      copyFileSync(realIndex, tempIndex);
      // The copy keeps the index's time: git re-reads a file whose stat looks unchanged only when it changed no
      // earlier than the index was written ("racily clean"); a copy dated now would hide a same-size edit made in
      // the commit's own clock tick.
      const { atime, mtime } = statSync(realIndex);
      utimesSync(tempIndex, atime, mtime);
    }
    const env = { GIT_INDEX_FILE: tempIndex };
    await git(cwd, ["add", "--all", "--", "."], { env });
    return await git(cwd, ["write-tree"], { env });
  } finally {
    rmSync(tempIndex, { force: true });
  }
}

/** HEAD's commit, or the empty tree in a repository without commits. */
export async function headOrEmptyTree(cwd: string): Promise<string> {
  const head = await runGit(cwd, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  return head.code === 0 ? head.stdout.trim() : EMPTY_TREE;
}

/** The commit a session's branch left `base` at (their merge base), or `base` itself when there is none. */
export async function forkPoint(cwd: string, base: string): Promise<string> {
  const result = await runGit(cwd, ["merge-base", base, "HEAD"]);
  return result.code === 0 ? result.stdout.trim() : base;
}
