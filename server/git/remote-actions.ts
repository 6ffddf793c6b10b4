import { plural } from "../../shared/plural.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import { stagedConflictMarkers } from "./conflict-hunks.ts";
import { runGit } from "./git.ts";
import { gitAction, type GitActionOptions } from "./git-client.ts";
import { noFetchHeadFlags } from "./git.ts";
import { conflictedPaths, stoppedOperation, type StoppedOperation } from "./operation-state.ts";
import { resolveRef } from "./refs.ts";

/** How an integration ended: done, or stopped on conflicts in these paths (continue or abort next). */
export type IntegrateResult = { status: "done"; headSha: string } | { status: "conflicts"; operation: StoppedOperation; conflicts: string[] };

/**
 * Pushes `branch` to origin and makes origin/branch its upstream. Refused because origin has commits this clone has
 * never seen (git's "fetch first": pushed from elsewhere), it fetches them, so that the Git panel counts them as to
 * pull instead of "0 to pull", and says what to do.
 */
export async function pushBranch(cwd: string, branch: string, options: GitActionOptions = {}): Promise<void> {
  try {
    await gitAction(cwd, ["push", "--progress", "--set-upstream", "origin", `refs/heads/${branch}:refs/heads/${branch}`], options);
  } catch (error) {
    if (!(error instanceof AppError) || !/\[rejected\].*\(fetch first\)/.test(error.message)) throw error;
    await fetchOrigin(cwd, branch, options);
    const missing = await runGit(cwd, ["rev-list", "--count", `refs/heads/${branch}..refs/remotes/origin/${branch}`]);
    const count = Number(missing.stdout.trim());
    if (missing.code !== 0 || count === 0) throw error;
    throw new AppError(
      "conflict",
      `Push rejected: origin/${branch} has ${plural(count, "commit")} this branch does not have (pushed from elsewhere). Pull from origin/${branch} to bring ${count === 1 ? "it" : "them"} in, then push again; a force push would throw ${count === 1 ? "it" : "them"} away.`,
      { reason: "remote_ahead", branch, count },
    );
  }
}

/**
 * Replaces origin's copy of `branch` with the local one (after an amend or rebase of pushed commits), only if origin
 * still has the commit this clone last fetched or pushed: `--force-with-lease` with that commit spelled out, so a
 * background fetch cannot make the lease pass over someone else's work.
 */
export async function forcePushBranch(cwd: string, branch: string, options: GitActionOptions = {}): Promise<void> {
  const expected = await resolveRef(cwd, `refs/remotes/origin/${branch}`);
  if (!expected) throw new AppError("bad_request", `origin/${branch} is not known here, so there is nothing to replace: push normally.`, { branch });
  const ref = `refs/heads/${branch}`;
  await gitAction(cwd, ["push", "--progress", "--set-upstream", `--force-with-lease=${ref}:${expected}`, "origin", `${ref}:${ref}`], options);
}

