import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CreateSessionInput, UpdateSessionInput } from "../../../shared/api/inputs.ts";
import type { JobId, SessionId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Conversation, Session, Workspace } from "../../../shared/protocol/model.ts";
import { assertValidBranchName, listBranches, listOriginBranches, refExists } from "../../git/refs.ts";
import { patchSession, publish, type EntityDeps } from "../entity-context.ts";
import { GitStateWatcher } from "./git-state-watcher.ts";
import type { PickOptions } from "./name-pool.ts";
import { cutShortSetup, initialSetup } from "./setup-progress.ts";
import { isOnOrigin, planSession, type SessionPlan } from "./session-plan.ts";
import type { WorkspaceService } from "./workspace-service.ts";
import { rerunSetupScript, runWorktreeSetup } from "./worktree-setup.ts";

/** What the session service needs beyond storage: where worktrees go, and the workspace service. */
export type SessionServiceDeps = EntityDeps & { dataDir: string; workspaces: WorkspaceService; pick?: PickOptions };

/** How many times a creation plans before giving up (other creations at the same time taking its picks). */
const PLAN_ATTEMPTS = 20;

/** Sessions: creation (worktree, branch, folder) with progress, metadata, live git state. */
export class SessionService {
  readonly git: GitStateWatcher;
  private readonly reserved = new Set<string>();
  /** Setups running now: when each ends, and how to stop its script. */
  private readonly setups = new Map<SessionId, { done: Promise<void>; controller: AbortController }>();

  constructor(private readonly deps: SessionServiceDeps) {
    this.git = new GitStateWatcher(deps);
  }

  /** Sessions, most recently used first; one workspace's when given. */
  list(workspaceId?: WorkspaceId): Session[] {
    return this.deps.repos.sessions.list(workspaceId);
  }

  /** The session, or `not_found`. */
  get(id: SessionId): Session {
    const session = this.deps.repos.sessions.get(id);
    if (!session) throw new AppError("not_found", `Session ${id} does not exist.`);
    return session;
  }

  /**
   * Checks the request, records the session with its first (task) conversation and answers at once; the worktree is
   * set up in the background with its progress on the session (`setup`). Bad names and branches throw here. A job's
   * run passes its `jobId`, which the session keeps (ADR 0064).
   */
  async create(input: CreateSessionInput, options: { jobId?: JobId } = {}): Promise<{ session: Session; conversation: Conversation }> {
    const workspace = await this.deps.workspaces.requireHealthy(input.workspaceId);
    const plan = await this.planFree(workspace, input);
    const envSet = input.envSet ?? null;
    if (envSet && !workspace.envSets[envSet]) throw new AppError("bad_request", `The workspace has no environment set "${envSet}".`);
    const session = this.deps.repos.sessions.create({
      workspaceId: workspace.id,
      ...plan,
      // A name the user gave sticks: the title generator names only sessions without a title (named from the pool).
      title: input.title ?? (input.name ? plan.name : null),
      priority: input.priority,
      taskStatus: input.taskStatus,
      envSet,
      jobId: options.jobId ?? null,
      setup: plan.kind === "folder" ? null : initialSetup(),
    });
    publish(this.deps.bus, { session });
    const conversation = this.deps.workspaces.createConversation({ sessionId: session.id, kind: "task", title: "Task" }, { jobId: options.jobId });
    if (plan.kind === "folder") this.watchIfGit(session, workspace).catch((error: unknown) => console.warn("[git] watch failed:", error));
    else this.startSetup(session, workspace);
    return { session, conversation };
  }

  /** Resolves when a session's background setup has finished (at once when there is none). For tests and shutdown. */
  whenReady(id: SessionId): Promise<void> {
    return this.setups.get(id)?.done ?? Promise.resolve();
  }

  /**
   * Resolves once the session's folder exists (its worktree step has ended), at once when it is not being made. A
   * message sent right after "Create session" waits here instead of failing on a folder that is not there yet; when
   * the setup ended without a folder, the message is refused with the setup's own reason.
   */
  async whenFolderReady(id: SessionId): Promise<void> {
    const running = this.setups.get(id);
    if (running && !hasFolderStep(this.get(id))) {
      await new Promise<void>((resolve) => {
        const unsubscribe = this.deps.bus.subscribe((message) => {
          if (message.kind === "entity" && message.change.kind === "session" && message.change.session.id === id && hasFolderStep(message.change.session)) end();
        });
        const end = () => (unsubscribe(), resolve());
        void running.done.then(end);
      });
    }
    const session = this.get(id);
    if (session.setup?.status === "failed" && !existsSync(session.cwd)) {
      throw new AppError("conflict", `${session.setup.error ?? "The worktree was never created."} Delete this session and create a new one.`);
    }
  }

