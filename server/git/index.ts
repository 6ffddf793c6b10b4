/** Git through argument arrays (never shell strings): refs, repositories, worktrees and status. */
export { git, gitError, readGit, runGit, type GitOptions, type GitResult } from "./git.ts";
export { repoLockKey, withRepoLock } from "./repo-lock.ts";
export {
  assertSessionBranch,
  assertValidBranchName,
  branchExists,
  branchNameFrom,
  isHeadInBase,
  isMergedInto,
  isProtectedBranch,
  listBranches,
  listOriginBranches,
  newestBase,
  PROTECTED_BRANCHES,
  refExists,
  resolveRef,
} from "./refs.ts";
export { behindRemote, configValue, currentBranch, detectDefaultBranch, fetchBranch, gitDirOf, hasOrigin, repoRoot, topGitDirOf } from "./repo.ts";
export {
  addWorktreeExistingBranch,
  addWorktreeNewBranch,
  checkoutSubmodules,
  deleteBranch,
  hasSubmodules,
  removeWorktree,
  repairWorktrees,
  trackOriginBranch,
  uncommittedPaths,
} from "./worktree.ts";
export { commitsBeyond, diffAgainstBase, readGitStatus, type GitStatus } from "./status.ts";
export { gitAction, gitClient, gitMessage, toGitError, type GitActionOptions, type GitProgress } from "./git-client.ts";
export { noPromptsEnv, withGitHint } from "./no-prompts.ts";
export { hunkPatch, parseFileDiff, type DiffHunk, type FileDiff } from "./hunks.ts";
export { applyHunk, discardPaths, readFileDiff, stageAll, stagePaths, unstageAll, unstagePaths, type HunkAction, type HunkRef } from "./index-actions.ts";
export { binarySideSizes, type SideSizes } from "./binary-sizes.ts";
export { commitStaged, diffForMessage, hasHeadCommit, hasStagedChanges, headMessage } from "./commit-actions.ts";
export { conflictedPaths, stoppedOperation, upstreamState, type StoppedOperation } from "./operation-state.ts";
export { fastForwardToOrigin, type FastForwardResult } from "./fast-forward.ts";
export { abortOperation, continueOperation, fetchOrigin, forcePushBranch, integrate, pushBranch, type IntegrateResult } from "./remote-actions.ts";
export { refFilesOf, type RefFile } from "./ref-files.ts";
export { listChanges } from "./changes-list.ts";
export { readCommit, readHistory } from "./history.ts";
export { applyStash, dropStash, listStashes, pushStash, showStash } from "./stash.ts";
