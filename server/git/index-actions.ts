import { AppError } from "../../shared/protocol/errors.ts";
import { literalPathspecs, readGit } from "./git.ts";
import { gitAction } from "./git-client.ts";
import { hunkPatch, parseFileDiff, type FileDiff } from "./hunks.ts";

/** What a hunk operation does: stage it (from the work tree), unstage it (from the index), or discard it. */
export type HunkAction = "stage" | "unstage" | "discard";
/** Which hunk: its index and the header the caller saw, so a diff that changed meanwhile is refused, not misapplied. */
export type HunkRef = { path: string; index: number; header: string };

/**
 * One file's diff: staged (index against HEAD) or unstaged (work tree against index). A hardened read: a textconv
 * filter would also make the hunks it answers unusable as patches of the real bytes.
 */
export async function readFileDiff(cwd: string, path: string, isStaged: boolean): Promise<FileDiff> {
  const args = ["diff", "--no-color", "--no-renames", "-U3", ...(isStaged ? ["--cached"] : []), "--", ...literalPathspecs([path])];
  return parseFileDiff(path, await readGit(cwd, args));
}

/** Stages whole files (new, changed or deleted). */
export async function stagePaths(cwd: string, paths: string[]): Promise<void> {
  await gitAction(cwd, ["add", "--all", "--", ...literalPathspecs(paths)]);
}

/** Unstages whole files (the work tree keeps the changes). Works before the first commit too. */
export async function unstagePaths(cwd: string, paths: string[]): Promise<void> {
  const hasHead = await gitAction(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]).then(() => true, () => false);
  await gitAction(cwd, hasHead ? ["reset", "--quiet", "HEAD", "--", ...literalPathspecs(paths)] : ["rm", "--cached", "--quiet", "-r", "--", ...literalPathspecs(paths)]);
}

/**
 * Throws away unstaged changes of whole files: tracked files go back to their staged (or committed) content,
 * untracked files are deleted. Staged changes stay.
 */
export async function discardPaths(cwd: string, paths: string[]): Promise<void> {
  const untracked = (await readGit(cwd, ["ls-files", "--others", "--exclude-standard", "-z", "--", ...literalPathspecs(paths)])).split("\0").filter(Boolean);
  const tracked = paths.filter((path) => !untracked.includes(path));
  if (tracked.length > 0) await gitAction(cwd, ["checkout", "--", ...literalPathspecs(tracked)]);
  if (untracked.length > 0) await gitAction(cwd, ["clean", "--force", "--quiet", "--", ...literalPathspecs(untracked)]);
}

/**
 * Stages, unstages or discards one hunk by applying its patch: `git apply --cached` stages a hunk of the unstaged
 * diff, `--cached --reverse` unstages a hunk of the staged diff, `--reverse` discards a hunk of the unstaged diff.
 */
export async function applyHunk(cwd: string, ref: HunkRef, action: HunkAction): Promise<void> {
  const diff = await readFileDiff(cwd, ref.path, action === "unstage");
  const hunk = diff.hunks[ref.index];
  if (!hunk || hunk.header !== ref.header) {
    throw new AppError("conflict", `The diff of ${ref.path} changed since it was shown; look at it again and retry.`, { path: ref.path });
  }
  const flags = { stage: ["--cached"], unstage: ["--cached", "--reverse"], discard: ["--reverse"] }[action];
  await gitAction(cwd, ["apply", ...flags, "--whitespace=nowarn", "-"], { stdin: hunkPatch(diff, ref.index) });
}
