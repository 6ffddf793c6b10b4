import { dirname, join, relative } from "node:path";
import type { Session, Workspace } from "../../../shared/protocol/model.ts";
import { withGitHint } from "../../git/no-prompts.ts";
import { branchExists, refExists, resolveRef } from "../../git/refs.ts";
import { behindRemote, fetchBranch, hasOrigin } from "../../git/repo.ts";
import { addWorktreeExistingBranch, addWorktreeNewBranch, checkoutSubmodules, hasSubmodules, trackOriginBranch } from "../../git/worktree.ts";
import { patchSession, type EntityDeps } from "../entity-context.ts";
import { SetupProgress } from "./setup-progress.ts";
import { runSetupScript, SCRIPT_TIMEOUT_MS } from "./setup-script.ts";
import { plural } from "../../../shared/plural.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** What a worktree setup needs: the session (with branch, base and folder) and its workspace's settings. */
export type SetupJob = {
  session: Session;
  workspace: Workspace;
  env: Record<string, string>;
  /** Stops the setup where it is (the git step running, or the script); its reason, a string, is shown on the step. */
  signal?: AbortSignal;
};

/**
 * Creates a session's worktree step by step, publishing progress: fetch the base (when there is a remote), add the
 * worktree (and check out its submodules), copy files, run the setup script. Only a failed worktree makes the session
 * unusable; a failing fetch, submodule, copy or script is reported and the session stays usable. Resolves when done;
 * never rejects.
 */
export async function runWorktreeSetup(deps: EntityDeps, job: SetupJob): Promise<void> {
  const progress = new SetupProgress(deps, job.session.id);
  const { session, workspace } = job;
  const repo = workspace.path;
  const base = session.baseBranch ?? "HEAD";
  const warnings = await fetchStep(progress, repo, base, job.signal);
  progress.step("worktree", "running", session.worktreePath);
  try {
    await ensureLocalBase(repo, base);
    const options = { signal: job.signal };
    const hookFailure =
      session.kind === "branch"
        ? await addWorktreeExistingBranch(repo, session.cwd, session.branch ?? "", options)
        : await addWorktreeNewBranch(repo, session.cwd, session.branch ?? "", base, options);
    if (hookFailure) warnings.push(`The repository's post-checkout hook failed (${hookFailure}); the worktree is checked out and usable.`);
  } catch (error) {
    const message = messageOf(error);
    progress.step("worktree", "failed", message);
    progress.finish("failed", `The worktree could not be created: ${message}`);
    patchSession(deps, session.id, { warnings, problem: `The worktree could not be created: ${message}` });
    return;
  }
  const submodules = await submodulesStep(progress, repo, session.cwd, job.signal);
  if (submodules.warning) warnings.push(submodules.warning);
  progress.step("worktree", "done", [submodules.detail, session.worktreePath].filter(Boolean).join(" · "));
  patchSession(deps, session.id, { warnings, baseSha: await resolveRef(repo, base) }, true);
  const copyError = await copyStep(progress, repo, session.cwd, workspace.copyFiles);
  const scriptError = await scriptStep(progress, session.cwd, workspace.setupScript, job);
  progress.finish("ready", [copyError, scriptError].filter(Boolean).join(" ") || null);
}

/** Runs the workspace's setup script again in an existing worktree (after fixing the script, or a flaky failure). */
export async function rerunSetupScript(deps: EntityDeps, job: SetupJob): Promise<void> {
  const progress = new SetupProgress(deps, job.session.id, job.session.setup ?? undefined);
  const scriptError = await scriptStep(progress, job.session.cwd, job.workspace.setupScript, job);
  progress.finish("ready", scriptError);
}

/**
 * A base that exists only on origin gets a local branch tracking it (as `git checkout <base>` would make), so the
 * new branch starts at origin's commit and the diff, merge check and pull request all name the same base.
 */
async function ensureLocalBase(repo: string, base: string): Promise<void> {
  if (base === "HEAD" || (await branchExists(repo, base))) return;
  if (await refExists(repo, `refs/remotes/origin/${base}`)) await trackOriginBranch(repo, base);
}

async function fetchStep(progress: SetupProgress, repo: string, base: string, signal: AbortSignal | undefined): Promise<string[]> {
  if (!(await hasOrigin(repo))) {
    progress.step("fetch", "skipped", "no remote");
    return [];
  }
  progress.step("fetch", "running", `origin ${base}`);
  const error = await fetchBranch(repo, base, signal);
  if (error) {
    progress.step("fetch", "failed", error);
    return [withGitHint(`Could not fetch ${base} from origin (${error}); the session starts from the local ${base}.`, error)];
  }
  const behind = await behindRemote(repo, base);
  progress.step("fetch", "done", behind > 0 ? `${behind} behind origin/${base}` : "up to date");
  return behind > 0 ? [`${base} is ${plural(behind, "commit")} behind origin/${base}; the session starts from the local ${base}.`] : [];
}

