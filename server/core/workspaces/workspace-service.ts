import { existsSync, realpathSync } from "node:fs";
import { basename } from "node:path";
import type { CreateConversationInput, CreateWorkspaceInput, StartInFolderInput, UpdateWorkspaceInput } from "../../../shared/api/inputs.ts";
import type { ConversationId, JobId, SessionId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { plural } from "../../../shared/plural.ts";
import { ownedPlans, type WorkspaceHoldings, type WorkspacePlans } from "../../../shared/workspace-holdings.ts";
import { messageOf } from "../../../shared/error-message.ts";
import type { ConfirmedPlans, PlansDeletion } from "../jobs/workspace-plans-deletion.ts";
import type { Conversation, Session, Workspace } from "../../../shared/protocol/model.ts";
import { assertValidBranchName, branchExists } from "../../git/refs.ts";
import { detectDefaultBranch } from "../../git/repo.ts";
import { repairWorktrees } from "../../git/worktree.ts";
import { ConversationCatalog, type SendFirstMessage } from "../conversations/conversation-catalog.ts";
import { refuseUnavailableMode, type UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import { publish, type EntityDeps } from "../entity-context.ts";
import { isRepoTop, requireDirectory, whyNotRepoTop, workspaceProblem } from "./workspace-health.ts";

/** What the workspace service needs beyond storage: ways to start and stop conversations' CLIs. */
export type WorkspaceServiceDeps = EntityDeps & {
  /** Modes Claude Code would refuse to start in here (ADR 0097): a new conversation in one is refused. */
  unavailableModes?: readonly UnavailablePermissionMode[];
  sendFirstMessage?: SendFirstMessage;
  stopConversations?: (ids: ConversationId[]) => Promise<void>;
  /** Starts watching a new session's git state (its changes, branch, ahead/behind) for every device. */
  watchGit?: (session: Session) => Promise<void>;
  /** The jobs room's side of deleting a history: its goals and jobs held, their runs stopped (ADR 0261). */
  prepareDeletingPlans?: (id: WorkspaceId, confirmed: ConfirmedPlans) => Promise<PlansDeletion>;
};

/** What the user confirmed deleting with a workspace's history: its conversations (counted), goals and jobs (by id). */
export type ConfirmedHistory = ConfirmedPlans & { conversations: number };

/** Workspaces (repositories or plain folders) and their settings, conversations, and the quick "start in a folder". */
export class WorkspaceService {
  private readonly conversations: ConversationCatalog;

  constructor(private readonly deps: WorkspaceServiceDeps) {
    this.conversations = new ConversationCatalog(deps);
  }

  listWorkspaces(): Workspace[] {
    return this.deps.repos.workspaces.list();
  }

  /** The workspace, or `not_found`. */
  get(id: WorkspaceId): Workspace {
    const workspace = this.deps.repos.workspaces.get(id);
    if (!workspace) throw new AppError("not_found", `Workspace ${id} does not exist.`);
    return workspace;
  }

  /** Adds a git repository (its top folder) as a workspace; `bad_request` for a folder that is not one. */
  async createWorkspace(input: CreateWorkspaceInput): Promise<Workspace> {
    const path = requireDirectory(input.path);
    if (!(await isRepoTop(path))) throw new AppError("bad_request", await whyNotRepoTop(path));
    return this.addWorkspace(path, input.name, true);
  }

  /**
   * A plain folder made a repository since it was added (`git init` there) is one from now on: its sessions get a
   * git state, its workspace worktree sessions (ADR 0117). One `git rev-parse` for a folder that is still plain.
   */
  async noticeRepository(id: WorkspaceId): Promise<Workspace> {
    const workspace = this.get(id);
    if (workspace.isGitRepo || !existsSync(workspace.path) || !(await isRepoTop(workspace.path))) return workspace;
    const updated = this.deps.repos.workspaces.update(id, { isGitRepo: true, defaultBranch: await detectDefaultBranch(workspace.path) });
    publish(this.deps.bus, { workspace: updated });
    return updated;
  }

  /** Changes a workspace's name, settings, or (after the repository moved) its path. */
  async updateWorkspace(id: WorkspaceId, input: UpdateWorkspaceInput): Promise<Workspace> {
    const current = this.get(id);
    const patch: Partial<Workspace> = { ...input };
    if (input.path !== undefined) {
      patch.path = requireDirectory(input.path);
      if (current.isGitRepo && !(await isRepoTop(patch.path))) throw new AppError("bad_request", `${patch.path} is not a git repository.`);
    }
    const path = patch.path ?? current.path;
    // A branch, not any revision: `main@{0}` or `HEAD~1` resolve to commits, yet every new session would then fail.
    if (input.defaultBranch) {
      await assertValidBranchName(path, input.defaultBranch);
      if (!(await branchExists(path, input.defaultBranch))) {
        throw new AppError("bad_request", `The branch "${input.defaultBranch}" does not exist in ${path}.`);
      }
    }
    const isPrefixChanged = input.branchPrefixMode !== undefined || input.branchPrefix !== undefined;
    if (current.isGitRepo && isPrefixChanged) await assertValidPrefix(path, input.branchPrefixMode ?? current.branchPrefixMode, input.branchPrefix ?? current.branchPrefix);
    if (input.envSets) patch.envSets = input.envSets;
    const updated = this.deps.repos.workspaces.update(id, patch);
    publish(this.deps.bus, { workspace: updated });
    if (patch.path !== undefined && patch.path !== current.path) await this.followMove(updated, current.path);
    return this.recheck(updated);
  }

  /** The repository moved: folder sessions follow it, and its worktrees are re-linked to its new `.git`. */
  private async followMove(workspace: Workspace, oldPath: string): Promise<void> {
    const sessions = this.deps.repos.sessions.list(workspace.id);
    for (const session of sessions.filter((s) => s.kind === "folder" && s.cwd === oldPath)) {
      publish(this.deps.bus, { session: this.deps.repos.sessions.update(session.id, { cwd: workspace.path }) });
    }
    const trees = sessions.flatMap((s) => (s.kind !== "folder" && s.worktreePath && existsSync(s.worktreePath) ? [s.worktreePath] : []));
    if (workspace.isGitRepo) await repairWorktrees(workspace.path, trees);
  }

  /** What removing the workspace would keep (or, for one that owns nothing, forget): what it owns, by kind. */
  holdings(id: WorkspaceId): WorkspaceHoldings {
    this.get(id);
    return this.deps.repos.workspaces.holdings(id);
  }

  /**
   * "Remove" as the user asks for it (never its folder). A workspace that owns anything at all is archived
   * ({@link archiveWorkspace}); one that owns nothing is forgotten, as it would only sit under "Removed workspaces"
   * keeping nothing. The server decides at the moment of removal (ADR 0248): a job or session made since the dialog
   * opened keeps the workspace. `isForgotten` tells which happened.
   */
  async removeWorkspace(id: WorkspaceId): Promise<{ workspace: Workspace; isForgotten: boolean }> {
    const workspace = this.get(id);
    if (this.deps.repos.workspaces.forgetIfEmpty(id)) {
      this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "workspace", id } });
      return { workspace, isForgotten: true };
    }
    return { workspace: await this.archiveWorkspace(id), isForgotten: false };
  }

  /**
   * Archives a workspace, keeping its history (never its folder): it leaves ChatML's lists, its running conversations
   * stop, and restoring it (or adding the same folder again) brings everything back.
   */
  async archiveWorkspace(id: WorkspaceId): Promise<Workspace> {
    const workspace = this.get(id);
    if (workspace.archivedAt !== null) return workspace;
    await this.stopLiveConversations(id);
    const archived = this.deps.repos.workspaces.update(id, { archivedAt: this.deps.now() });
    publish(this.deps.bus, { workspace: archived });
    return archived;
  }

  /** Brings an archived workspace back with all its sessions and conversations. */
  async restoreWorkspace(id: WorkspaceId): Promise<Workspace> {
    this.get(id);
    const restored = this.deps.repos.workspaces.update(id, { archivedAt: null });
    publish(this.deps.bus, { workspace: restored });
    return this.recheck(restored);
  }

  /** The workspace's goals and jobs by name (what deleting its history deletes with it). */
  plans(id: WorkspaceId): WorkspacePlans {
    this.get(id);
    return {
      goals: this.deps.repos.goals.list(id).sort((a, b) => a.createdAt - b.createdAt).map((g) => ({ id: g.id, title: g.title })),
      jobs: this.deps.repos.jobs.list({ workspaceId: id }).map((j) => ({ id: j.id, name: j.name })),
    };
  }

  /**
   * Deletes a workspace and its whole history (never its folder): with the goals and jobs the user confirmed, their
   * runs stopped first (ADR 0261). If what the user confirmed changed meanwhile, nothing is deleted. Refused while
   * worktree sessions exist, whose folders would otherwise be left behind unseen.
   */
  async deleteWorkspaceHistory(id: WorkspaceId, confirmed: ConfirmedHistory): Promise<void> {
    const workspace = this.get(id);
    refuseWorktrees(this.deps.repos.sessions.list(id));
    const holdings = this.deps.repos.workspaces.holdings(id);
    refuseStaleCount(holdings.conversations, confirmed.conversations);
    // Without the jobs room (a test's workspace kit) its goals and jobs could only be left pointing at nothing.
    if (!this.deps.prepareDeletingPlans && ownedPlans(holdings)) throw new AppError("conflict", `Its ${ownedPlans(holdings)} cannot be deleted here; nothing was deleted.`);
    const runConversations = () => this.deps.repos.workspaces.conversationsOfJobs(id, confirmed.jobIds);
    const runConversationsBefore = runConversations();
    const plans = await this.deps.prepareDeletingPlans?.(id, confirmed);
    try {
      await this.stopLiveConversations(id);
      this.deps.repos.workspaces.remove(id, () => {
        // Counted again where it is deleted: a conversation started while runs were stopped was never confirmed. One a
        // run of a confirmed job made as it was set up is confirmed with its job (it refused the deletion, ADR 0294).
        const added = runConversations() - runConversationsBefore;
        refuseStaleCount(this.deps.repos.workspaces.holdings(id).conversations - added, confirmed.conversations);
        // Its worktree would stay behind its deleted row: such a run's session refuses it as any worktree session does.
        refuseWorktrees(this.deps.repos.sessions.list(id));
        plans?.deleteRows();
      });
    } catch (error) {
      plans?.release();
      if (error instanceof AppError && error.code === "conflict") throw error;
      throw new AppError("internal", `Deleting the history of ${workspace.name} failed (${messageOf(error)}): nothing was deleted; work that was running stays stopped.`);
    }
    plans?.announce();
    plans?.release();
    this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "workspace", id } });
  }

  /** The workspace if its folder is fine; otherwise records the problem (for every device) and throws it. */
  async requireHealthy(id: WorkspaceId): Promise<Workspace> {
    const current = this.get(id);
    if (current.archivedAt !== null) throw new AppError("bad_request", `The workspace ${current.name} was removed (its history is kept). Restore it first.`);
    const workspace = await this.recheck(current);
    if (workspace.problem) throw new AppError("bad_request", workspace.problem);
    return workspace;
  }

  /** Re-checks every workspace's folder (on startup): a repository moved away shows up as a problem. */
  async checkAll(): Promise<void> {
    for (const workspace of this.listWorkspaces()) await this.recheck(workspace);
  }

  listSessions(workspaceId?: WorkspaceId): Session[] {
    return this.deps.repos.sessions.list(workspaceId);
  }

  listConversations(sessionId?: SessionId): Conversation[] {
    return this.conversations.list(sessionId);
  }

  getConversation(id: ConversationId): Conversation {
    return this.conversations.get(id);
  }

  createConversation(input: CreateConversationInput, options: { jobId?: JobId } = {}): Conversation {
    return this.conversations.create(input, options);
  }

  renameConversation(id: ConversationId, title: string): Conversation {
    return this.conversations.rename(id, title);
  }

  setConversationClosed(id: ConversationId, isClosed: boolean): Conversation {
    return this.conversations.setClosed(id, isClosed);
  }

  /** The shortest path to work: a folder in, a new conversation out (workspace and folder session reused when they exist). */
  async startInFolder(input: StartInFolderInput): Promise<{ workspace: Workspace; session: Session; conversation: Conversation }> {
    const path = requireDirectory(input.path);
    // Before the folder becomes a workspace: a refused mode leaves nothing behind.
    refuseUnavailableMode(this.deps.unavailableModes ?? [], input.permissionMode);
    const known = this.findByFolder(path);
    const workspace = known ? await this.restoreWorkspace(known.id) : await this.addWorkspace(path, undefined, await isRepoTop(path));
    const session = this.deps.repos.sessions.findDefaultForWorkspace(workspace.id) ?? this.createFolderSession(workspace);
    const conversation = this.createConversation({
      sessionId: session.id,
      title: input.title ?? `Conversation in ${workspace.name}`,
      model: input.model,
      permissionMode: input.permissionMode,
    });
    return { workspace, session, conversation };
  }

  private async stopLiveConversations(id: WorkspaceId): Promise<void> {
    const sessions = this.deps.repos.sessions.list(id);
    const live = sessions.flatMap((s) => this.deps.repos.conversations.list(s.id)).filter((c) => !["idle", "exited"].includes(c.status));
    if (live.length > 0) await this.deps.stopConversations?.(live.map((c) => c.id));
  }

  private createFolderSession(workspace: Workspace): Session {
    const session = this.deps.repos.sessions.create({ workspaceId: workspace.id, name: workspace.name, cwd: workspace.path, kind: "folder" });
    publish(this.deps.bus, { session });
    // A folder that is a repository shows its changes as a worktree session does; it was watched only from the next
    // restart on, so its header and Changes stayed as they were at its start. Behind the answer: watching a large
    // folder takes a while, and the watch is registered at once, so the first turn's end already refreshes it.
    if (workspace.isGitRepo) void this.deps.watchGit?.(session).catch((error: unknown) => console.warn(`[git] could not watch ${session.id}:`, error));
    return session;
  }

  private async addWorkspace(path: string, name: string | undefined, isGitRepo: boolean): Promise<Workspace> {
    const known = this.findByFolder(path);
    // Adding a removed workspace's folder again is how most users look for their old history: bring it back.
    if (known?.archivedAt) return this.restoreWorkspace(known.id);
    // Its id and name go with the refusal, so the form offers to open it rather than leaving a dead end.
    if (known) {
      const message = known.path === path ? `${path} is already a workspace.` : `${path} is already the workspace ${known.name} (${known.path}).`;
      throw new AppError("conflict", message, { workspaceId: known.id, workspaceName: known.name });
    }
    const defaultBranch = isGitRepo ? await detectDefaultBranch(path) : null;
    const workspace = this.deps.repos.workspaces.create({ path, name: name ?? (basename(path) || path), isGitRepo, defaultBranch });
    publish(this.deps.bus, { workspace });
    return workspace;
  }

  /** The workspace of this folder, however it is spelled: a symlink to a workspace's folder is that workspace. */
  private findByFolder(path: string): Workspace | null {
    const exact = this.deps.repos.workspaces.getByPath(path);
    if (exact) return exact;
    const real = realFolder(path);
    return real === null ? null : (this.listWorkspaces().find((w) => realFolder(w.path) === real) ?? null);
  }

  private async recheck(workspace: Workspace): Promise<Workspace> {
    const problem = await workspaceProblem(workspace);
    if (problem === workspace.problem) return workspace;
    const updated = this.deps.repos.workspaces.update(workspace.id, { problem });
    publish(this.deps.bus, { workspace: updated });
    return updated;
  }
}

