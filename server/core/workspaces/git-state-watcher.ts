import { existsSync, watch, type FSWatcher } from "node:fs";
import type { SessionId } from "../../../shared/ids.ts";
import type { GitState, Session } from "../../../shared/protocol/model.ts";
import { refFilesOf } from "../../git/ref-files.ts";
import { gitDirOf } from "../../git/repo.ts";
import { commitsBeyond, readGitStatus } from "../../git/status.ts";
import { watchingWorktree } from "../../git/shared-snapshot.ts";
import { watchWorktree, type WorktreeWatch } from "../../git/worktree-watch.ts";
import { patchSession, type EntityDeps } from "../entity-context.ts";
import { folderGoneText } from "../session-folder.ts";

/** Changes in a burst (git writes index.lock, then renames it) are read once, this long after the last one. */
const DEBOUNCE_MS = 120;
/** Git dir entries whose change means HEAD, the branch, the staged state or a stopped rebase/merge moved. */
const GIT_FILES = new Set(["HEAD", "index", "ORIG_HEAD", "MERGE_HEAD", "rebase-merge", "rebase-apply"]);

/** Files changed in a burst (a build, a `git checkout`, Claude's edits) are announced once, this long after the last. */
const FILES_DEBOUNCE_MS = 250;

type Watch = {
  watchers: { close(): void }[];
  /** Says every change to the work tree's files and index to the turn snapshots shared with the refresh (ADR 0118). */
  shared: { changed(): void; stop(): void } | null;
  timer: ReturnType<typeof setTimeout> | null;
  filesTimer: ReturnType<typeof setTimeout> | null;
  running: Promise<void> | null;
  isDirty: boolean;
};

/**
 * Keeps each session's git state (branch, ahead/behind its base, changed files) current from filesystem watchers on
 * the worktree's git dir (HEAD, index), its refs and every folder git does not ignore (not node_modules); no polling. Also notices a worktree deleted by hand.
 */
export class GitStateWatcher {
  private readonly watches = new Map<SessionId, Watch>();
  /** Set at shutdown: a read still running then stores nothing (the database is about to close). */
  private isClosed = false;

  constructor(private readonly deps: EntityDeps) {}

  /**
   * Starts watching a session's folder (no-op for a session already watched) and reads its state once. A plain
   * folder is not watched: it is only checked for being gone.
   */
  async watch(session: Session): Promise<void> {
    // A start's watching goes on behind the server: once it stops, nothing new is watched.
    if (this.isClosed) return;
    if (!this.isInRepository(session)) return this.read(session.id);
    if (this.watches.has(session.id)) return this.refresh(session.id);
    const entry: Watch = { watchers: [], shared: null, timer: null, filesTimer: null, running: null, isDirty: false };
    this.watches.set(session.id, entry);
    const gitDir = existsSync(session.cwd) ? await gitDirOf(session.cwd) : null;
    if (!this.watches.has(session.id)) return;
    const onChange = (file: string | null) => {
      if (file !== null && !GIT_FILES.has(file)) return;
      entry.shared?.changed();
      this.schedule(session.id);
    };
    if (gitDir) entry.watchers.push(this.open(gitDir, onChange));
    if (existsSync(session.cwd)) {
      const onError = (error: Error) => console.warn(`[git] watcher in ${session.cwd} failed:`, error.message);
      let tree: WorktreeWatch | null = null;
      const onFileChange = () => {
        entry.shared?.changed();
        // A folder no longer watched raises no events: a snapshot could miss what changes there.
        if (tree && !tree.isWhole()) {
          entry.shared?.stop();
          entry.shared = null;
        }
        this.schedule(session.id);
        this.announceFiles(session.id);
      };
      const watching = await watchWorktree(session.cwd, onFileChange, onError);
      if (this.watches.get(session.id) !== entry) return watching.close(); // unwatched meanwhile
      tree = watching;
      entry.watchers.push(watching);
      if (gitDir && watching.isWhole()) entry.shared = watchingWorktree(session.cwd);
    }
    if (gitDir) await this.watchRefs(session, entry);
    await this.refresh(session.id);
  }

  /** Stops watching a session. */
  unwatch(id: SessionId): void {
    const entry = this.watches.get(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.filesTimer) clearTimeout(entry.filesTimer);
    entry.shared?.stop();
    for (const watcher of entry.watchers) watcher.close();
    this.watches.delete(id);
  }

  /** True once every watcher was stopped (server shutdown): nothing is watched any more. */
  get hasClosed(): boolean {
    return this.isClosed;
  }

  /** Stops every watcher (server shutdown). */
  closeAll(): void {
    this.isClosed = true;
    for (const id of [...this.watches.keys()]) this.unwatch(id);
  }

  /** Reads a session's state now (serialized per session) and publishes it when it changed. */
  async refresh(id: SessionId): Promise<void> {
    // A read already running may have started before the caller's change (a commit, a push): wait, then read again.
    const busy = this.watches.get(id)?.running;
    if (busy) await busy.catch(() => undefined);
    return this.readSerialized(id);
  }