/**
 * Part of the worktree step: git leaves a new worktree's submodules empty, and a session whose code is partly missing
 * is no place to work. When they cannot be cloned, the session is still usable and its warning says how to retry.
 */
async function submodulesStep(progress: SetupProgress, repo: string, worktree: string, signal: AbortSignal | undefined): Promise<{ detail: string | null; warning: string | null }> {
  if (!hasSubmodules(worktree)) return { detail: null, warning: null };
  progress.step("worktree", "running", "checking out submodules");
  const { count, error } = await checkoutSubmodules(repo, worktree, signal);
  if (!error) return { detail: count > 0 ? `${plural(count, "submodule")} checked out` : null, warning: null };
  const warning = `The submodules could not be checked out (${error}); the session works without them. Run \`git submodule update --init --recursive\` in its terminal to try again.`;
  return { detail: "submodules not checked out", warning: withGitHint(warning, error) };
}

/** How many copied files a step's detail names; the rest are counted. */
const NAMED_COPIES = 5;

/**
 * Copies files matching the workspace's globs from the repository into the worktree (never from `.git`). Copies
 * yield to the event loop between files: a glob like `node_modules/**` copies tens of thousands, and a synchronous
 * copy froze the whole server (every device, every running conversation) for as long. A file that cannot be copied is
 * reported and the others are still copied; the session stays usable.
 */
async function copyStep(progress: SetupProgress, repo: string, worktree: string, globs: readonly string[]): Promise<string | null> {
  if (globs.length === 0) {
    progress.step("copy", "skipped", "no files configured");
    return null;
  }
  progress.step("copy", "running");
  const { copyFile, mkdir } = await import("node:fs/promises");
  const copied = new Set<string>();
  const failed: string[] = [];
  const folders = new Set<string>();
  for (const pattern of globs) {
    for await (const path of new Bun.Glob(pattern).scan({ cwd: repo, dot: true, onlyFiles: true, followSymlinks: false })) {
      const rel = relative(repo, join(repo, path));
      if (rel.startsWith("..") || rel === ".git" || rel.startsWith(".git/") || copied.has(rel)) continue;
      try {
        const folder = dirname(join(worktree, rel));
        if (!folders.has(folder)) await mkdir(folder, { recursive: true });
        folders.add(folder);
        await copyFile(join(repo, rel), join(worktree, rel));
        copied.add(rel);
      } catch (error) {
        failed.push(`${rel} (${messageOf(error)})`);
      }
    }
  }
  if (failed.length > 0) {
    progress.step("copy", "failed", `${namedList([...copied])}; not copied: ${namedList(failed)}`);
    return `${plural(failed.length, "file")} could not be copied into the worktree: ${namedList(failed)}.`;
  }
  progress.step("copy", "done", copied.size === 0 ? "no matching files" : namedList([...copied]));
  return null;
}

/** The first few items, then how many more: a step's detail goes to every device. */
function namedList(items: string[]): string {
  if (items.length === 0) return "none";
  const named = items.slice(0, NAMED_COPIES).join(", ");
  return items.length > NAMED_COPIES ? `${named} and ${items.length - NAMED_COPIES} more` : named;
}

/** Runs the setup script in the worktree, streaming its output; answers an error note when it failed or was stopped. */
async function scriptStep(progress: SetupProgress, cwd: string, script: string | null, job: Pick<SetupJob, "env" | "signal">): Promise<string | null> {
  if (!script?.trim()) {
    progress.step("setup", "skipped", "no setup script");
    return null;
  }
  progress.step("setup", "running", script.split("\n")[0] ?? null);
  const outcome = await runSetupScript(script, { cwd, env: job.env, signal: job.signal, onOutput: (text) => progress.log(text) });
  if (outcome.leftovers > 0) {
    progress.log(
      `\n[ChatML] The script left ${outcome.leftovers} ${outcome.leftovers === 1 ? "process" : "processes"} running in the background; ${outcome.leftovers === 1 ? "it was" : "they were"} stopped. Start servers and watchers in the session's terminal, where you can see and stop them.\n`,
    );
  }
  const usable = "its output is kept below and the session is usable.";
  switch (outcome.kind) {
    case "exited":
      if (outcome.code === 0) {
        progress.step("setup", "done", "exit code 0");
        return null;
      }
      progress.step("setup", "failed", `exit code ${outcome.code}`);
      return `The setup script failed (exit code ${outcome.code}); ${usable}`;
    case "killed":
      progress.step("setup", "failed", `killed by ${outcome.signal}`);
      return `The setup script was killed by ${outcome.signal}; ${usable}`;
    case "timed-out":
      progress.step("setup", "failed", `stopped after ${SCRIPT_TIMEOUT_MS / 60_000} minutes`);
      return `The setup script ran longer than ${SCRIPT_TIMEOUT_MS / 60_000} minutes and was stopped; ${usable}`;
    case "stopped":
      progress.step("setup", "failed", outcome.reason);
      return `The setup script did not finish (${outcome.reason}); ${usable}`;
  }
}
