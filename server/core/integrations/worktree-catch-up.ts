import type { SessionId } from "../../../shared/ids.ts";
import type { PullRequest, WorktreeCatchUp } from "../../../shared/protocol/integrations.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { fastForwardToOrigin, withRepoLock, type FastForwardResult } from "../../git/index.ts";
import type { EventBus } from "../event-bus.ts";
import type { SessionsPort } from "./ports.ts";

type Deps = { sessions: SessionsPort; bus: EventBus };

/**
 * Keeps a session's worktree up with its open PR's head on GitHub. "Update branch" (or a push from elsewhere) moved
 * the head to a commit the worktree lacked: the next commit or push from the workbench was rejected, and Claude worked
 * on the old code. A clean worktree whose branch the new head contains is fast-forwarded; otherwise the card says what
 * to do and offers to pull. Said per session on the card (live on every device) until the worktree has the head.
 */
export class WorktreeCatchUps {
  private readonly bySession = new Map<SessionId, WorktreeCatchUp>();
  /** One check per session at a time: a poll and an Update branch answered together would fetch twice. */
  private readonly running = new Map<SessionId, Promise<void>>();
  /** The failure last logged per session, so that a lasting one (offline) is logged once. */
  private readonly logged = new Map<SessionId, string>();
  /** Per session told to pull, the worktree's HEAD when last checked: checked again only once it moves. */
  private readonly headWhenTold = new Map<SessionId, string | null>();
  private stopping = new AbortController();

  constructor(private readonly deps: Deps) {}

  /** What the card says of the session's worktree against its PR, or null. */
  get(id: SessionId): WorktreeCatchUp | null {
    return this.bySession.get(id) ?? null;
  }

  /** Brings the worktree up to the PR's head when it can, and says so or what to do; never throws. */
  check(pr: PullRequest): Promise<void> {
    const id = pr.sessionId;
    const previous = this.running.get(id) ?? Promise.resolve();
    const next = previous.then(() => this.checkNow(pr));
    this.running.set(id, next);
    return next.finally(() => {
      if (this.running.get(id) === next) this.running.delete(id);
    });
  }

  /**
   * A session's git state was published: a worktree told to pull whose HEAD moved (a pull in the Git view or a
   * terminal) is checked again, so the card takes it back at once. Other publishes (a file edited) cost nothing.
   */
  noticeSession(session: Session, pr: PullRequest | null): void {
    if (!pr || this.get(session.id)?.status !== "needsPull") return;
    const head = session.git?.headSha ?? null;
    if (this.headWhenTold.get(session.id) === head) return;
    this.headWhenTold.set(session.id, head);
    void this.check(pr);
  }

  /**
   * The card's "Pull the branch": the workbench's pull (a merge of origin's copy; conflicts stop it for the Git view),
   * then the worktree checked against the PR again.
   */
  async pull(pr: PullRequest): Promise<WorktreeCatchUp | null> {
    await this.deps.sessions.pull(pr.sessionId);
    await this.check(pr);
    return this.get(pr.sessionId);
  }

  /** Checks no more, and a check under way publishes nothing (the database closes next). */
  stop(): void {
    this.stopping.abort();
  }

  /** Checks again after {@link stop}. */
  start(): void {
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
  }

  private async checkNow(pr: PullRequest): Promise<void> {
    const { signal } = this.stopping;
    if (signal.aborted) return;
    if (pr.state !== "open" && pr.state !== "draft") return this.set(pr.sessionId, null);
    let result: FastForwardResult;
    let headBefore: string | null;
    try {
      const session = this.deps.sessions.get(pr.sessionId);
      if (!session.branch || session.archivedAt !== null || session.setup?.status === "running") return;
      // Not under Claude while it works: it may have read the files a fast-forward would change, and write them back
      // stale. The poll after its turn checks again.
      if (this.deps.sessions.isWorking(pr.sessionId)) return;
      headBefore = session.git?.headSha ?? null;
      result = await withRepoLock(session.cwd, () => fastForwardToOrigin(session.cwd, pr.headRef, pr.headSha, { signal }));
      this.logged.delete(pr.sessionId);
    } catch (error) {
      if (!signal.aborted) this.logOnce(pr.sessionId, error);
      return;
    }
    if (signal.aborted) return;
    if (result.status === "fastForwarded") await this.deps.sessions.refreshGit(pr.sessionId).catch((error: unknown) => this.logOnce(pr.sessionId, error));
    this.headWhenTold.set(pr.sessionId, headBefore);
    this.set(pr.sessionId, catchUpOf(result, pr, this.get(pr.sessionId)));
  }

  private set(id: SessionId, catchUp: WorktreeCatchUp | null): void {
    const before = this.get(id);
    if (JSON.stringify(before) === JSON.stringify(catchUp)) return;
    if (catchUp) this.bySession.set(id, catchUp);
    else this.bySession.delete(id);
    this.deps.bus.publish({ kind: "entity", change: { kind: "pullRequestWorktree", sessionId: id, catchUp } });
  }

  private logOnce(id: SessionId, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.logged.get(id) === message) return;
    this.logged.set(id, message);
    console.warn(`[github] bringing ${id}'s worktree up to its pull request failed:`, message);
  }
}

/**
 * The card's words for a check's result. A worktree that has the head keeps "fast-forwarded" said for that head (a
 * second check finds nothing to do), and drops anything else.
 */
function catchUpOf(result: FastForwardResult, pr: PullRequest, before: WorktreeCatchUp | null): WorktreeCatchUp | null {
  const head = `${pr.headRef} on GitHub (${pr.headSha.slice(0, 7)})`;
  const needsPull = (message: string): WorktreeCatchUp => ({ status: "needsPull", headSha: pr.headSha, message });
  switch (result.status) {
    case "hasCommit":
      return before?.status === "fastForwarded" && before.headSha === pr.headSha ? before : null;
    case "otherBranch":
      return null;
    case "fastForwarded":
      return { status: "fastForwarded", headSha: pr.headSha, message: `Brought this session's worktree up to ${head}: Claude and the next push start from it.` };
    case "uncommitted":
      return needsPull(`${head} has commits this worktree lacks, and its uncommitted changes kept ChatML from bringing them in. Commit or stash them, then pull the branch.`);
    case "diverged":
      return needsPull(`${head} and this worktree each have commits the other lacks. Pull the branch to merge them, then push.`);
    case "stopped":
      return needsPull(`${head} has commits this worktree lacks, and a ${result.operation} is stopped here. Finish or abort it in the Git view, then pull the branch.`);
  }
}