  /** Reads now, or — when a read runs — marks the state dirty so one more read follows it (coalesces bursts). */
  private async readSerialized(id: SessionId): Promise<void> {
    const entry = this.watches.get(id);
    if (entry?.running) {
      entry.isDirty = true;
      return entry.running;
    }
    const running = this.read(id).finally(() => {
      if (!entry) return;
      entry.running = null;
      if (entry.isDirty) {
        entry.isDirty = false;
        this.schedule(id);
      }
    });
    if (entry) entry.running = running;
    return running;
  }

  /**
   * Reads a watched session's state soon: many conversations of one session ending turns together cost one read,
   * and sessions that are not watched (plain folders, archived ones) cost nothing.
   */
  scheduleRefresh(id: SessionId): void {
    this.schedule(id);
  }

  private schedule(id: SessionId): void {
    const entry = this.watches.get(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.readSerialized(id).catch((error: unknown) => console.warn(`[git] reading the state of ${id} failed:`, error instanceof Error ? error.message : error));
    }, DEBOUNCE_MS);
  }

  /**
   * Tells every device that files of the session changed on disk — by Claude, a terminal, another program — so an
   * open editor with no unsaved edits shows the new text, and the Files and Changes panels read again. ChatML's own
   * saves say so at once (FilesService); this is for every other writer.
   */
  private announceFiles(id: SessionId): void {
    const entry = this.watches.get(id);
    if (!entry) return;
    if (entry.filesTimer) clearTimeout(entry.filesTimer);
    entry.filesTimer = setTimeout(() => {
      entry.filesTimer = null;
      if (!this.isClosed) this.deps.bus.publish({ kind: "workbench", sessionId: id, topic: "files" });
    }, FILES_DEBOUNCE_MS);
  }

  /**
   * "Behind base" and "to push / to pull" stay live: the ref files (local and origin's, loose or packed) of the base
   * and of the session's own branch move when the base does, when a commit is amended outside ChatML (which touches
   * neither HEAD nor the index), and when a push or fetch updates origin's copy. So do the stashes, made or dropped
   * in a terminal.
   */
  private async watchRefs(session: Session, entry: Watch): Promise<void> {
    const branches = [session.baseBranch, session.branch].filter((name): name is string => Boolean(name));
    const files = await refFilesOf(session.cwd, branches);
    if (this.watches.get(session.id) !== entry) return;
    const namesByDir = new Map<string, Set<string>>();
    for (const file of files) namesByDir.set(file.dir, (namesByDir.get(file.dir) ?? new Set()).add(file.name).add(`${file.name}.lock`));
    for (const [dir, names] of namesByDir) {
      entry.watchers.push(this.open(dir, (changed) => (changed === null || names.has(changed) ? this.schedule(session.id) : undefined)));
    }
  }

  /** Whether the session's workspace is a repository as last detected (ADR 0117): a plain folder's is not read with git. */
  private isInRepository(session: Session): boolean {
    return this.deps.repos.workspaces.get(session.workspaceId)?.isGitRepo === true;
  }

  private open(path: string, onChange: (file: string | null) => void): FSWatcher {
    const watcher = watch(path, { persistent: false }, (_event, file) => onChange(file === null ? null : String(file)));
    watcher.on("error", (error) => console.warn(`[git] watcher on ${path} failed:`, error.message));
    return watcher;
  }

  /** The session's merged PR, with the commits HEAD has beyond it (ADR 0179); null without one, or when git cannot tell. */
  private async mergedPullRequest(session: Session): Promise<GitState["mergedPullRequest"]> {
    const pr = this.deps.repos.integrations.getMergedPullRequest(session.id);
    if (!pr || !session.baseBranch) return null;
    const unmergedCommits = await commitsBeyond(session.cwd, session.baseBranch, pr.headSha);
    return unmergedCommits === null ? null : { number: pr.number, baseRef: pr.baseRef, unmergedCommits };
  }

  private async read(id: SessionId): Promise<void> {
    const session = this.deps.repos.sessions.get(id);
    if (!session || session.setup?.status === "running") return;
    if (!existsSync(session.cwd)) {
      const problem = folderGoneText(session.cwd);
      if (session.problem !== problem) patchSession(this.deps, id, { problem, git: null }, true);
      return;
    }
    // Git in a plain folder fails command after command, or reads a repository above it that is not the session's.
    if (!this.isInRepository(session)) {
      if (session.git !== null) patchSession(this.deps, id, { git: null }, true);
      return;
    }
    const [status, mergedPullRequest] = await Promise.all([readGitStatus(session.cwd, session.baseBranch), this.mergedPullRequest(session)]);
    if (this.isClosed) return;
    const git: GitState = { ...status, mergedPullRequest, checkedAt: this.deps.now() };
    const current = this.deps.repos.sessions.get(id);
    if (!current) return;
    const isSame = current.git !== null && JSON.stringify({ ...current.git, checkedAt: 0 }) === JSON.stringify({ ...git, checkedAt: 0 });
    const problem = current.problem?.startsWith("The folder ") ? null : current.problem;
    if (!isSame || problem !== current.problem) patchSession(this.deps, id, { git, problem }, true);
  }
}
