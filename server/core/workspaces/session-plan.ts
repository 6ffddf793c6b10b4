import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CreateSessionInput } from "../../../shared/api/inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { SessionKind, Workspace } from "../../../shared/protocol/model.ts";
import { hasHeadCommit } from "../../git/commit-actions.ts";
import { assertSessionBranch, assertValidBranchName, branchExists, isProtectedBranch, refExists } from "../../git/refs.ts";
import { configValue, detectDefaultBranch, fetchBranch, hasOrigin } from "../../git/repo.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import { isValidSessionName, slugName } from "../../../shared/session-name.ts";
import { pickSessionName, type PickOptions } from "./name-pool.ts";

/** Everything decided before a session row exists: checked names, branch, base and folder. */
export type SessionPlan = { kind: SessionKind; name: string; branch: string | null; baseBranch: string | null; cwd: string; worktreePath: string | null };

/** What planning needs: storage, where worktrees go, names being created right now, and name-pool options. */
export type PlanContext = { repos: Repositories; worktreesDir: string; reserved: Set<string>; pick?: PickOptions };

const NO_COMMITS =
  "The repository has no commits yet, and a session's worktree starts from one. Make a first commit (`git commit --allow-empty -m Start` will do), or start a session in the folder itself.";

const NO_BRANCH_TO_START_FROM =
  "The checkout is on a detached HEAD and no main, master or other default branch exists, so a session has no branch to start from. Pick a Base branch, or create one where you are (`git switch -c main`), or start a session in the folder itself.";

/**
 * Checks a session request against the repository and picks what was left open. Throws `bad_request` for invalid or
 * protected branches and unknown bases, `conflict` for taken names and branches. Changes nothing.
 */
export async function planSession(ctx: PlanContext, workspace: Workspace, input: CreateSessionInput): Promise<SessionPlan> {
  const kind = input.kind ?? (workspace.isGitRepo ? "worktree" : "folder");
  if (kind === "folder") return { kind, name: input.name ?? workspace.name, branch: null, baseBranch: null, cwd: workspace.path, worktreePath: null };
  if (!workspace.isGitRepo) throw new AppError("bad_request", `${workspace.path} is not a git repository; only folder sessions are possible there.`);
  const baseBranch = input.baseBranch ?? workspace.defaultBranch ?? (await detectDefaultBranch(workspace.path));
  // No default found: a fresh `git init`, or commits on a detached HEAD with no usual branch (which is not "no commits").
  if (!baseBranch) throw new AppError("bad_request", (await hasHeadCommit(workspace.path)) ? NO_BRANCH_TO_START_FROM : NO_COMMITS);
  await assertValidBranchName(workspace.path, baseBranch);
  if (!(await refExists(workspace.path, baseBranch)) && !(await isOnOrigin(workspace.path, baseBranch))) {
    // A fresh `git init`: HEAD names a branch with no commit yet, which "does not exist" would only puzzle.
    if (!(await hasHeadCommit(workspace.path))) throw new AppError("bad_request", NO_COMMITS);
    throw new AppError("bad_request", `The base branch "${baseBranch}" does not exist, neither here nor on origin.`);
  }
  return kind === "branch" ? planExistingBranch(ctx, workspace, input, baseBranch) : planNewBranch(ctx, workspace, input, baseBranch);
}

async function planExistingBranch(ctx: PlanContext, workspace: Workspace, input: CreateSessionInput, baseBranch: string): Promise<SessionPlan> {
  if (!input.branch) throw new AppError("bad_request", "Pick the existing branch the session should use.");
  // "origin/feature" names the remote branch; the session works on a local "feature" that tracks it.
  const isRemoteName = input.branch.startsWith("origin/") && !(await branchExists(workspace.path, input.branch));
  const branch = isRemoteName ? input.branch.slice("origin/".length) : input.branch;
  await assertValidBranchName(workspace.path, branch);
  if (isProtectedBranch(branch, workspace.defaultBranch)) throw new AppError("bad_request", `"${branch}" is a protected branch; sessions work on a branch of their own.`);
  if (!(await branchExists(workspace.path, branch)) && !(await isOnOrigin(workspace.path, branch))) {
    throw new AppError("bad_request", `There is no branch "${branch}", neither here nor on origin.`);
  }
  assertNoSessionOn(ctx, workspace, branch);
  const name = input.name ? checkedName(input.name) : await pickName(ctx, workspace, slugName(branch.split("/").pop() ?? branch));
  if (input.name) await assertNameFree(ctx, workspace, name, null);
  return { kind: "branch", name, branch, baseBranch, ...folders(ctx, name) };
}

