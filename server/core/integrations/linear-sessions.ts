import type { SessionId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { LinearHolder, LinearIssue, PullRequest } from "../../../shared/protocol/integrations.ts";
import type { Session, Workspace } from "../../../shared/protocol/model.ts";
import { branchExists, branchNameFrom } from "../../git/index.ts";
import type { LinearIssueFacts } from "../../integrations/linear/linear-api.ts";
import type { IntegrationRepo } from "../../persistence/integration-repo.ts";
import type { EventBus } from "../event-bus.ts";
import type { LinearConnectionService } from "./linear-connection.ts";
import { targetState, type LinearMilestone } from "./linear-status.ts";
import type { SessionsPort } from "./ports.ts";
import { sendWhenReady, type Started } from "./start-from-github.ts";

/** The active session an issue is linked to, and the workspace that session works in. */
type TakenBy = { sessionId: SessionId; name: string; workspaceId: WorkspaceId; workspaceName: string };

type Deps = {
  connection: LinearConnectionService;
  store: IntegrationRepo;
  sessions: SessionsPort;
  bus: EventBus;
  workspace(id: WorkspaceId): Promise<Workspace>;
};

/** Sessions and Linear issues: start a session from an issue, link one, and move the issue along with the session. */
export class LinearSessions {
  /** Per session, the read or move in flight: a read must not store a state older than a move that ran beside it. */
  private readonly inFlight = new Map<SessionId, Promise<unknown>>();
  /** Per session, how many times its link was stored: a poll answer older than a store is dropped. */
  private readonly saves = new Map<SessionId, number>();
  /** Starts under way, by workspace and branch. */
  private readonly starting = new Map<string, Promise<Started>>();
  /** Archived sessions whose archive was heard (see {@link onSessionPublished}). */
  private readonly archivedSeen = new Set<SessionId>();

  constructor(private readonly deps: Deps) {}

  /**
   * The branch is Linear's suggested branch name, tidied into one git takes (a team's format or a cut title can make
   * one git refuses, or one ending in `-`), else the issue's identifier; the issue becomes the first prompt. A second
   * start of the issue in the workspace while one is under way (Start tapped twice, or on two devices) answers the
   * same session: it made a second session on the same new branch, whose worktree failed.
   */
  async start(workspaceId: WorkspaceId, issueId: string): Promise<Started> {
    const workspace = await this.deps.workspace(workspaceId);
    if (!workspace.isGitRepo) throw new AppError("bad_request", `${workspace.path} is not a git repository; a Linear issue needs a branch.`);
    const issue = await (await this.deps.connection.client()).issue(issueId);
    const key = `${workspaceId} ${issue.id}`;
    const underWay = this.starting.get(key);
    if (underWay) return underWay;
    const starting = this.startOn(workspace, issue).finally(() => this.starting.delete(key));
    this.starting.set(key, starting);
    return starting;
  }

  /**
   * The active session each of these issues is linked to, by issue id, in any workspace (ADR 0134): a list offers
   * such an issue as taken, with a way to its session and the repository it works in, where it offered it to start a
   * second session on.
   */
  takenBy(issueIds: string[]): Map<string, TakenBy> {
    const wanted = new Set(issueIds);
    const active = new Map(this.deps.sessions.listActive().map((s) => [s.id, s]));
    const taken = new Map<string, TakenBy>();
    for (const { sessionId, issue } of this.deps.store.listLinearLinks()) {
      const session = active.get(sessionId);
      if (!session || !wanted.has(issue.id) || taken.has(issue.id)) continue;
      const workspaceName = this.deps.sessions.workspace(session).name;
      taken.set(issue.id, { sessionId, name: session.title ?? session.name, workspaceId: session.workspaceId, workspaceName });
    }
    return taken;
  }

  private async startOn(workspace: Workspace, issue: LinearIssueFacts): Promise<Started> {
    const workspaceId = workspace.id;
    const linked = this.takenBy([issue.id]).get(issue.id);
    if (linked) {
      // In another repository the user may well mean a second session: say where the first is, and the way to one.
      const elsewhere = linked.workspaceId === workspaceId ? "" : ` in ${linked.workspaceName}. To work on it in ${workspace.name} too, create a session here and link it to ${issue.identifier}`;
      throw new AppError("conflict", `${issue.identifier} has a session already: "${linked.name}"${elsewhere}.`, { sessionId: linked.sessionId, sessionName: linked.name });
    }
    const branch = await branchNameFrom(workspace.path, issue.branchName, issue.identifier.toLowerCase());
    const open = this.deps.sessions.listActive().find((s) => s.workspaceId === workspaceId && s.branch === branch);
    if (open) throw new AppError("conflict", `${issue.identifier} has a session already: "${open.title ?? open.name}" works on ${branch}.`, { sessionId: open.id, sessionName: open.title ?? open.name });
    const isExisting = await branchExists(workspace.path, branch);
    const started = await this.deps.sessions.create({ workspaceId, kind: isExisting ? "branch" : "worktree", branch });
    this.save(started.session.id, issue);
    const prompt = `${issue.identifier}: ${issue.title}\n\nWork on this Linear issue (${issue.url}).\n\n${issue.description}`.trim();
    sendWhenReady(this.deps.sessions, started, prompt);
    void this.advance(started.session.id, "started");
    return started;
  }

  get(sessionId: SessionId): LinearIssue | null {
    return this.deps.store.getLinearLink(sessionId);
  }

  /**
   * Links an existing session to an issue and, when auto status is on, moves it to where the session's road has got
   * to: In Review when its PR is open (linked after the PR was created, it read In Progress beside an open PR), Done
   * when it is merged and no other linked session holds the issue back, else In Progress.
   */
  async link(sessionId: SessionId, issueId: string): Promise<LinearIssue> {
    this.deps.sessions.get(sessionId);
    const issue = await (await this.deps.connection.client()).issue(issueId);
    const saved = this.save(sessionId, issue);
    await this.advance(sessionId, this.milestoneReached(sessionId));
    return this.get(sessionId) ?? saved;
  }

  /** The milestone a session has reached by its pull request's state. */
  private milestoneReached(sessionId: SessionId): LinearMilestone {
    const state = this.deps.store.getPullRequest(sessionId)?.state;
    if (state === "open" || state === "draft") return "inReview";
    return state === "merged" && !this.hasOtherUnmergedSession(sessionId) ? "done" : "started";
  }

  /** Unlinks the session's issue; a session that held the issue back from Done holds it no more (ADR 0140). */
  unlink(sessionId: SessionId): void {
    const issueId = this.get(sessionId)?.id;
    this.deps.store.deleteLinearLink(sessionId);
    this.deps.bus.publish({ kind: "entity", change: { kind: "linearLink", sessionId, issue: null } });
    if (issueId) void this.releaseHold(issueId, sessionId);
  }

  /**
   * Heard on every publish of a session: one archived no longer holds its issue back from Done (ADR 0140). Each
   * archive is handled once (a session is published again for its summary, its git state…), and again after an
   * unarchive.
   */
  onSessionPublished(session: Session): void {
    if (session.archivedAt === null) {
      this.archivedSeen.delete(session.id);
      return;
    }
    if (this.archivedSeen.has(session.id)) return;
    this.archivedSeen.add(session.id);
    const issueId = this.get(session.id)?.id;
    if (issueId) void this.releaseHold(issueId, session.id);
  }

  /**
   * A session leaving an issue (archived or unlinked) that may have held it back: when no other active session linked
   * to the issue is still without a merged pull request, and one of them (active or archived) was merged, the issue
   * moves to Done now, as that merge would have moved it.
   */
  private releaseHold(issueId: string, leaving: SessionId): Promise<void> {
    const links = this.deps.store.listLinearLinks().filter((l) => l.issue.id === issueId && l.sessionId !== leaving);
    const active = new Set(this.deps.sessions.listActive().map((s) => s.id));
    const isMerged = (id: SessionId) => this.deps.store.getPullRequest(id)?.state === "merged";
    if (links.some((l) => active.has(l.sessionId) && !isMerged(l.sessionId))) return Promise.resolve();
    const merged = links.find((l) => isMerged(l.sessionId));
    return merged ? this.advance(merged.sessionId, "done") : Promise.resolve();
  }

  /** Reads the linked issue again (its state may have moved in Linear). */
  refresh(sessionId: SessionId): Promise<LinearIssue | null> {
    return this.serial(sessionId, async () => {
      const link = this.get(sessionId);
      if (!link) return null;
      const issue = await (await this.deps.connection.client()).issue(link.id);
      return this.save(sessionId, issue);
    });
  }

  /**
   * Reads every active session's linked issue again in one request (states moved in Linear show on every device).
   * Answers how many links changed; quietly does nothing when Linear is not connected.
   */
  async pollLinks(signal?: AbortSignal): Promise<number> {
    if (!this.deps.connection.status().isConnected) return 0;
    const active = new Set(this.deps.sessions.listActive().map((s) => s.id));
    const links = this.deps.store.listLinearLinks().filter((l) => active.has(l.sessionId));
    if (links.length === 0) return 0;
    const savesBefore = new Map(links.map((l) => [l.sessionId, this.saves.get(l.sessionId) ?? 0]));
    const fresh = new Map((await (await this.deps.connection.client()).issuesById([...new Set(links.map((l) => l.issue.id))])).map((i) => [i.id, i]));
    // ChatML stopped while Linear answered: the database is closing, and the next start reads the issues again.
    if (signal?.aborted) return 0;
    let changed = 0;
    for (const { sessionId, issue } of links) {
      const next = fresh.get(issue.id);
      const isStale = this.inFlight.has(sessionId) || (this.saves.get(sessionId) ?? 0) !== savesBefore.get(sessionId);
      if (!next || isStale) continue;
      if (JSON.stringify(this.save(sessionId, next)) !== JSON.stringify(issue)) changed++;
    }
    return changed;
  }

  /**
   * In Review when the session's PR opens, Done when it is merged — unless another active session linked to the issue
   * (another repository's half of it, ADR 0134) has not had its PR merged yet, or has none yet (ADR 0140): the first
   * merge marked the issue Done.
   */
  onPullRequestChange(before: PullRequest | null, after: PullRequest): Promise<void> {
    const isOpen = (pr: PullRequest | null) => pr?.state === "open" || pr?.state === "draft";
    if (after.state === "merged" && before?.state !== "merged") {
      return this.hasOtherUnmergedSession(after.sessionId) ? Promise.resolve() : this.advance(after.sessionId, "done");
    }
    if (isOpen(after) && !isOpen(before)) return this.advance(after.sessionId, "inReview");
    return Promise.resolve();
  }

  /**
   * The sessions holding the issue back from the Done this session's merge would have moved it to (ADR 0140): none
   * unless the session's PR is merged, auto status is on and the issue is not done. Read for the panel to say why.
   */
  holders(sessionId: SessionId): LinearHolder[] {
    const issue = this.get(sessionId);
    if (!issue || issue.stateType === "completed" || !this.deps.connection.status().isAutoStatus) return [];
    if (this.deps.store.getPullRequest(sessionId)?.state !== "merged") return [];
    const active = new Map(this.deps.sessions.listActive().map((s) => [s.id, s]));
    return this.deps.store.listLinearLinks().flatMap(({ sessionId: other, issue: linked }): LinearHolder[] => {
      const session = active.get(other);
      const pr = this.deps.store.getPullRequest(other);
      if (other === sessionId || linked.id !== issue.id || !session || pr?.state === "merged") return [];
      const pullRequest = pr ? { number: pr.number, url: pr.url, state: pr.state as "open" | "draft" | "closed" } : null;
      return [{ sessionId: other, name: session.title ?? session.name, workspaceName: this.deps.sessions.workspace(session).name, pullRequest }];
    });
  }

  /** Whether another active session linked to this session's issue has no merged pull request (none yet, or unmerged). */
  private hasOtherUnmergedSession(sessionId: SessionId): boolean {
    const issueId = this.get(sessionId)?.id;
    if (!issueId) return false;
    const active = new Set(this.deps.sessions.listActive().map((s) => s.id));
    return this.deps.store.listLinearLinks().some(({ sessionId: other, issue }) => {
      if (other === sessionId || issue.id !== issueId || !active.has(other)) return false;
      return this.deps.store.getPullRequest(other)?.state !== "merged";
    });
  }

  /** Moves the linked issue forward when auto status is on; a failure is logged and changes nothing here. */
  advance(sessionId: SessionId, milestone: LinearMilestone): Promise<void> {
    return this.serial(sessionId, async () => {
      const link = this.get(sessionId);
      if (!link || !this.deps.connection.status().isAutoStatus) return;
      try {
        await this.moveLinked(sessionId, link.id, milestone);
      } catch (error) {
        console.warn(`[linear] moving ${link.identifier} (${milestone}) failed:`, error instanceof Error ? error.message : error);
      }
    });
  }

  /**
   * Moves the linked issue to its team's completed state because the user asked: with auto status off ChatML leaves
   * Linear alone, and the card offers this once the session's PR is merged (ADR 0297). A refusal is the user's to see.
   */
  markDone(sessionId: SessionId): Promise<LinearIssue> {
    return this.moveAsked(sessionId, "done");
  }

  /**
   * Moves the linked issue to its team's review state because the user asked, as the card offers while the session's
   * PR is open and the issue is not started yet (ADR 0306). A team without a review state gets its started state (In
   * Progress): the user asked for the issue to say work is under way, and not moving it at all read as a broken tap.
   */
  markInReview(sessionId: SessionId): Promise<LinearIssue> {
    return this.moveAsked(sessionId, "inReview");
  }

  private moveAsked(sessionId: SessionId, milestone: "inReview" | "done"): Promise<LinearIssue> {
    const link = this.get(sessionId);
    if (!link) throw new AppError("not_found", "This session is not linked to a Linear issue.");
    return this.serial(sessionId, () => this.moveLinked(sessionId, link.id, milestone, milestone === "inReview" ? "started" : null));
  }

  /**
   * Reads the issue, moves it to the milestone's state when that is forward (else to `fallback`'s, when given), and
   * stores what Linear answers.
   */
  private async moveLinked(sessionId: SessionId, issueId: string, milestone: LinearMilestone, fallback: LinearMilestone | null = null): Promise<LinearIssue> {
    const api = await this.deps.connection.client();
    const issue = await api.issue(issueId);
    const states = issue.teamId ? await api.states(issue.teamId) : [];
    const current = { id: issue.stateId, type: issue.stateType };
    const target = targetState(states, current, milestone) ?? (fallback && targetState(states, current, fallback));
    return this.save(sessionId, target ? await api.moveIssue(issue.id, target.id) : issue);
  }

  /** Runs `task` after the session's previous read or move has ended. */
  private serial<T>(sessionId: SessionId, task: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(sessionId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.inFlight.set(sessionId, next);
    void next.catch(() => undefined).then(() => {
      if (this.inFlight.get(sessionId) === next) this.inFlight.delete(sessionId);
    });
    return next;
  }

  private save(sessionId: SessionId, facts: LinearIssueFacts | LinearIssue): LinearIssue {
    const issue: LinearIssue = {
      id: facts.id,
      identifier: facts.identifier,
      title: facts.title,
      description: facts.description,
      url: facts.url,
      branchName: facts.branchName,
      stateName: facts.stateName,
      stateType: facts.stateType,
      teamKey: facts.teamKey,
    };
    const before = this.get(sessionId);
    this.deps.store.saveLinearLink(sessionId, issue);
    this.saves.set(sessionId, (this.saves.get(sessionId) ?? 0) + 1);
    if (JSON.stringify(before) !== JSON.stringify(issue)) this.deps.bus.publish({ kind: "entity", change: { kind: "linearLink", sessionId, issue } });
    return issue;
  }
}