/** `conflict` while the workspace has worktree sessions: deleting their rows would leave their folders unseen. */
function refuseWorktrees(sessions: readonly Session[]): void {
  const trees = sessions.filter((s) => s.kind !== "folder");
  if (trees.length > 0) throw new AppError("conflict", `Delete its ${plural(trees.length, "worktree session")} first (${trees.map((s) => s.name).join(", ")}).`);
}

/** `conflict` when the workspace has another number of conversations than the user confirmed deleting. */
function refuseStaleCount(conversations: number, confirmed: number): void {
  if (conversations !== confirmed) throw new AppError("conflict", `The workspace now has ${plural(conversations, "conversation")}, not ${confirmed}; nothing was deleted. Check and confirm again.`);
}

/** A custom branch prefix git accepts at the start of a branch name: else every new session would fail. */
async function assertValidPrefix(repo: string, mode: Workspace["branchPrefixMode"], prefix: string): Promise<void> {
  if (mode !== "custom" || !prefix.trim()) return;
  const sample = `${prefix.trim().replace(/\/+$/, "")}/session-name`;
  await assertValidBranchName(repo, sample).catch(() => {
    throw new AppError("bad_request", `The branch prefix "${prefix}" cannot begin a branch name (git refuses ${sample}): no spaces, "..", ~ ^ : ? * [ \\ or a leading "-".`);
  });
}

/** The folder's real path (symlinks resolved), or null when it cannot be read. */
function realFolder(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    // A workspace whose folder is gone matches nothing; its problem is reported on its own.
    return null;
  }
}
