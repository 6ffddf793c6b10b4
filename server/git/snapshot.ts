import { mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { runGit, type GitResult } from "./git.ts";
import { worktreeSnapshot } from "./worktree-tree.ts";

/** One file that differs between two snapshots: `A` only in the target, `D` only in the source, `M` in both. */
export type SnapshotChange = { status: "A" | "D" | "M"; path: string };

/**
 * Snapshots the work tree's files (tracked and untracked, minus ignored ones; large untracked files too) as a git
 * tree, the way {@link worktreeSnapshot} does, so the user's own index is never touched. Returns the tree's sha, HEAD's
 * (null on an unborn branch), and whether it holds untracked files a workbench snapshot leaves out (then their trees
 * differ). {@link pinSnapshot} keeps it from gc.
 */
export async function snapshotWorktree(cwd: string): Promise<{ treeSha: string; headSha: string | null; hasLargeUntracked: boolean }> {
  const head = await runGit(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]);
  const headSha = head.code === 0 ? head.stdout.trim() : null;
  const { tree: treeSha, large } = await worktreeSnapshot(cwd, { largeUntracked: "record" });
  return { treeSha, headSha, hasLargeUntracked: large.length > 0 };
}

/** Pins a snapshot's tree under `refs/chatml/checkpoints/<name>` (wrapped in a commit), so gc keeps it. */
export async function pinSnapshot(cwd: string, name: string, treeSha: string): Promise<void> {
  const commit = must(await runGit(cwd, ["commit-tree", treeSha, "-m", `chatml checkpoint ${name}`], { env: COMMITTER }), "commit-tree").trim();
  must(await runGit(cwd, ["update-ref", `refs/chatml/checkpoints/${name}`, commit]), "update-ref");
}

/** Deletes the checkpoint refs whose names (after `refs/chatml/checkpoints/`) `matches`; answers how many. */
export async function removeSnapshotRefs(cwd: string, matches: (name: string) => boolean): Promise<number> {
  const prefix = "refs/chatml/checkpoints/";
  const listed = must(await runGit(cwd, ["for-each-ref", "--format=%(refname)", prefix]), "for-each-ref");
  const refs = listed.split("\n").filter((ref) => ref.startsWith(prefix) && matches(ref.slice(prefix.length)));
  if (refs.length === 0) return 0;
  must(await runGit(cwd, ["update-ref", "--stdin"], { input: refs.map((ref) => `delete ${ref}\n`).join("") }), "update-ref --stdin");
  return refs.length;
}

/**
 * What changes in the folder `cwd` when going from tree `from` to tree `to`, with paths relative to it. In a folder
 * inside a repository (`--relative`) that leaves out the rest of the repository, which a commit there may have changed.
 */
export async function diffTrees(cwd: string, from: string, to: string): Promise<SnapshotChange[]> {
  const out = must(await runGit(cwd, ["diff-tree", "-r", "-z", "--no-renames", "--relative", "--name-status", from, to]), "diff-tree");
  const fields = out.split("\0").filter(Boolean);
  const changes: SnapshotChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]?.[0];
    const path = fields[i + 1] ?? "";
    changes.push({ status: status === "A" || status === "D" ? status : "M", path });
  }
  return changes;
}

/**
 * The paths added from tree `from` to tree `to`, for each pair (named as {@link diffTrees} names them), in one git run:
 * `diff-tree --stdin` echoes each pair's line, then lists its changes as NUL-ended status and path.
 */
export async function addedInEach(cwd: string, pairs: readonly { from: string; to: string }[]): Promise<string[][]> {
  if (pairs.length === 0) return [];
  const input = pairs.map(({ from, to }) => `${from} ${to}\n`).join("");
  const out = must(await runGit(cwd, ["diff-tree", "--stdin", "-r", "-z", "--no-renames", "--relative", "--name-status"], { input }), "diff-tree");
  const added: string[][] = [];
  let at = 0;
  while (at < out.length) {
    // A status is one upper-case letter, never a hex digit: what starts with a lower-case sha is a pair's line.
    const pairLine = /^[0-9a-f]+ [0-9a-f]+\n/.exec(out.slice(at, at + 160));
    if (pairLine) {
      added.push([]);
      at += pairLine[0].length;
      continue;
    }
    const pathStart = out.indexOf("\0", at) + 1;
    const pathEnd = out.indexOf("\0", pathStart);
    if (out[at] === "A") added.at(-1)?.push(out.slice(pathStart, pathEnd));
    at = pathEnd + 1;
  }
  return added;
}

/** The unified diff from tree `from` to tree `to` in the folder `cwd` (as {@link diffTrees}), cut at `maxChars`. */
export async function patchBetween(cwd: string, from: string, to: string, maxChars = 200_000): Promise<{ patch: string; isTruncated: boolean }> {
  const out = must(await runGit(cwd, ["diff", "--no-renames", "--no-color", "--relative", from, to]), "diff");
  return out.length > maxChars ? { patch: out.slice(0, maxChars), isTruncated: true } : { patch: out, isTruncated: false };
}

/**
 * How HEAD moved from `from` to `to` (commit shas; null: an unborn branch): null when it did not; `{ commits: N }`
 * when `to` is N commits past `from` (commits made since); `{ commits: null }` when it went elsewhere (another branch
 * checked out, a reset, an amend), where no count of new commits says what happened.
 */
export async function headMoveBetween(cwd: string, from: string | null, to: string | null): Promise<{ commits: number | null } | null> {
  if (from === to) return null;
  if (to === null) return { commits: null };
  if (from !== null && (await runGit(cwd, ["merge-base", "--is-ancestor", from, to])).code !== 0) return { commits: null };
  const count = must(await runGit(cwd, ["rev-list", "--count", from === null ? to : `${from}..${to}`]), "rev-list").trim();
  return { commits: Number(count) };
}

/** Makes the work tree's files equal `target`, given `changes` = diffTrees(current, target). Leaves HEAD and the index alone. */
export async function restoreTree(cwd: string, target: string, changes: SnapshotChange[]): Promise<void> {
  const root = resolve(cwd);
  for (const change of changes.filter((c) => c.status === "D")) {
    const path = resolve(root, change.path);
    if (!path.startsWith(root + sep)) throw new Error(`refusing to delete outside the work tree: ${change.path}`);
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  const restore = changes.filter((c) => c.status !== "D").map((c) => c.path);
  if (restore.length === 0) return;
  await withTempIndex(async (env) => {
    must(await runGit(cwd, ["read-tree", target], { env }), "read-tree");
    must(await runGit(cwd, ["checkout-index", "-f", "--", ...restore], { env, timeoutMs: 60_000 }), "checkout-index");
  });
}

const COMMITTER = { GIT_AUTHOR_NAME: "ChatML", GIT_AUTHOR_EMAIL: "chatml@localhost", GIT_COMMITTER_NAME: "ChatML", GIT_COMMITTER_EMAIL: "chatml@localhost" };

async function withTempIndex<T>(run: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "chatml-index-"));
  try {
    return await run({ GIT_INDEX_FILE: join(dir, "index") });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function must(result: GitResult, what: string): string {
  if (result.code !== 0) throw new Error(`git ${what} failed: ${result.stderr.trim() || `exit code ${result.code}`}`);
  return result.stdout;
}
