import { copyFileSync, existsSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { git, readGit, runGit } from "./git.ts";

/** git's id of the empty tree: what an empty repository (no HEAD yet) is compared with. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/**
 * Untracked files larger than this are left out of a work-tree snapshot. Recording a file writes its bytes into the
 * repository's objects, once per version, and a turn's snapshot is kept by a ref: a 200 MB data file or build output
 * that is not ignored cost 200 MB of `.git` per change. Larger files are not shown as a diff anyway.
 */
export const MAX_RECORDED_UNTRACKED_BYTES = 4 * 1024 * 1024;

/**
 * A work tree recorded as a git tree; the untracked files too large to record in it; and the untracked repositories
 * inside it that have no commit yet (`git init` and nothing more), which git cannot record as a commit either.
 */
export type WorktreeSnapshot = { tree: string; leftOut: string[]; newRepos: string[] };

/**
 * Records the whole work tree — tracked changes and untracked files, minus what `.gitignore` excludes and untracked
 * files over {@link MAX_RECORDED_UNTRACKED_BYTES} — as a git tree object, without touching the real index, HEAD or
 * any ref. It works on a copy of the index (so unchanged files are not re-hashed). Diffing against this tree is how
 * untracked files get real +/- counts.
 * @example const { tree } = await worktreeSnapshot(cwd); // diff `base` against `tree`
 */
export async function worktreeSnapshot(cwd: string): Promise<WorktreeSnapshot> {
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
    const { leftOut, newRepos } = await unrecordableUntracked(cwd);
    // Pathspecs on stdin: any number of files, and `literal`, so a name is never a pattern. A repository without a
    // commit made `git add` fail for the whole tree ("does not have a commit checked out"), and every list with it.
    const pathspecs = [".", ...[...leftOut, ...newRepos].map((path) => `:(exclude,literal)${path}`)];
    await git(cwd, ["add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul"], { env, input: pathspecs.join("\0") });
    return { tree: await git(cwd, ["write-tree"], { env }), leftOut, newRepos };
  } finally {
    rmSync(tempIndex, { force: true });
  }
}

/** The tree of {@link worktreeSnapshot}, for callers that need no word on the files left out. */
export async function worktreeTree(cwd: string): Promise<string> {
  return (await worktreeSnapshot(cwd)).tree;
}

/**
 * Untracked, not ignored files over {@link MAX_RECORDED_UNTRACKED_BYTES}, and untracked repositories without a commit
 * (git lists a repository inside the tree as its folder, `inner/`; they are named without the slash).
 */
async function unrecordableUntracked(cwd: string): Promise<{ leftOut: string[]; newRepos: string[] }> {
  const listed = (await readGit(cwd, ["ls-files", "-z", "--others", "--exclude-standard"])).split("\0").filter(Boolean);
  const repos = listed.filter((path) => path.endsWith("/"));
  const hasCommit = await Promise.all(repos.map(async (path) => (await runGit(join(cwd, path), ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])).code === 0));
  const newRepos = repos.filter((_, i) => !hasCommit[i]).map((path) => path.slice(0, -1));
  return { leftOut: await largeFiles(cwd, listed.filter((path) => !path.endsWith("/"))), newRepos };
}

async function largeFiles(cwd: string, untracked: string[]): Promise<string[]> {
  const large: string[] = [];
  const { lstat } = await import("node:fs/promises");
  for (let i = 0; i < untracked.length; i += 256) {
    const batch = untracked.slice(i, i + 256);
    const sizes = await Promise.all(batch.map((path) => lstat(join(cwd, path)).then((stat) => (stat.isFile() ? stat.size : 0), () => 0)));
    batch.forEach((path, j) => {
      if ((sizes[j] ?? 0) > MAX_RECORDED_UNTRACKED_BYTES) large.push(path);
    });
  }
  return large;
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
