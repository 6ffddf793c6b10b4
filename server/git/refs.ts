import { AppError } from "../../shared/protocol/errors.ts";
import { runGit } from "./git.ts";

/** Branches a session never uses as its own: work happens on a branch of its own, merged later. */
export const PROTECTED_BRANCHES: readonly string[] = ["main", "master", "develop"];

/**
 * Whether `name` (with or without `refs/heads/`) is a protected branch: the usual names, and the repository's own
 * default branch whatever it is called (`trunk`, `stable`…).
 */
export function isProtectedBranch(name: string, defaultBranch: string | null = null): boolean {
  const branch = name.replace(/^refs\/heads\//, "");
  return PROTECTED_BRANCHES.includes(branch) || (defaultBranch !== null && branch === defaultBranch.replace(/^origin\//, ""));
}

/** Checks that `name` is a valid branch name for git (`git check-ref-format --branch`); throws `bad_request` if not. */
export async function assertValidBranchName(cwd: string, name: string): Promise<void> {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a ref may not contain
  const looksOdd = name.startsWith("-") || /[\s~^:?*[\\\x00-\x1f\x7f]/.test(name);
  const result = looksOdd ? null : await runGit(cwd, ["check-ref-format", "--branch", name]);
  if (looksOdd || result?.code !== 0) {
    throw new AppError("bad_request", `"${name}" is not a valid branch name.`, { branch: name });
  }
}

/**
 * A branch name git accepts made from a suggested one (Linear's, which a team's branch format shapes, and which may
 * be cut at any length): characters git refuses become `-`, and each part between slashes loses the leading and
 * trailing dots and dashes git refuses or that a cut left behind (`ada/eng-1-fix-the-`). Empty when nothing is left.
 * @example tidyBranchName("ada/eng-1-fix the login..redirect-") // "ada/eng-1-fix-the-login.redirect"
 */
export function tidyBranchName(suggested: string): string {
  return (
    suggested
      // eslint-disable-next-line no-control-regex -- control characters are exactly what a ref may not contain
      .replace(/[\s~^:?*[\\\x00-\x1f\x7f]+|@\{/g, "-")
      .replace(/\.{2,}/g, ".")
      .split("/")
      .map((part) => part.replace(/^[.-]+|[.-]+$/g, "").replace(/(\.lock)+$/i, "").replace(/[.-]+$/, ""))
      .filter(Boolean)
      .join("/")
  );
}

/**
 * `suggested` tidied ({@link tidyBranchName}) when git accepts it as a branch, else `fallback` tidied (a name of
 * ChatML's own); throws `bad_request` when neither is one.
 */
export async function branchNameFrom(cwd: string, suggested: string, fallback: string): Promise<string> {
  for (const name of [tidyBranchName(suggested), tidyBranchName(fallback)]) {
    if (name && name !== "@" && (await runGit(cwd, ["check-ref-format", "--branch", name])).code === 0) return name;
  }
  throw new AppError("bad_request", `"${suggested}" is not a valid branch name.`, { branch: suggested });
}

/** Checks that `name` may be a session's own branch: valid and not protected (the repository's default included). */
export async function assertSessionBranch(cwd: string, name: string, defaultBranch: string | null = null): Promise<void> {
  await assertValidBranchName(cwd, name);
  if (isProtectedBranch(name, defaultBranch)) {
    throw new AppError("bad_request", `"${name}" is a protected branch; sessions work on a branch of their own.`, { branch: name });
  }
}

/** Whether a local branch exists. */
export async function branchExists(cwd: string, name: string): Promise<boolean> {
  return (await runGit(cwd, ["rev-parse", "--verify", "--quiet", `refs/heads/${name}`])).code === 0;
}

/** Whether a ref (branch, remote branch, sha) resolves to a commit. */
export async function refExists(cwd: string, ref: string): Promise<boolean> {
  return (await runGit(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).code === 0;
}

/** The commit a ref points at, or null. */
export async function resolveRef(cwd: string, ref: string): Promise<string | null> {
  const result = await runGit(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** Local branch names, sorted. */
export async function listBranches(cwd: string): Promise<string[]> {
  const result = await runGit(cwd, ["for-each-ref", "--format=%(refname:short)", "refs/heads"]);
  return result.code === 0 ? result.stdout.split("\n").filter(Boolean).sort() : [];
}

/** Branches on origin as last fetched (`refs/remotes/origin/*`, without `HEAD`), sorted. */
export async function listOriginBranches(cwd: string): Promise<string[]> {
  const result = await runGit(cwd, ["for-each-ref", "--format=%(refname)", "refs/remotes/origin"]);
  if (result.code !== 0) return [];
  return result.stdout
    .split("\n")
    .map((ref) => ref.replace(/^refs\/remotes\/origin\//, ""))
    .filter((name) => name && name !== "HEAD")
    .sort();
}

/** Whether `branch` is fully merged into `base` (its tip is an ancestor of base). */
export async function isMergedInto(cwd: string, branch: string, base: string): Promise<boolean> {
  return (await runGit(cwd, ["merge-base", "--is-ancestor", `refs/heads/${branch}`, base])).code === 0;
}

/** Whether HEAD is in the history of `base` (locally or on origin as last fetched): no commit of its own on top. */
export async function isHeadInBase(cwd: string, base: string): Promise<boolean> {
  for (const ref of [`refs/heads/${base}`, `refs/remotes/origin/${base}`]) {
    if ((await runGit(cwd, ["merge-base", "--is-ancestor", "HEAD", ref])).code === 0) return true;
  }
  return false;
}

/**
 * The newest of the local base branch and origin's copy of it: origin/base when it contains local base (the remote
 * moved), local base otherwise (someone committed to it here). A full ref name the caller may rebase onto or merge,
 * so that the merge message can name the branch, not a sha.
 */
export async function newestBase(cwd: string, base: string): Promise<string> {
  const localRef = `refs/heads/${base}`;
  const remoteRef = `refs/remotes/origin/${base}`;
  const local = await resolveRef(cwd, localRef);
  const remote = await resolveRef(cwd, remoteRef);
  if (!local && !remote) throw new AppError("not_found", `The base branch "${base}" exists neither here nor on origin.`, { base });
  if (!local) return remoteRef;
  if (!remote) return localRef;
  const isRemoteNewer = (await runGit(cwd, ["merge-base", "--is-ancestor", local, remote])).code === 0;
  return isRemoteNewer ? remoteRef : localRef;
}
