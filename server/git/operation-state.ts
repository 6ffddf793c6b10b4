import { existsSync } from "node:fs";
import { join } from "node:path";
import { runGit } from "./git.ts";
import { gitDirOf } from "./repo.ts";

/** A multi-step git operation that stopped half-way (usually on conflicts) and waits for continue or abort. */
export type StoppedOperation = "rebase" | "merge";

/** Which operation is in progress in a work tree, if any (read from its git dir, like git's own prompt does). */
export async function stoppedOperation(cwd: string): Promise<StoppedOperation | null> {
  const gitDir = await gitDirOf(cwd);
  if (!gitDir) return null;
  if (existsSync(join(gitDir, "rebase-merge")) || existsSync(join(gitDir, "rebase-apply"))) return "rebase";
  if (existsSync(join(gitDir, "MERGE_HEAD"))) return "merge";
  return null;
}

/** Paths with unresolved conflicts (unmerged index entries). */
export async function conflictedPaths(cwd: string): Promise<string[]> {
  const result = await runGit(cwd, ["diff", "--name-only", "--diff-filter=U", "-z"]);
  return result.code === 0 ? [...new Set(result.stdout.split("\0").filter(Boolean))] : [];
}

/**
 * Paths that were in conflict and have been resolved (staged) since the operation stopped: git keeps what they were
 * ("resolve-undo") in the index until the operation moves on (the merge is committed, the next pick is applied, or it
 * is aborted), so a resolved file can stay listed with the conflicts. Paths still `unmerged` are left out.
 */
export async function resolvedConflictPaths(cwd: string, unmerged: readonly string[]): Promise<string[]> {
  const undo = await runGit(cwd, ["ls-files", "--resolve-undo", "-z"]);
  if (undo.code !== 0) return [];
  const paths = undo.stdout.split("\0").filter(Boolean).map((entry) => entry.slice(entry.indexOf("\t") + 1));
  return [...new Set(paths)].filter((path) => !unmerged.includes(path));
}

/** How far HEAD is from its upstream (`@{upstream}`): null when the branch tracks nothing. */
export async function upstreamState(cwd: string): Promise<{ upstream: string; ahead: number; behind: number } | null> {
  const name = await runGit(cwd, ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]);
  if (name.code !== 0) return null;
  const counts = await runGit(cwd, ["rev-list", "--left-right", "--count", "@{upstream}...HEAD"]);
  const [behind, ahead] = counts.code === 0 ? counts.stdout.trim().split(/\s+/).map(Number) : [0, 0];
  return { upstream: name.stdout.trim(), ahead: ahead || 0, behind: behind || 0 };
}
