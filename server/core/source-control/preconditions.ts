import { plural } from "../../../shared/plural.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import * as git from "../../git/index.ts";
import type { OperationOutcome } from "./operation-tracker.ts";

/** The checked-out branch, or a clear refusal when HEAD is detached (nothing is touched). */
export async function requireBranch(cwd: string, action: string): Promise<string> {
  const branch = await git.currentBranch(cwd);
  if (!branch) {
    throw new AppError("bad_request", `HEAD is detached (no branch is checked out), so ChatML will not ${action} here. Check out a branch first; nothing was changed.`);
  }
  return branch;
}

/** Refuses to start something new while a rebase or merge waits for continue or abort. */
export async function requireNoStoppedOperation(cwd: string): Promise<void> {
  const stopped = await git.stoppedOperation(cwd);
  if (stopped) throw new AppError("conflict", `A ${stopped} is in progress; resolve its conflicts and continue it, or abort it first.`);
}

/**
 * Refuses to amend a commit that is not the session's own: with none made yet, HEAD is the base branch's last commit,
 * and amending it would rewrite the base's history into this branch (which then no longer contains its base).
 */
export async function requireOwnHeadCommit(cwd: string, baseBranch: string | null): Promise<void> {
  if (!(await git.hasHeadCommit(cwd))) throw new AppError("bad_request", "There is no commit to amend yet.");
  if (!baseBranch || !(await git.isHeadInBase(cwd, baseBranch))) return;
  throw new AppError("bad_request", `The last commit here is ${baseBranch}'s, not this session's: amending it would rewrite ${baseBranch}'s history. Commit instead; nothing was changed.`);
}

/** The branch to push: checked out, not protected (nor the session's base), with an origin to push to. */
export async function requirePushable(cwd: string, baseBranch: string | null): Promise<string> {
  const branch = await requireBranch(cwd, "push");
  if (git.isProtectedBranch(branch, baseBranch)) {
    throw new AppError("bad_request", `"${branch}" is a protected branch; ChatML pushes only a session's own branch. Nothing was pushed.`, { branch });
  }
  if (!(await git.hasOrigin(cwd))) {
    throw new AppError("bad_request", "This repository has no remote named origin. Add one (git remote add origin <url>) and push again; your commits are safe.");
  }
  return branch;
}

/** How a rebase/merge result is reported on the operation every device sees. */
export function integrateResultOutcome(result: git.IntegrateResult): OperationOutcome {
  if (result.status === "done") return { status: "done", message: null };
  return { status: "conflicts", message: `The ${result.operation} stopped on conflicts in ${plural(result.conflicts.length, "file")}: ${result.conflicts.join(", ")}` };
}
