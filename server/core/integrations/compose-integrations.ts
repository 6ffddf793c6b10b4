import type { WorkspaceId } from "../../../shared/ids.ts";
import type { IntegrationService } from "../../../shared/protocol/frames.ts";
import type { PullRequest, WorkspaceIntegrationSettings } from "../../../shared/protocol/integrations.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import type { Db } from "../../persistence/db.ts";
import { IntegrationRepo } from "../../persistence/integration-repo.ts";
import type { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { CiService } from "./ci-service.ts";
import { PullRequestFeedback } from "./pr-feedback.ts";
import { GithubConnectionService } from "./github-connection.ts";
import { LinearConnectionService } from "./linear-connection.ts";
import { LinearSessions } from "./linear-sessions.ts";
import type { Notify, SessionsPort } from "./ports.ts";
import { PullRequestPoller, type PollIntervals } from "./pr-poller.ts";
import { PullRequestService } from "./pull-request-service.ts";
import { SecretStore } from "./secret-store.ts";
import { StartFromGithub } from "./start-from-github.ts";
import { WorktreeCatchUps } from "./worktree-catch-up.ts";
import { MergeBaseAsks } from "./merge-base-asks.ts";

export type IntegrationDeps = {
  dataDir: string;
  db: Db;
  bus: EventBus;
  now: () => number;
  oneShot: OneShot;
  sessions: SessionsPort;
  workspace(id: WorkspaceId): Promise<Workspace>;
  notify: Notify;
  /** The `gh` CLI for importing its token. */
  ghBin?: string;
  /** Linear's GraphQL endpoint (tests point it at a fake); Linear's own when absent. */
  linearApiUrl?: string;
  /** How often linked Linear issues are read again (default 2 minutes; tests call `linearSessions.pollLinks()`). */
  linearPollMs?: number;
  /** null: no polling timers (tests drive {@link PullRequestPoller.tick}). */
  pollIntervals: PollIntervals | null;
};

/** Linked Linear issues are read again this often (one request for all of them). */
const LINEAR_POLL_MS = 120_000;

/** GitHub (and Linear) wired for the composition root. */
export type Integrations = ReturnType<typeof composeIntegrations>;

/** Builds the integrations room: GitHub (connection, PRs, CI, polling, start from GitHub), Linear, per-workspace settings. */
export function composeIntegrations(deps: IntegrationDeps) {
  const secrets = new SecretStore(deps.dataDir);
  const store = new IntegrationRepo(deps.db, deps.now);
  const changed = (service: IntegrationService) => () => deps.bus.publish({ kind: "integrations", service });
  const github = new GithubConnectionService({ secrets, ghBin: deps.ghBin ?? "gh", onChange: changed("github") });
  const linear = new LinearConnectionService({ secrets, apiUrl: deps.linearApiUrl, onChange: changed("linear") });
  const linearSessions = new LinearSessions({ connection: linear, store, sessions: deps.sessions, bus: deps.bus, workspace: deps.workspace });
  const worktrees = new WorktreeCatchUps({ sessions: deps.sessions, bus: deps.bus });
  deps.bus.subscribe((message) => {
    if (message.kind !== "entity" || message.change.kind !== "session") return;
    const { session } = message.change;
    linearSessions.onSessionPublished(session);
    if (worktrees.get(session.id)) worktrees.noticeSession(session, store.getPullRequest(session.id));
  });
  const pullRequests = new PullRequestService({
    connection: github,
    store,
    sessions: deps.sessions,
    bus: deps.bus,
    oneShot: deps.oneShot,
    now: deps.now,
    onChange: (before, after) => {
      void onPullRequestChange(deps, store, before, after);
      if (after.headSha !== before?.headSha || after.state !== before?.state) void worktrees.check(after);
      void readMergedWorkAgain(deps, store, before, after);
      void linearSessions.onPullRequestChange(before, after);
    },
  });
  const poller = new PullRequestPoller({ connection: github, pullRequests, sessions: deps.sessions, now: deps.now, intervals: deps.pollIntervals ?? undefined, bus: deps.bus, worktrees });
  const ci = new CiService({ pullRequests, sessions: deps.sessions });
  const feedback = new PullRequestFeedback({ pullRequests, sessions: deps.sessions, now: deps.now });
  const mergeBaseAsks = new MergeBaseAsks({ pullRequests, sessions: deps.sessions });
  deps.bus.subscribe((message) => message.kind === "event" && mergeBaseAsks.onEvent(message.conversationId, message.sequenced.event));
  const startFromGithub = new StartFromGithub({ connection: github, pullRequests, sessions: deps.sessions, workspace: deps.workspace });
  const workspaceSettings = {
    get: (id: WorkspaceId): WorkspaceIntegrationSettings => ({ archiveOnMerge: store.isArchiveOnMerge(id) }),
    set: (id: WorkspaceId, input: WorkspaceIntegrationSettings): WorkspaceIntegrationSettings => {
      store.setArchiveOnMerge(id, input.archiveOnMerge);
      return { archiveOnMerge: store.isArchiveOnMerge(id) };
    },
  };
  let linearTimer: ReturnType<typeof setInterval> | null = null;
  let linearStopping = new AbortController();
  const pollLinear = () => {
    const { signal } = linearStopping;
    void linearSessions.pollLinks(signal).catch((error: unknown) => {
      if (!signal.aborted) console.warn("[linear] reading linked issues failed:", error instanceof Error ? error.message : error);
    });
  };
  return {
    secrets,
    github,
    pullRequests,
    poller,
    worktrees,
    ci,
    feedback,
    startFromGithub,
    workspaceSettings,
    linear,
    linearSessions,
    /** Open issues of a workspace's GitHub repository matching `query`. */
    searchIssues: async (workspaceId: WorkspaceId, query: string) => (await github.repoApi((await deps.workspace(workspaceId)).path)).searchIssues(query),
    start: () => {
      mergeBaseAsks.endAbandoned();
      void github.refresh();
      void linear.refresh();
      worktrees.start();
      if (deps.pollIntervals) poller.start();
      if (linearStopping.signal.aborted) linearStopping = new AbortController();
      if (deps.pollIntervals && !linearTimer) linearTimer = setInterval(pollLinear, deps.linearPollMs ?? LINEAR_POLL_MS);
    },
    /** Stops polling GitHub and Linear; a poll still waiting on either stores nothing (the database closes next). */
    stop: () => {
      poller.stop();
      worktrees.stop();
      linearStopping.abort();
      if (linearTimer) clearInterval(linearTimer);
      linearTimer = null;
    },
  };
}

/**
 * The git state says a merged PR's work is merged (ADR 0179): it is read again once the PR merges, or a merged PR's head
 * moves. Not for a session archive on merge is about to archive, nor an archived one: reading would watch its folder
 * again. A failure (the session deleted meanwhile) is logged.
 */
async function readMergedWorkAgain(deps: IntegrationDeps, store: IntegrationRepo, before: PullRequest | null, after: PullRequest): Promise<void> {
  const isMergedNow = after.state === "merged" && before?.state !== "merged";
  const isMovedOrUnmerged = before?.state === "merged" && (after.state !== "merged" || after.headSha !== before.headSha);
  if (!(isMergedNow || isMovedOrUnmerged) || (isMergedNow && store.isArchiveOnMerge(after.workspaceId))) return;
  try {
    if (deps.sessions.get(after.sessionId).archivedAt === null) await deps.sessions.refreshGit(after.sessionId);
  } catch (error) {
    console.warn(`[github] reading ${after.sessionId}'s git state again failed:`, error instanceof Error ? error.message : error);
  }
}

/** Archive on merge, and a push when a PR is merged or its checks start failing. */
async function onPullRequestChange(deps: IntegrationDeps, store: IntegrationRepo, before: PullRequest | null, after: PullRequest): Promise<void> {
  const url = `/#/s/${after.sessionId}`;
  const base = { tag: `chatml-pr-${after.sessionId}`, url, conversationId: deps.sessions.taskConversation(after.sessionId) ?? "" };
  try {
    if (after.state === "merged" && before?.state !== "merged") {
      await deps.notify({ ...base, title: `#${after.number} merged`, body: after.title });
      if (store.isArchiveOnMerge(after.workspaceId) && deps.sessions.get(after.sessionId).archivedAt === null) await deps.sessions.archive(after.sessionId);
    } else if (after.checkSummary === "failing" && before?.checkSummary !== "failing") {
      const failed = after.checks.filter((c) => c.conclusion === "failure").map((c) => c.name);
      await deps.notify({ ...base, title: `Checks failed on #${after.number}`, body: `${failed.join(", ")} — ${after.title}`.slice(0, 200) });
    }
  } catch (error) {
    console.warn(`[github] reacting to #${after.number} failed:`, error instanceof Error ? error.message : error);
  }
}