  /**
   * Stops a session's running setup script and everything it started (or keeps it from starting while the worktree
   * is still being made); resolves when the setup has ended, at once when none runs. `reason` is shown on the step.
   */
  async stopSetup(id: SessionId, reason = "you stopped it"): Promise<void> {
    const running = this.setups.get(id);
    running?.controller.abort(reason);
    await running?.done;
  }

  /** Stops every running setup script (ChatML is stopping); resolves when they have ended. */
  async stopSetups(): Promise<void> {
    await Promise.all([...this.setups.keys()].map((id) => this.stopSetup(id, "ChatML stopped")));
  }

  /** Runs the workspace's setup script again in the session's worktree; refused while a setup runs. */
  async rerunSetup(id: SessionId): Promise<void> {
    const session = this.get(id);
    if (session.kind === "folder" || !session.setup) throw new AppError("bad_request", "Only worktree sessions have a setup to run again.");
    if (session.setup.status === "running") throw new AppError("conflict", "The setup is running already.");
    if (session.setup.status === "failed") throw new AppError("bad_request", "The worktree was never created; delete this session and create a new one.");
    const workspace = await this.deps.workspaces.requireHealthy(session.workspaceId);
    if (!workspace.setupScript) throw new AppError("bad_request", "The workspace has no setup script. Add one in the workspace's settings first.");
    // A setup that has published its end may still be finishing (it starts watching the session's git state).
    await this.whenReady(id);
    if (this.setups.has(id)) throw new AppError("conflict", "The setup is running already.");
    const current = this.get(id);
    const env = current.envSet ? (workspace.envSets[current.envSet] ?? {}) : {};
    this.track(id, "re-run", (signal) => rerunSetupScript(this.deps, { session: current, workspace, env, signal }));
  }

  /** Changes metadata: name, title, priority, task status, pin, env set. */
  update(id: SessionId, input: UpdateSessionInput): Session {
    const session = this.get(id);
    if (input.envSet) {
      const workspace = this.deps.workspaces.get(session.workspaceId);
      if (!workspace.envSets[input.envSet]) throw new AppError("bad_request", `The workspace has no environment set "${input.envSet}".`);
    }
    return patchSession(this.deps, id, input);
  }

  /**
   * Checks that `base` can be the session's base branch: a session on a branch, a valid name that is not its own
   * branch, existing here or on origin (fetched when not known yet). Changes nothing; throws `bad_request` otherwise.
   */
  async checkBaseBranch(id: SessionId, base: string): Promise<Session> {
    const session = this.get(id);
    if (!session.branch) throw new AppError("bad_request", "This session works in the workspace folder, not on a branch: it has no base branch to change.");
    const repo = this.deps.workspaces.get(session.workspaceId).path;
    await assertValidBranchName(repo, base);
    if (base === session.branch) throw new AppError("bad_request", `"${base}" is this session's own branch; pick the branch its work goes into.`);
    if (!(await refExists(repo, base)) && !(await isOnOrigin(repo, base))) {
      throw new AppError("bad_request", `The branch "${base}" does not exist, neither here nor on origin. Its base stays ${session.baseBranch ?? "unset"}.`);
    }
    return session;
  }

  /**
   * Makes `base` the branch the session's diff, "behind", PR base and fast-forward compare against (checked first),
   * and reads its git state against it at once; the watch moves to the new base's refs.
   */
  async changeBaseBranch(id: SessionId, base: string): Promise<Session> {
    await this.checkBaseBranch(id, base);
    const session = patchSession(this.deps, id, { baseBranch: base });
    this.git.unwatch(id);
    await this.git.watch(session);
    return this.get(id);
  }

  /** The branches a session can start on: local ones, and those only on origin (as last fetched). */
  async branches(workspaceId: WorkspaceId): Promise<{ branches: string[]; originOnly: string[] }> {
    const workspace = await this.deps.workspaces.requireHealthy(workspaceId);
    if (!workspace.isGitRepo) return { branches: [], originOnly: [] };
    const local = await listBranches(workspace.path);
    return { branches: local, originOnly: (await listOriginBranches(workspace.path)).filter((b) => !local.includes(b)) };
  }

  /**
   * Reads a session's git state now (also notices a folder deleted by hand). A plain folder is looked at again: made a
   * repository since (`git init`), its workspace is one from now on and the session is watched; otherwise it is not.
   */
  async refreshGit(id: SessionId): Promise<Session> {
    const session = this.get(id);
    await this.deps.workspaces.noticeRepository(session.workspaceId);
    await this.git.watch(session);
    return this.get(id);
  }

