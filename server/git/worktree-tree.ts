import { copyFileSync, existsSync, lstatSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
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
 * A work tree recorded as a git tree; `leftOut`: the untracked files too large to record, which it does not hold;
 * `large`: every such file, also when it was recorded anyway (`largeUntracked: "record"`).
 */
export type WorktreeSnapshot = { tree: string; leftOut: string[]; large: string[] };

/**
 * Records the whole work tree — tracked changes and untracked files, minus what `.gitignore` excludes and untracked
 * files over {@link MAX_RECORDED_UNTRACKED_BYTES} unless `largeUntracked` is `"record"` — as a git tree object,
 * without touching the real index, HEAD or any ref. It works on a copy of the index (so unchanged files are not
 * re-hashed). Diffing against this tree is how untracked files get real +/- counts.
 * @example const { tree } = await worktreeSnapshot(cwd); // diff `base` against `tree`
 */
export async function worktreeSnapshot(cwd: string, { largeUntracked = "leave-out" }: { largeUntracked?: "leave-out" | "record" } = {}): Promise<WorktreeSnapshot> {
  const realIndex = await indexPathOf(cwd);
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
    const large = await largeUntrackedFiles(cwd);
    const leftOut = largeUntracked === "record" ? [] : large;
    // Pathspecs on stdin: any number of files, and `literal`, so a name is never a pattern.
    const pathspecs = [".", ...leftOut.map((path) => `:(exclude,literal)${path}`)];
    await git(cwd, ["add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul"], { env, input: pathspecs.join("\0") });
    return { tree: await git(cwd, ["write-tree"], { env }), leftOut, large };
  } finally {
    rmSync(tempIndex, { force: true });
  }
}

/** Each work tree's index file, with the `.git` entry it was found through: asked of git once per work tree. */
const indexPaths = new Map<string, { gitEntry: string; path: string }>();

/**
 * The work tree's index file (`git rev-parse --git-path index`), remembered while the work tree's `.git` reads the
 * same: a `git init`, a `.git` removed, or a linked work tree made again under another name asks again. Every
 * snapshot asked before (a git process each, ~2 per turn). A wrong answer would cost speed, not correctness: the
 * snapshot's `add --all` makes whatever index it copies match the files.
 */
export async function indexPathOf(cwd: string): Promise<string> {
  const gitEntry = gitEntryOf(cwd);
  const known = indexPaths.get(cwd);
  if (known?.gitEntry === gitEntry) return known.path;
  const indexPath = await git(cwd, ["rev-parse", "--git-path", "index"]);
  const path = isAbsolute(indexPath) ? indexPath : join(cwd, indexPath);
  indexPaths.set(cwd, { gitEntry, path });
  return path;
}

/** What `<cwd>/.git` is: a linked work tree's file (its `gitdir:` line), a repository's folder, or nothing. */
function gitEntryOf(cwd: string): string {
  try {
    const entry = lstatSync(join(cwd, ".git"));
    return entry.isFile() ? readFileSync(join(cwd, ".git"), "utf8") : `folder ${entry.ino}`;
  } catch {
    return "none";
  }
}

/** The tree of {@link worktreeSnapshot}, for callers that need no word on the files left out. */
export async function worktreeTree(cwd: string): Promise<string> {
  return (await worktreeSnapshot(cwd)).tree;
}

/** Untracked, not ignored files over {@link MAX_RECORDED_UNTRACKED_BYTES}. */
async function largeUntrackedFiles(cwd: string): Promise<string[]> {
  const untracked = (await readGit(cwd, ["ls-files", "-z", "--others", "--exclude-standard"])).split("\0").filter(Boolean);
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
