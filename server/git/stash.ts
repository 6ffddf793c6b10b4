import { existsSync } from "node:fs";
import { join } from "node:path";
import type { GitChangeEntry, GitStash, GitStashDetail } from "../../shared/protocol/git.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import { parseNumstatZ, parseRawZ } from "./diff-parse.ts";
import { git, gitError, runGit } from "./git.ts";
import { conflictedPaths } from "./operation-state.ts";

/** A stash's patch is cut past this many characters (its files are all listed). */
const MAX_PATCH_CHARS = 200_000;

/** The repository's stashes, newest first (shared by every worktree of the repository). */
export async function listStashes(cwd: string): Promise<GitStash[]> {
  // Unit and record separators: a stash message may hold any other character.
  const result = await runGit(cwd, ["stash", "list", "--format=%H%x1f%ct%x1f%gs%x1e"]);
  if (result.code !== 0) throw gitError(["stash", "list"], result);
  return result.stdout
    .split("\x1e")
    .map((record) => record.replace(/^\n/, ""))
    .filter(Boolean)
    .map((record, index) => {
      const [sha = "", time = "0", subject = ""] = record.split("\x1f");
      // git writes "On <branch>: <message>", or "WIP on <branch>: <sha> <subject>" when no message was given.
      const said = /^(?:WIP on|On) ([^:]*): ([\s\S]*)$/.exec(subject);
      const branch = said?.[1] && said[1] !== "(no branch)" ? said[1] : null;
      return { sha, index, branch, message: said?.[2] ?? subject, createdAt: Number(time) * 1000 };
    });
}

/** Puts the work tree's changes aside; `conflict` when there is nothing to put aside (git itself only says so). */
export async function pushStash(cwd: string, input: { message: string; includeUntracked: boolean }): Promise<GitStash> {
  const before = (await listStashes(cwd))[0]?.sha ?? null;
  const args = ["stash", "push", ...(input.includeUntracked ? ["--include-untracked"] : []), ...(input.message ? ["--message", input.message] : [])];
  await git(cwd, args);
  const made = (await listStashes(cwd))[0];
  if (!made || made.sha === before) {
    const hint = input.includeUntracked ? "" : " (new, untracked files are stashed only with “Include untracked files”)";
    throw new AppError("conflict", `There was nothing to stash: no uncommitted changes${hint}.`, { reason: "nothing_to_stash" });
  }
  return made;
}

/** A stash's files and patch, untracked files included. */
export async function showStash(cwd: string, sha: string): Promise<GitStashDetail> {
  await stashIndex(cwd, sha);
  const options = ["--include-untracked", "--no-renames", sha];
  const [raw, numstat, patch] = await Promise.all([
    git(cwd, ["stash", "show", "--raw", "-z", "--no-abbrev", ...options]),
    git(cwd, ["stash", "show", "--numstat", "-z", ...options]),
    runGit(cwd, ["stash", "show", "-p", ...options], { maxOutputBytes: MAX_PATCH_CHARS * 4 }),
  ]);
  const counts = new Map(parseNumstatZ(numstat).map((c) => [c.path, c]));
  const files: GitChangeEntry[] = parseRawZ(raw).map((entry) => {
    const count = counts.get(entry.path);
    const isBinary = count?.additions === null;
    return { path: entry.path, status: entry.status, oldPath: null, additions: count?.additions ?? 0, deletions: count?.deletions ?? 0, isBinary };
  });
  return { sha, files, patch: patch.stdout.slice(0, MAX_PATCH_CHARS), isTruncated: patch.stdout.length > MAX_PATCH_CHARS || patch.stoppedBy === "output_limit" };
}

/**
 * Applies a stash to the work tree, and with `pop` drops it once it applied cleanly. Refused (nothing changed) when
 * the user's own changes would be overwritten; applied with conflicts, it says which files hold both versions, and a
 * popped stash is kept.
 */
export async function applyStash(cwd: string, sha: string, pop: boolean): Promise<void> {
  await stashIndex(cwd, sha);
  await requireNothingOverwritten(cwd, sha);
  const result = await runGit(cwd, ["stash", "apply", sha]);
  if (result.code === 0) {
    if (pop) await dropStash(cwd, sha);
    return;
  }
  if (/would be overwritten/.test(result.stderr)) {
    // git names them in its error, one per line after a tab (its stdout is a `git status` of the whole tree).
    const files = [...result.stderr.matchAll(/^\t(.+)$/gm)].map((m) => m[1]).join(", ");
    throw new AppError("conflict", `The stash was not applied: it would overwrite your uncommitted changes to ${files || "some files"}. Commit or stash them first.`, { reason: "would_overwrite" });
  }
  const conflicts = await conflictedPaths(cwd);
  if (conflicts.length > 0) {
    const kept = pop ? " The stash is kept, since it did not apply cleanly." : "";
    throw new AppError("conflict", `The stash was applied with conflicts in ${conflicts.join(", ")}: those files hold both versions; fix them, then stage them.${kept}`, { reason: "stash_conflict", paths: conflicts });
  }
  throw gitError(["stash", "apply"], result, "conflict");
}

/**
 * Refuses, before git touches anything, an apply that would overwrite the user's work: git restores a stash's untracked
 * files before it merges the tracked ones, so a merge it then refuses left those files behind, and the next try failed
 * on them ("already exists, no checkout").
 */
async function requireNothingOverwritten(cwd: string, sha: string): Promise<void> {
  const [untracked, changed, dirty] = await Promise.all([
    runGit(cwd, ["ls-tree", "-r", "-z", "--name-only", `${sha}^3`]).then((r) => (r.code === 0 ? r.stdout.split("\0").filter(Boolean) : [])),
    git(cwd, ["diff", "--name-only", "-z", "--no-renames", `${sha}^1`, sha]).then((out) => out.split("\0").filter(Boolean)),
    // runGit, not git: git() trims, and a status line starts with a space (" M path").
    runGit(cwd, ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=no"]).then((r) => new Set(r.stdout.split("\0").filter((e) => e.length > 3).map((e) => e.slice(3)))),
  ]);
  const existing = untracked.filter((path) => existsSync(join(cwd, path)));
  if (existing.length > 0) {
    throw new AppError("conflict", `The stash was not applied: it holds new files that exist in the work tree now (${existing.join(", ")}). Move or delete them first.`, { reason: "would_overwrite", paths: existing });
  }
  const touched = changed.filter((path) => dirty.has(path));
  if (touched.length > 0) {
    throw new AppError("conflict", `The stash was not applied: it would overwrite your uncommitted changes to ${touched.join(", ")}. Commit or stash them first.`, { reason: "would_overwrite", paths: touched });
  }
}

/** Deletes a stash for good. */
export async function dropStash(cwd: string, sha: string): Promise<void> {
  await git(cwd, ["stash", "drop", `stash@{${await stashIndex(cwd, sha)}}`]);
}

/** Where a stash is in the list now; `not_found` once it is gone (popped or dropped on another device, or a terminal). */
async function stashIndex(cwd: string, sha: string): Promise<number> {
  const found = (await listStashes(cwd)).find((stash) => stash.sha === sha);
  if (!found) throw new AppError("not_found", "That stash is no longer there: it was applied and dropped, or dropped, elsewhere.", { reason: "stash_gone" });
  return found.index;
}
