import type { SessionId } from "../../../shared/ids.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { EventBus } from "../event-bus.ts";
import type { GithubConnectionService } from "./github-connection.ts";
import type { SessionsPort } from "./ports.ts";
import type { PullRequestService } from "./pull-request-service.ts";
import type { WorktreeCatchUps } from "./worktree-catch-up.ts";

/** How often sessions are checked; a low rate limit stretches both. */
export type PollIntervals = { withoutPr: number; withOpenPr: number };
export const DEFAULT_POLL_INTERVALS: PollIntervals = { withoutPr: 30_000, withOpenPr: 120_000 };
/** Below this share of the hourly limit, polls slow down until the limit resets. */
const LOW_LIMIT_SHARE = 0.1;
const SLOWDOWN = 4;
/**
 * How soon an open PR whose mergeability GitHub is still working out (`mergeable: null`, `unknown`: a new PR, a push
 * to it or its base) is read again: GitHub takes seconds, and the card said "Checking mergeability" until the next
 * open-PR poll, 2 minutes on.
 */
const WHILE_MERGEABILITY_UNKNOWN = 10_000;

type Deps = { connection: GithubConnectionService; pullRequests: PullRequestService; sessions: SessionsPort; now: () => number; intervals?: PollIntervals; bus?: EventBus; worktrees?: WorktreeCatchUps };

/**
 * Keeps sessions' pull requests current: sessions without a PR, or with a closed one, about every 30 s (one may be
 * opened elsewhere), with an open PR about every 2 minutes. GETs are conditional (ETags), so an unchanged answer costs
 * no rate limit; a low limit stretches the intervals. Timers run only after {@link start}; tests call {@link tick}.
 */
export class PullRequestPoller {
  private readonly nextAt = new Map<SessionId, number>();
  /** Checks of each session that failed in a row (GitHub down or rate limited, a workspace without a GitHub remote). */
  private readonly failures = new Map<SessionId, number>();
  /**
   * Per session, what the user must fix before its PR can be read (the token cannot see the repository): it was only
   * logged, and the card said "No pull request yet" and offered to create one that could only fail.
   */
  private readonly problems = new Map<SessionId, string>();
  /**
   * Per session, the failure last logged: a lasting one (a repository the token cannot see, GitHub out of reach) was
   * logged on every poll, every 30 s, though the card already says it. Logged again when it changes or clears.
   */
  private readonly logged = new Map<SessionId, string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private isTicking = false;
  /**
   * Aborted by {@link stop}: a check waiting on GitHub then stores nothing and the tick goes no further, since the
   * database closes right after (it logged "Cannot use a closed database"). The next start polls again.
   */
  private stopping = new AbortController();

  constructor(private readonly deps: Deps) {}

  private get intervals(): PollIntervals {
    return this.deps.intervals ?? DEFAULT_POLL_INTERVALS;
  }

  start(): void {
    if (this.timer) return;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    const every = Math.max(1000, Math.min(this.intervals.withoutPr, this.intervals.withOpenPr) / 3);
    this.timer = setInterval(() => void this.tick(), every);
  }

  /** Stops polling, and what a check still waiting on GitHub would store. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
  }

  /** Checks every session that is due now; answers how many were checked. */
  async tick(): Promise<number> {
    if (this.isTicking || !this.deps.connection.status().isConnected) return 0;
    this.isTicking = true;
    try {
      let checked = 0;
      const { signal } = this.stopping;
      for (const session of signal.aborted ? [] : this.deps.sessions.listActive()) {
        if (signal.aborted) break;
        if (!session.branch || (this.nextAt.get(session.id) ?? 0) > this.deps.now()) continue;
        await this.check(session.id, signal);
        checked++;
      }
      return checked;
    } finally {
      this.isTicking = false;
    }
  }

  private async check(id: SessionId, signal: AbortSignal): Promise<void> {
    let interval: number | null;
    try {
      const pr = await this.deps.pullRequests.refresh(id, signal);
      // A closed PR may be followed by a new one for the branch, opened on github.com: looked for as for none.
      interval = !pr || pr.state === "closed" ? this.intervals.withoutPr : pr.state === "open" || pr.state === "draft" ? this.openInterval(pr) : null;
      this.failures.delete(id);
      this.setProblem(id, null);
      this.logRecovery(id);
      // Also when nothing changed: after a restart, the worktree is checked against the head it may have missed.
      if (pr && (pr.state === "open" || pr.state === "draft")) await this.deps.worktrees?.check(pr);
    } catch (error) {
      if (signal.aborted) return;
      this.setProblem(id, userMustFix(error));
      this.logFailure(id, error);
      // A brief outage must not leave checks and reviews stale for long, and a lasting one (or a workspace without a
      // GitHub remote) must not be asked about often: from the no-PR interval, twice as long after each failure in a
      // row, at most five open-PR intervals.
      const failures = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, failures);
      interval = Math.min(this.intervals.withoutPr * 2 ** (failures - 1), this.intervals.withOpenPr * 5);
    }
    // A merged PR is final: it is read again when someone opens it.
    this.nextAt.set(id, interval === null ? Number.POSITIVE_INFINITY : this.deps.now() + interval * this.slowdown());
  }

  private logFailure(id: SessionId, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.logged.get(id) === message) return;
    this.logged.set(id, message);
    console.warn(`[github] polling ${id} failed (said again only when this changes or clears):`, message);
  }

  private logRecovery(id: SessionId): void {
    if (!this.logged.delete(id)) return;
    console.info(`[github] polling ${id} works again.`);
  }

  private openInterval(pr: PullRequest): number {
    const isComputing = pr.isMergeable === null || pr.mergeableState === "unknown";
    return isComputing ? Math.min(WHILE_MERGEABILITY_UNKNOWN, this.intervals.withOpenPr) : this.intervals.withOpenPr;
  }

  private slowdown(): number {
    const limit = this.deps.connection.rateLimit();
    if (!limit || limit.limit === 0) return 1;
    return limit.remaining < limit.limit * LOW_LIMIT_SHARE && limit.resetAt > this.deps.now() ? SLOWDOWN : 1;
  }

  /** What the user must fix before the session's PR can be read, or null. */
  problem(id: SessionId): string | null {
    return this.problems.get(id) ?? null;
  }

  private setProblem(id: SessionId, problem: string | null): void {
    if ((this.problems.get(id) ?? null) === problem) return;
    if (problem) this.problems.set(id, problem);
    else this.problems.delete(id);
    this.deps.bus?.publish({ kind: "entity", change: { kind: "pullRequestProblem", sessionId: id, problem } });
  }

  /** Checks a session at the next tick (after a push or a PR created here). */
  wake(id: SessionId): void {
    this.nextAt.delete(id);
  }
}

/** A failure only the user can fix (the token cannot see the repository), in words; null for one that passes (GitHub down). */
function userMustFix(error: unknown): string | null {
  const reason = error instanceof AppError ? (error.details as { reason?: unknown } | undefined)?.reason : null;
  return reason === "repo_not_visible" ? (error as AppError).message : null;
}