/** Fetches one branch from origin into `refs/remotes/origin/<branch>`, leaving FETCH_HEAD alone (noFetchHeadFlags). */
export async function fetchOrigin(cwd: string, branch: string, options: GitActionOptions = {}): Promise<void> {
  await gitAction(cwd, ["fetch", ...(await noFetchHeadFlags()), "--progress", "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`], options);
}

/** Rebases HEAD onto `onto` (or merges `onto` in); a stop on conflicts is a result, not an error. */
export async function integrate(cwd: string, onto: string, mode: "rebase" | "merge", options: GitActionOptions = {}): Promise<IntegrateResult> {
  const args = mode === "rebase" ? ["rebase", onto] : ["merge", "--no-edit", ...(await mergeMessage(cwd, onto)), onto];
  try {
    await gitAction(cwd, args, { ...options, isEditorless: true });
  } catch (error) {
    const stopped = await stoppedResult(cwd);
    if (stopped) return stopped;
    throw error;
  }
  return { status: "done", headSha: (await gitAction(cwd, ["rev-parse", "HEAD"])).trim() };
}

/**
 * Continues a stopped rebase or merge once its conflicts are resolved and staged. Aborting `signal` stops git and the
 * hooks its commit runs; the rebase or merge then still waits, as before Continue.
 */
export async function continueOperation(cwd: string, options: GitActionOptions = {}): Promise<IntegrateResult> {
  const operation = await requireStopped(cwd);
  const remaining = await conflictedPaths(cwd);
  if (remaining.length > 0) {
    throw new AppError("conflict", `Resolve and stage these files first: ${remaining.join(", ")}`, { conflicts: remaining });
  }
  await refuseLeftoverMarkers(cwd, operation);
  try {
    // Without an editor git keeps its draft of a merge's message verbatim, "# Conflicts:" comment lines and all.
    await gitAction(cwd, operation === "rebase" ? ["rebase", "--continue"] : ["commit", "--no-edit", "--cleanup=strip"], { ...options, isEditorless: true });
  } catch (error) {
    if (error instanceof AppError && error.code === "cancelled") {
      throw new AppError("cancelled", `Continue was stopped (a hook of the repository was still running). The ${operation} still waits: continue it again, or abort it.`);
    }
    const stopped = await stoppedResult(cwd);
    if (stopped?.status === "conflicts" && stopped.conflicts.length > 0) return stopped;
    throw error;
  }
  const next = await stoppedResult(cwd);
  return next ?? { status: "done", headSha: (await gitAction(cwd, ["rev-parse", "HEAD"])).trim() };
}

/**
 * Refuses to continue while a staged file still holds a conflict: "Mark resolved" stages a file as it is, and git
 * would commit the markers as if they were code. Only whole conflict hunks the operation added count, so a line of
 * seven `=` (a heading's underline) does not stop it.
 */
async function refuseLeftoverMarkers(cwd: string, operation: StoppedOperation): Promise<void> {
  const markers = await stagedConflictMarkers(cwd);
  if (markers.length === 0) return;
  const where = [...new Set(markers.map((m) => m.path))].map((path) => `${path} (line ${markers.filter((m) => m.path === path).map((m) => m.line).join(", ")})`);
  throw new AppError(
    "conflict",
    `These files still have conflict markers: ${where.join("; ")}. Fix them, stage them again, then continue the ${operation} (commit from a terminal if the markers are meant to be there).`,
    { markers },
  );
}

/** Abandons a stopped rebase or merge: the branch and work tree go back to where they were before it. */
export async function abortOperation(cwd: string): Promise<void> {
  const operation = await requireStopped(cwd);
  await gitAction(cwd, [operation, "--abort"]);
}

/**
 * The message git itself would write had the user typed the short name ("Merge branch 'main' into feat"). We merge
 * full ref names so a tag or branch of the same name cannot be picked instead, and git would spell those out in full.
 */
async function mergeMessage(cwd: string, onto: string): Promise<string[]> {
  const kind = onto.startsWith("refs/heads/") ? "branch" : onto.startsWith("refs/remotes/") ? "remote-tracking branch" : null;
  if (!kind) return [];
  const name = onto.replace(/^refs\/(heads|remotes)\//, "");
  const current = await runGit(cwd, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  const into = current.code === 0 ? ` into ${current.stdout.trim()}` : "";
  return ["-m", `Merge ${kind} '${name}'${into}`];
}

async function requireStopped(cwd: string): Promise<StoppedOperation> {
  const operation = await stoppedOperation(cwd);
  if (!operation) throw new AppError("conflict", "No rebase or merge is in progress.");
  return operation;
}

async function stoppedResult(cwd: string): Promise<IntegrateResult | null> {
  const operation = await stoppedOperation(cwd);
  return operation ? { status: "conflicts", operation, conflicts: await conflictedPaths(cwd) } : null;
}