  /**
   * After a restart: a setup the stop cut short is ended at once (usable when its worktree was made, else failed);
   * every live session in a git repository is then watched again in the background (`watched` settles when all are),
   * so the server need not wait for it.
   */
  resume(): { watched: Promise<void> } {
    const live = this.deps.repos.sessions.list().filter((session) => session.archivedAt === null);
    for (const session of live) {
      if (session.setup?.status === "running") patchSession(this.deps, session.id, { setup: cutShortSetup(session.setup, existsSync(session.cwd)) }, true);
    }
    // Watching costs a few git processes per session (~140 ms each here): with 100 sessions a start that waited for it
    // listened after 14 s. The server listens first; the sessions are watched one by one behind it, the most recently
    // active first, and a session asked for meanwhile reads its state when asked.
    const watched = (async () => {
      for (const session of live.sort((a, b) => b.updatedAt - a.updatedAt)) {
        // The server stopped meanwhile (its database closes next): the rest is not watched.
        if (this.git.hasClosed) return;
        try {
          const workspace = this.deps.repos.workspaces.get(session.workspaceId);
          const current = this.deps.repos.sessions.get(session.id);
          if (workspace && current) await this.watchIfGit(current, workspace);
        } catch (error) {
          console.warn(`[git] could not watch ${session.id}:`, error);
        }
      }
    })();
    return { watched };
  }

  /** Starts watching a session's git state when it runs in a repository. */
  async watchIfGit(session: Session, workspace: Workspace): Promise<void> {
    if (workspace.isGitRepo && session.archivedAt === null) await this.git.watch(session);
  }

  /** Plans; when a parallel creation took the same name meanwhile, plans again (or refuses a name the user chose). */
  private async planFree(workspace: Workspace, input: CreateSessionInput): Promise<SessionPlan> {
    const ctx = { repos: this.deps.repos, worktreesDir: join(this.deps.dataDir, "workspaces"), reserved: this.reserved, pick: this.deps.pick };
    // Each plan after the first means another creation took the pool's pick meanwhile: six at once from one pick took
    // six plans for the last of them, and five refused it with "the session name "" is taken".
    for (let attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
      const plan = await planSession(ctx, workspace, input);
      // Checked again here, with nothing awaited before the session is stored: two creates at once (a double tap) both
      // passed the plan's checks, and the second worktree failed on the branch the first had just made.
      // A name (and so branch) the pool picked is simply picked again; one the user chose is refused.
      const isBranchTaken = plan.branch !== null && plan.kind !== "folder" && this.deps.repos.sessions.list(workspace.id).some((s) => s.branch === plan.branch && s.kind !== "folder");
      if (isBranchTaken && (input.name || input.branch)) throw new AppError("conflict", `Another session already works on "${plan.branch}".`);
      const isTaken = isBranchTaken || (plan.kind !== "folder" && (this.reserved.has(plan.name) || this.deps.repos.sessions.list().some((s) => s.name === plan.name && s.kind !== "folder")));
      if (!isTaken) return plan;
      if (input.name) break;
    }
    if (input.name) throw new AppError("conflict", `The session name "${input.name}" is taken.`);
    throw new AppError("conflict", `Other sessions created at the same time took every name picked for this one; give the session a name.`);
  }

  private startSetup(session: Session, workspace: Workspace): void {
    this.reserved.add(session.name);
    const env = session.envSet ? (workspace.envSets[session.envSet] ?? {}) : {};
    this.track(session.id, "setup", async (signal) => {
      try {
        await runWorktreeSetup(this.deps, { session, workspace, env, signal });
        const current = this.deps.repos.sessions.get(session.id);
        if (current && current.setup?.status !== "failed") await this.git.watch(current);
      } finally {
        this.reserved.delete(session.name);
      }
    });
  }

  /** Runs a setup in the background, stoppable through {@link stopSetup}, and known to {@link whenReady} until it ends. */
  private track(id: SessionId, what: string, run: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const done = run(controller.signal)
      .catch((error: unknown) => console.error(`[sessions] ${what} of ${id} failed:`, error))
      .finally(() => this.setups.delete(id));
    this.setups.set(id, { done, controller });
  }
}

/** Whether a session's worktree step has ended (or it has no setup): its folder exists from then on, unless it failed. */
function hasFolderStep(session: Session): boolean {
  const worktree = session.setup?.steps.find((step) => step.name === "worktree");
  return session.setup?.status !== "running" || worktree === undefined || (worktree.status !== "pending" && worktree.status !== "running");
}
