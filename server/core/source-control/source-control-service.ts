import type { GitCommitInput, GitHunkInput, GitIntegrateInput, GitPushInput, GitStashInput } from "../../../shared/api/git.ts";
import type { SessionId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { syncPointOf } from "../../../shared/git-sync-point.ts";
import type { GitChanges, GitCommitDetail, GitFileDiff, GitLog, GitOperation, GitOperationKind, GitStash, GitStashDetail } from "../../../shared/protocol/git.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import * as git from "../../git/index.ts";
import type { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { draftCommitMessage } from "./commit-drafter.ts";
import { OperationTracker, type OperationControls, type OperationOutcome } from "./operation-tracker.ts";
import { integrateResultOutcome, requireBranch, requireNoStoppedOperation, requireOwnHeadCommit, requirePushable } from "./preconditions.ts";
import { requireFolder, requireGitRepo } from "../session-folder.ts";

/** What the source-control service needs: sessions, a way to re-read their git state, the bus, the one-shot CLI. */
export type SourceControlDeps = {
  getSession: (id: SessionId) => Session;
  /** The session's workspace (null once it is gone): git work needs it to be a repository. */
  workspaceOf: (session: Session) => { path: string; isGitRepo: boolean } | null;
  /** Re-reads a session's git state and publishes it (so every device sees commits, pushes, conflicts). */
  refreshGit: (id: SessionId) => Promise<void>;
  bus: EventBus;
  now: () => number;
  oneShot: OneShot;
};

/**
 * Git actions on a session's work tree: stage/unstage/discard files or hunks, commit (with a drafted message), amend,
 * push, bring in the base (rebase or merge) with conflicts, continue/abort; long ones tracked with progress and cancel.
 * Every write holds the repository's lock (one git operation at a time per repository); after each, the session's git state is read again and published.
 */
export class SourceControlService {
  readonly operations: OperationTracker;

  constructor(private readonly deps: SourceControlDeps) {
    this.operations = new OperationTracker(deps);
  }

  /** Staged and unstaged files. */
  async changes(id: SessionId): Promise<GitChanges> {
    return git.listChanges(this.cwdOf(id));
  }

  /** One file's staged or unstaged diff, split into hunks; a rename's from `oldPath` (what changed besides the move). */
  async fileDiff(id: SessionId, path: string, isStaged: boolean, oldPath: string | null = null): Promise<GitFileDiff> {
    const cwd = this.cwdOf(id);
    const diff = await git.readFileDiff(cwd, path, isStaged, oldPath);
    const diffOldPath = diff.oldPath ?? null;
    // A binary file has no hunks to say what changed: its sides' sizes say it.
    const sizes = diff.isBinary ? await git.binarySideSizes(cwd, path, diffOldPath, isStaged) : null;
    return { path, oldPath: diffOldPath, isStaged, isBinary: diff.isBinary, hunks: diff.hunks, sizes, encoding: diff.encoding, isNew: diff.isNew === true };
  }

  stage(id: SessionId, paths: string[]): Promise<void> {
    return this.write(id, (cwd) => git.stagePaths(cwd, paths));
  }

  unstage(id: SessionId, paths: string[]): Promise<void> {
    return this.write(id, (cwd) => git.unstagePaths(cwd, paths));
  }

  /** "Stage all" / "Unstage all": every path, also those past the listed first 1,000 (or 1,000 paths of renames). */
  stageAll(id: SessionId): Promise<void> {
    return this.write(id, (cwd) => git.stageAll(cwd));
  }

  unstageAll(id: SessionId): Promise<void> {
    return this.write(id, (cwd) => git.unstageAll(cwd));
  }

  /** Throws away unstaged changes of these files (the browser asked the user first). */
  discard(id: SessionId, paths: string[]): Promise<void> {
    return this.write(id, (cwd) => git.discardPaths(cwd, paths));
  }

  hunk(id: SessionId, input: GitHunkInput): Promise<void> {
    return this.write(id, (cwd) => git.applyHunk(cwd, { path: input.path, oldPath: input.oldPath ?? null, index: input.index, header: input.header, lines: input.lines }, input.action));
  }

  /** The repository's stashes, newest first (every worktree of it shares them). */
  stashes(id: SessionId): Promise<GitStash[]> {
    return git.listStashes(this.cwdOf(id));
  }

  /** A stash's files and patch. */
  stashDetail(id: SessionId, sha: string): Promise<GitStashDetail> {
    return git.showStash(this.cwdOf(id), sha);
  }

  /** Puts the session's uncommitted changes aside as a stash. */
  stash(id: SessionId, input: GitStashInput): Promise<GitStash> {
    return this.write(id, (cwd) => git.pushStash(cwd, input));
  }

  /** Applies a stash to the session's work tree; `pop` drops it too when it applied cleanly. */
  applyStash(id: SessionId, sha: string, pop: boolean): Promise<void> {
    return this.write(id, (cwd) => git.applyStash(cwd, sha, pop));
  }

  /** Deletes a stash (the browser asked the user first). */
  dropStash(id: SessionId, sha: string): Promise<void> {
    return this.write(id, (cwd) => git.dropStash(cwd, sha));
  }

  /** A commit message drafted by Claude from the diff; nothing is committed. */
  async draftMessage(id: SessionId): Promise<string> {
    return draftCommitMessage(this.deps.oneShot, this.cwdOf(id));
  }

  /** The newest commits of the session's branch, marked as its own (ahead of its base) and pushed or not. */
  async history(id: SessionId, limit: number): Promise<GitLog> {
    return git.readHistory(this.cwdOf(id), limit, this.deps.getSession(id).baseBranch);
  }

  /** One commit in full: message, files and patch. */
  async commitDetail(id: SessionId, sha: string): Promise<GitCommitDetail> {
    return git.readCommit(this.cwdOf(id), sha);
  }

  /** The last commit's message (to prefill an amend). */
  async lastMessage(id: SessionId): Promise<string> {
    return git.headMessage(this.cwdOf(id));
  }

  /**
   * Commits what is staged (or amends the last commit); answers the new commit's sha. Tracked like a push: the
   * repository's hooks run inside it, and one that hangs held the repository's lock (every later git write of its
   * sessions waited) with nothing to stop it; now every device sees it running and can cancel it.
   */
  commit(id: SessionId, input: GitCommitInput): Promise<{ sha: string }> {
    return this.trackedWrite(
      id,
      "commit",
      async (cwd, controls) => {
        await requireNoStoppedOperation(cwd);
        await requireBranch(cwd, "commit");
        if (input.isAmend) await requireOwnHeadCommit(cwd, this.deps.getSession(id).baseBranch);
        if (!input.isAmend && !(await git.hasStagedChanges(cwd))) {
          throw new AppError("bad_request", "Nothing is staged to commit. Stage files or hunks first; your changes are untouched.");
        }
        return { sha: await git.commitStaged(cwd, input.message, input.isAmend, controls.signal) };
      },
      ({ sha }) => ({ status: "done", message: `${input.isAmend ? "Amended the last commit" : "Committed"} (${sha.slice(0, 7)}).` }),
    );
  }

  /**
   * Pushes the session's branch to origin, setting its upstream; `isForce` replaces a diverged origin copy with a lease
   * (refused if origin moved since this clone last saw it). Long: progress and cancel.
   */
  push(id: SessionId, input: GitPushInput = { isForce: false }): Promise<{ branch: string }> {
    return this.trackedWrite(
      id,
      "push",
      async (cwd, controls) => {
        const branch = await requirePushable(cwd, this.deps.getSession(id).baseBranch);
        await (input.isForce ? git.forcePushBranch(cwd, branch, controls) : git.pushBranch(cwd, branch, controls));
        return { branch };
      },
      ({ branch }) => ({ status: "done", message: input.isForce ? `Force-pushed ${branch} to origin (with lease).` : `Pushed ${branch} to origin.` }),
    );
  }

  /** Brings in the base (fetched from origin first when there is one) or the upstream, by rebase or merge. */
  integrate(id: SessionId, input: GitIntegrateInput): Promise<git.IntegrateResult> {
    const session = this.deps.getSession(id);
    const kind = input.from === "upstream" ? "pull" : input.mode;
    return this.trackedWrite(id, kind, async (cwd, controls) => {
      await requireNoStoppedOperation(cwd);
      const branch = await requireBranch(cwd, input.mode);
      const onto = await this.fetchTarget(cwd, session, branch, input.from, controls);
      return git.integrate(cwd, onto, input.mode, controls);
    }, integrateResultOutcome);
  }

  /**
   * Continues a rebase or merge that stopped on conflicts (after they are resolved and staged). Tracked, so its hooks
   * can be stopped: a merge's continue is the merge commit (shown and stopped as a commit, in the commit box), a
   * rebase's continues the rebase.
   */
  async continueOperation(id: SessionId): Promise<git.IntegrateResult> {
    const stopped = await git.stoppedOperation(this.cwdOf(id));
    // Nothing waits: git.continueOperation says so, a refusal rather than an operation that failed.
    if (!stopped) return this.write(id, (cwd) => git.continueOperation(cwd));
    return this.trackedWrite(id, stopped === "merge" ? "commit" : "rebase", (cwd, controls) => git.continueOperation(cwd, controls), integrateResultOutcome);
  }

  /** Abandons a stopped rebase or merge; the branch goes back to where it was. */
  abortOperation(id: SessionId): Promise<void> {
    return this.write(id, (cwd) => git.abortOperation(cwd));
  }

  /** Cancels the session's running push/pull/rebase/merge or commit. */
  cancel(id: SessionId): { isCancelled: boolean } {
    this.deps.getSession(id);
    return { isCancelled: this.operations.cancel(id) };
  }

  /** The running (or last) long operation of a session. */
  operation(id: SessionId): GitOperation | null {
    this.deps.getSession(id);
    return this.operations.current(id);
  }

  private async fetchTarget(cwd: string, session: Session, branch: string, from: "base" | "upstream", controls: git.GitActionOptions): Promise<string> {
    const name = from === "base" ? session.baseBranch : branch;
    if (!name) throw new AppError("bad_request", "This session has no base branch to bring in.");
    const hasOrigin = await git.hasOrigin(cwd);
    if (hasOrigin) await git.fetchOrigin(cwd, name, controls);
    if (from === "base") return git.newestBase(cwd, name);
    if (!hasOrigin) throw new AppError("bad_request", "This repository has no remote named origin to pull from.");
    return `refs/remotes/origin/${name}`;
  }

  /**
   * A long write (push, pull, rebase, merge) tracked with progress and cancel; when it fails, the failure is pinned to
   * the git state read after it, so devices drop it once the branch moves on (a pull, a push from a terminal).
   */
  private trackedWrite<T>(id: SessionId, kind: GitOperationKind, body: (cwd: string, controls: OperationControls) => Promise<T>, outcome: (result: T) => OperationOutcome): Promise<T> {
    // Refused at once, before any promise: a second push while one runs is an answer, not a failure to pin.
    this.operations.assertIdle(id);
    return this.write(id, (cwd) => this.operations.track(id, kind, (controls) => body(cwd, controls), outcome)).finally(() => this.pinFailure(id));
  }

  /** Pins the session's last failure (if any) to its git state as read now; a session deleted meanwhile has none. */
  private pinFailure(id: SessionId): void {
    let state: Session["git"];
    try {
      state = this.deps.getSession(id).git;
    } catch (error) {
      console.warn(`[git] session ${id} went away during a long operation:`, error instanceof Error ? error.message : error);
      return;
    }
    if (state) this.operations.pinFailure(id, syncPointOf(state));
  }

  /** Runs a write in the session's folder under the repository lock, then re-reads and publishes git state. */
  private async write<T>(id: SessionId, action: (cwd: string) => Promise<T>): Promise<T> {
    const cwd = this.cwdOf(id);
    try {
      return await git.withRepoLock(cwd, () => action(cwd));
    } finally {
      await this.deps.refreshGit(id).catch((error: unknown) => console.warn(`[git] refresh after an action on ${id} failed:`, error));
    }
  }

  private cwdOf(id: SessionId): string {
    const session = this.deps.getSession(id);
    requireFolder(session.cwd);
    requireGitRepo(this.deps.workspaceOf(session));
    if (session.setup?.status === "running") throw new AppError("conflict", "The session is still being set up.");
    return session.cwd;
  }
}
