import { readGit, runGit } from "./git.ts";
import { gitAction } from "./git-client.ts";

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
 * heading) are text here, not comments as in git's editor.
 */
export async function commitStaged(cwd: string, message: string, isAmend: boolean): Promise<string> {
  await gitAction(cwd, ["commit", "--quiet", "--cleanup=whitespace", ...(isAmend ? ["--amend"] : []), "-F", "-"], { stdin: message });
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
    readGit(cwd, ["diff", "--no-color", "--stat", ...range]),
    readGit(cwd, ["diff", "--no-color", ...range]),
  ]);
  return { stat: stat.trim(), diff: diff.slice(0, maxChars) };
}
