import type { GitChangeEntry, GitCommitDetail, GitLog } from "../../shared/protocol/git.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import { readGit, runGit } from "./git.ts";
import { newestBase } from "./refs.ts";
import { countsWithRenames, FIND_RENAMES, foldRenames } from "./renames.ts";
import { EMPTY_TREE } from "./worktree-tree.ts";

/** A commit's patch past this many characters is cut (the files list still names every file). */
const MAX_PATCH_CHARS = 200_000;
/** How far back "ahead of base" and "pushed" are worked out; older commits are on both in any real branch. */
const MAX_COMPARED = 10_000;
const FIELD = "\x1f";
const RECORD = "\x1e";

/**
 * The newest `limit` commits from HEAD, each marked ahead of the session's base (its own work) and pushed or not
 * (null in a repository without remotes). A repository with no commits has an empty history.
 * @example const { commits } = await readHistory(cwd, 50, "main");
 */
export async function readHistory(cwd: string, limit: number, base: string | null): Promise<GitLog> {
  if ((await runGit(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"])).code !== 0) return { commits: [], hasMore: false };
  const [listed, ahead, unpushed] = await Promise.all([
    readGit(cwd, ["log", `--max-count=${limit + 1}`, `--format=%H${FIELD}%s${FIELD}%an${FIELD}%at${RECORD}`, "HEAD", "--"]),
    base ? newestBase(cwd, base).then((from) => commitsOnlyIn(cwd, [from]), () => null) : Promise.resolve(null),
    unpushedCommits(cwd),
  ]);
  const commits = listed
    .split(RECORD)
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = "", subject = "", author = "", at = "0"] = record.split(FIELD);
      return { sha, subject, author, authoredAt: Number(at) * 1000, isAhead: ahead?.has(sha) ?? false, isPushed: unpushed ? !unpushed.has(sha) : null };
    });
  return { commits: commits.slice(0, limit), hasMore: commits.length > limit };
}

/**
 * Commits not pushed: not on the branch's upstream, or — before its first push — on no remote branch at all. Null
 * for a repository without remotes, where "pushed" means nothing.
 */
async function unpushedCommits(cwd: string): Promise<Set<string> | null> {
  const upstream = await runGit(cwd, ["rev-parse", "--verify", "--quiet", "@{upstream}"]);
  if (upstream.code === 0) return commitsOnlyIn(cwd, [upstream.stdout.trim()]);
  const remotes = await runGit(cwd, ["remote"]);
  return remotes.code === 0 && remotes.stdout.trim() ? commitsOnlyIn(cwd, ["--remotes"]) : null;
}

/** Commits reachable from HEAD but from none of `others` (refs, or `--remotes`). */
async function commitsOnlyIn(cwd: string, others: string[]): Promise<Set<string>> {
  const listed = await runGit(cwd, ["rev-list", `--max-count=${MAX_COMPARED}`, "HEAD", "--not", ...others, "--"]);
  return new Set(listed.code === 0 ? listed.stdout.split("\n").filter(Boolean) : []);
}

/**
 * One commit: its message, every file it changed with +/- counts, and its patch (a merge against its first parent); a
 * rename is one file in both, old → new with its edits.
 */
export async function readCommit(cwd: string, sha: string): Promise<GitCommitDetail> {
  const resolved = await runGit(cwd, ["rev-parse", "--verify", "--quiet", `${sha}^{commit}`]);
  if (resolved.code !== 0) throw new AppError("not_found", `No commit ${sha} in this repository.`, { sha });
  const commit = resolved.stdout.trim();
  const parents = (await readGit(cwd, ["rev-list", "--parents", "--max-count=1", commit, "--"])).trim().split(" ").slice(1);
  const range = [parents[0] ?? EMPTY_TREE, commit];
  const [message, numstat, names, patch, detected] = await Promise.all([
    readGit(cwd, ["log", "-1", "--format=%B", commit, "--"]),
    readGit(cwd, ["diff", "--numstat", "-z", "--no-renames", ...range, "--"]),
    readGit(cwd, ["diff", "--name-status", "-z", "--no-renames", ...range, "--"]),
    readGit(cwd, ["diff", "--no-color", FIND_RENAMES, ...range, "--"]),
    countsWithRenames(cwd, [...range, "--"]),
  ]);
  // A file the commit renamed is one file (R), as in the Git panel's lists.
  const files = foldRenames(changedFiles(numstat, names), detected.renames, (gone, added) => gone.status === "D" && added.status === "A");
  return { sha: commit, message: message.trim(), files, patch: patch.slice(0, MAX_PATCH_CHARS), isPatchTruncated: patch.length > MAX_PATCH_CHARS };
}

/** Joins `--numstat -z` ("add\tdel\tpath\0", "-\t-\tpath" for binary) with `--name-status -z` ("M\0path\0"). */
function changedFiles(numstat: string, names: string): GitChangeEntry[] {
  const statusOf = new Map<string, string>();
  const fields = names.split("\0");
  for (let i = 0; i + 1 < fields.length; i += 2) statusOf.set(fields[i + 1] ?? "", (fields[i] ?? "M").slice(0, 1));
  return numstat
    .split("\0")
    .filter(Boolean)
    .map((entry) => {
      const [add = "0", del = "0", ...path] = entry.split("\t");
      const file = path.join("\t");
      const isBinary = add === "-";
      return { path: file, status: statusOf.get(file) ?? "M", oldPath: null, additions: isBinary ? 0 : Number(add), deletions: isBinary ? 0 : Number(del), isBinary };
    });
}
