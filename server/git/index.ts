/** Git through argument arrays (never shell strings): refs, repositories, worktrees and status. */
export { git, gitError, runGit, type GitOptions, type GitResult } from "./git.ts";
export {
  assertSessionBranch,
  assertValidBranchName,
  branchExists,
  isMergedInto,
  isProtectedBranch,
  listBranches,
  PROTECTED_BRANCHES,
  refExists,
  resolveRef,
} from "./refs.ts";
export { behindRemote, configValue, currentBranch, detectDefaultBranch, fetchBranch, gitDirOf, hasOrigin, repoRoot } from "./repo.ts";
export { addWorktreeExistingBranch, addWorktreeNewBranch, deleteBranch, removeWorktree, uncommittedPaths } from "./worktree.ts";
export { diffAgainstBase, readGitStatus, type GitStatus } from "./status.ts";