function assertNoSessionOn(ctx: PlanContext, workspace: Workspace, branch: string): void {
  if (ctx.repos.sessions.list(workspace.id).some((s) => s.branch === branch && s.kind !== "folder")) {
    throw new AppError("conflict", `Another session already works on "${branch}".`);
  }
}

/** How many times a pool-picked name whose branch appeared since its pick is picked again before giving up. */
const REPICKS = 5;

async function planNewBranch(ctx: PlanContext, workspace: Workspace, input: CreateSessionInput, baseBranch: string, repicks = REPICKS): Promise<SessionPlan> {
  const prefix = await branchPrefix(workspace);
  const isPoolName = !input.name && !input.branch;
  const name = input.name ? checkedName(input.name) : await pickName(ctx, workspace, null, prefix);
  if (isPoolName) await ctx.pick?.afterPick?.(name);
  const branch = input.branch ?? `${prefix}${name}`;
  await assertSessionBranch(workspace.path, branch, workspace.defaultBranch);
  if (input.name) await assertNameFree(ctx, workspace, name, null);
  // Before the branch check: a session made a moment ago (a double tap) has made the branch too, and "another session
  // works on it" says why better than "the branch exists". A name the pool picked is picked again instead (planFree).
  if (!isPoolName) assertNoSessionOn(ctx, workspace, branch);
  if (await branchExists(workspace.path, branch)) {
    // The pick found no such branch a moment ago: a session created at the same time, stored and set up while this one
    // was still checking, has made it since (on a loaded machine, the second of two sessions created at once was
    // refused with "pick another name", a name nobody had chosen). The pool picks again, now seeing that branch.
    if (isPoolName && repicks > 0) return planNewBranch(ctx, workspace, input, baseBranch, repicks - 1);
    throw new AppError("conflict", `The branch "${branch}" already exists; pick another name, or start the session from that branch.`);
  }
  return { kind: "worktree", name, branch, baseBranch, ...folders(ctx, name) };
}

/**
 * Whether `branch` exists on origin, fetched first when it is not known yet (pushed from another machine). The worktree
 * is then added with `git worktree add <path> <branch>`, which creates the local branch tracking `origin/<branch>`.
 */
export async function isOnOrigin(repo: string, branch: string): Promise<boolean> {
  if (await refExists(repo, `refs/remotes/origin/${branch}`)) return true;
  if (!(await hasOrigin(repo)) || (await fetchBranch(repo, branch)) !== null) return false;
  return refExists(repo, `refs/remotes/origin/${branch}`);
}

function folders(ctx: PlanContext, name: string): Pick<SessionPlan, "cwd" | "worktreePath"> {
  const path = join(ctx.worktreesDir, name);
  return { cwd: path, worktreePath: path };
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!isValidSessionName(trimmed)) {
    throw new AppError("bad_request", `"${name}" is not a valid session name: use lower-case letters, digits, dots and dashes.`);
  }
  return trimmed;
}

/** Why a name cannot be used: another session, a folder in the worktrees dir, or (with prefix) a branch. */
async function nameTaken(ctx: PlanContext, workspace: Workspace, name: string, prefix: string | null): Promise<boolean> {
  if (ctx.reserved.has(name) || existsSync(join(ctx.worktreesDir, name))) return true;
  if (ctx.repos.sessions.list().some((s) => s.name === name && s.kind !== "folder")) return true;
  return prefix !== null && (await branchExists(workspace.path, `${prefix}${name}`));
}

async function assertNameFree(ctx: PlanContext, workspace: Workspace, name: string, prefix: string | null): Promise<void> {
  if (await nameTaken(ctx, workspace, name, prefix)) throw new AppError("conflict", `The session name "${name}" is taken.`);
}

async function pickName(ctx: PlanContext, workspace: Workspace, preferred: string | null, prefix: string | null = null): Promise<string> {
  if (preferred && !(await nameTaken(ctx, workspace, preferred, prefix))) return preferred;
  const isTaken = (name: string) => nameTaken(ctx, workspace, name, prefix);
  return preferred ? pickSessionName(isTaken, { ...ctx.pick, pool: [preferred] }) : pickSessionName(isTaken, ctx.pick);
}

/** The workspace's branch prefix: the GitHub user (`github.user`, else the git user name), a custom string, or none. */
export async function branchPrefix(workspace: Workspace): Promise<string> {
  if (workspace.branchPrefixMode === "custom") return workspace.branchPrefix ? `${workspace.branchPrefix.replace(/\/+$/, "")}/` : "";
  if (workspace.branchPrefixMode !== "github") return "";
  const user = (await configValue(workspace.path, "github.user")) ?? (await configValue(workspace.path, "user.name"));
  return user ? `${slugName(user)}/` : "";
}
