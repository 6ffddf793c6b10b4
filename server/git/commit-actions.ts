import { accessSync, constants } from "node:fs";
import { isAbsolute, join } from "node:path";
import { AppError } from "../../shared/protocol/errors.ts";
import { readGit, runGit } from "./git.ts";
import { gitAction } from "./git-client.ts";
import { FIND_RENAMES } from "./renames.ts";

/** The hooks a `git commit` runs that can refuse it. */
const COMMIT_HOOKS = ["pre-commit", "prepare-commit-msg", "commit-msg"];

/** What a commit stopped by the user (its hook was still running) left: nothing committed, nothing lost. */
const COMMIT_CANCELLED = "The commit was stopped before it was made (a hook of the repository was still running). Nothing was committed; what is staged and your message are kept.";

/** Whether the index differs from HEAD (something is staged). */
export async function hasStagedChanges(cwd: string): Promise<boolean> {
  return (await runGit(cwd, ["diff", "--cached", "--quiet"])).code === 1;
}

/** Whether HEAD points at a commit (false in a repository without commits). */
export async function hasHeadCommit(cwd: string): Promise<boolean> {
  return (await runGit(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"])).code === 0;
}

/**
 * Commits the index with `message` (amending HEAD when asked) and answers the new commit's sha. The message is kept
 * as written, but for blank lines and spaces at its ends: lines starting with `#` (an issue number, a Markdown
 * heading) are text here, not comments as in git's editor. Aborting `signal` stops git and its hooks.
 */
export async function commitStaged(cwd: string, message: string, isAmend: boolean, signal?: AbortSignal): Promise<string> {
  const args = ["commit", "--quiet", "--cleanup=whitespace", ...(isAmend ? ["--amend"] : []), "-F", "-"];
  await gitAction(cwd, args, { stdin: message, signal }).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "cancelled") throw new AppError("cancelled", COMMIT_CANCELLED);
    throw error instanceof AppError && error.code === "conflict" ? await commitRefused(cwd, error) : error;
  });
  return (await gitAction(cwd, ["rev-parse", "HEAD"])).trim();
}

/** The message of HEAD (to prefill an amend). */
export async function headMessage(cwd: string): Promise<string> {
  return (await readGit(cwd, ["log", "-1", "--format=%B"])).trim();
}

/** What a commit message is drafted from: the staged diff, or every uncommitted change when nothing is staged. */
export async function diffForMessage(cwd: string, maxChars: number): Promise<{ stat: string; diff: string }> {
  const staged = await hasStagedChanges(cwd);
  const range = staged ? ["--cached"] : (await hasHeadCommit(cwd)) ? ["HEAD"] : ["--cached"];
  const [stat, diff] = await Promise.all([
    readGit(cwd, ["diff", "--no-color", "--stat", FIND_RENAMES, ...range]),
    readGit(cwd, ["diff", "--no-color", FIND_RENAMES, ...range]),
  ]);
  return { stat: stat.trim(), diff: diff.slice(0, maxChars) };
}

/**
 * A refused commit says so: a failing hook prints only its own output (a linter's complaints), which read alone do
 * not tell that nothing was committed, nor that a hook, not git, said no.
 */
async function commitRefused(cwd: string, error: AppError): Promise<AppError> {
  const hooks = (await Promise.all(COMMIT_HOOKS.map(async (name) => ((await isHook(cwd, name)) ? name : null)))).filter((name) => name !== null);
  const why = hooks.length > 0 ? `the repository's ${hooks.join(" / ")} hook refused it` : "git refused it";
  return new AppError("conflict", `Nothing was committed: ${why}. What is staged and your message are kept.\n${error.message}`, error.details);
}

/** Whether the hook is there to run, where the commit looks for it (`core.hooksPath` included, as `git commit` sees it). */
async function isHook(cwd: string, name: string): Promise<boolean> {
  try {
    const path = (await gitAction(cwd, ["rev-parse", "--git-path", `hooks/${name}`])).trim();
    accessSync(isAbsolute(path) ? path : join(cwd, path), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
