import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import { unavailableReason } from "../../../shared/api/permission-modes.ts";
import type { BudgetState } from "../../../shared/protocol/budgets.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Job, Run } from "../../../shared/protocol/jobs.ts";
import type { ConversationService } from "../conversations/conversation-service.ts";
import type { SessionService } from "../workspaces/session-service.ts";
import type { WorkspaceService } from "../workspaces/workspace-service.ts";
import type { JobsDeps } from "./jobs-context.ts";
import { messageOf } from "../../../shared/error-message.ts";
import { formatUsd } from "../../../shared/money.ts";
import { localTimeZone } from "../../scheduler/index.ts";
import { runTitleTime } from "../../../shared/run-title.ts";

/** The services a run is started through: the same ones a user's session uses. */
export type RunPorts = {
  sessions: Pick<SessionService, "create" | "whenReady" | "get" | "update">;
  workspaces: Pick<WorkspaceService, "createConversation">;
  conversations: Pick<ConversationService, "sendMessage" | "interrupt" | "stop">;
  budgets: RunBudgets;
};

/** The budgets room, as runs use it (wired in the composition root). */
export type RunBudgets = {
  /**
   * Gives a run's new conversation the job's own limits over its workspace's defaults (the CLI stops itself at the
   * cost; ChatML interrupts at the turns and names the limit). A null limit keeps the workspace's default.
   */
  limitRun(conversationId: ConversationId, limits: RunLimits): Promise<void>;
  /** The conversation's budget: its limits, what it spent, which limit is used up. */
  state(conversationId: ConversationId): BudgetState;
};

/** The limits a job sets on each of its runs; null: the workspace's default. */
export type RunLimits = { maxCostUsd: number | null; maxTurns: number | null };

/** The job's own limits, or null when it sets none (its runs take the workspace's defaults as they are). */
export function runLimitsOf(job: Job): RunLimits | null {
  const limits = { maxCostUsd: job.maxBudgetUsd, maxTurns: job.maxTurns ?? null };
  return limits.maxCostUsd === null && limits.maxTurns === null ? null : limits;
}

/** Which budget limit a run's conversation used up, in words; null while none is. */
export function budgetStopReason(state: BudgetState): string | null {
  const { limits, totals } = state;
  if (state.exhausted === "cost") return `the cost budget of ${formatUsd(limits.maxCostUsd ?? 0)} is used up (${formatUsd(totals.costUsd)} spent).`;
  // Worded to start as RUN_TURN_BUDGET_STOP_PREFIX says once prefixed: a run's screen tells a turn stop by it.
  if (state.exhausted === "turns") return `the turn budget of ${limits.maxTurns ?? 0} model ${limits.maxTurns === 1 ? "turn" : "turns"} is used up (${totals.turns} taken).`;
  return null;
}

/** A run could not be set up (workspace removed, base branch gone, setup failed): no retry helps. */
export class RunSetupError extends Error {
  constructor(
    message: string,
    /** The job can never run again as it is (its workspace is gone): pause it. */
    readonly shouldPauseJob = false,
  ) {
    super(message);
  }
}

/**
 * Gives a run its session and conversation: a new worktree session (mode `worktree`), the failed run's session for a
 * corrective run, or a new conversation in the job's fixed session. Setup problems become {@link RunSetupError}s.
 */
export async function prepareRunConversation(deps: JobsDeps, ports: RunPorts, job: Job, run: Run, previous: Run | null): Promise<{ sessionId: SessionId; conversationId: ConversationId }> {
  const workspace = deps.repos.workspaces.get(job.workspaceId);
  if (!workspace) throw new RunSetupError("The job's workspace was removed; the job is paused.", true);
  // A removed workspace keeps its row until restored, and its jobs wait for it (ADR 0101): only a run started as it
  // was removed gets here. That one fails; the job is not paused, so restoring brings it back as it was.
  if (workspace.archivedAt !== null) throw new RunSetupError(`The job's workspace ${workspace.name} was removed; the job runs again once it is restored.`, false);
  if (workspace.problem) throw new RunSetupError(`The job's workspace has a problem: ${workspace.problem}`);
  // A job saved in a mode this machine's Claude Code refuses (by an older build) would fail every fire the same way.
  const modeRefusal = unavailableReason(deps.unavailableModes ?? [], job.permissionMode);
  if (modeRefusal) throw new RunSetupError(`${modeRefusal} The job is paused: pick another permission mode, then resume it.`, true);
  const title = runTitle(job.name, run.trigger, deps.now(), jobClockZone(job.schedule));
  const reuse = run.trigger === "corrective" && previous?.sessionId ? previous.sessionId : job.mode === "session" ? job.sessionId : null;
  if (reuse) return { sessionId: reuse, conversationId: newConversationIn(deps, ports, reuse, title, job) };
  let created;
  try {
    created = await ports.sessions.create({ workspaceId: job.workspaceId, ...(job.baseBranch ? { baseBranch: job.baseBranch } : {}) }, { jobId: job.id });
  } catch (error) {
    const reason = messageOf(error);
    throw new RunSetupError(job.baseBranch && /branch|ref/i.test(reason) ? `The base branch "${job.baseBranch}" is gone: ${reason}` : `The run's session could not be created: ${reason}`);
  }
  const sessionId = created.session.id;
  ports.sessions.update(sessionId, { title: `Job: ${title}` });
  await ports.sessions.whenReady(sessionId);
  const session = ports.sessions.get(sessionId);
  if (session.setup?.status === "failed") throw new RunSetupError(`The run's worktree could not be set up: ${session.setup.error ?? "setup failed"}`);
  deps.repos.conversations.update(created.conversation.id, { title, model: job.model, effort: job.effort ?? null, permissionMode: job.permissionMode });
  return { sessionId, conversationId: created.conversation.id };
}

/**
 * A run's conversation title (its worktree session's is "Job: " and it): the job's name and when the run started, so
 * the runs of one job can be told apart in the sessions lists and on Home (they were all "Job: Check files"). The
 * time is on the job's own clock (its schedule's zone, else the server's), as its schedule is worded; a browser
 * showing the time beside it names it on the viewer's (ADR 0308). A catch-up run for fires missed says so. A
 * corrective run works in the failed run's session: "Fix: " and the name.
 * @example runTitle("Check files", "schedule", Date.UTC(2026, 4, 4, 7), "Europe/Berlin") // "Check files · 4 May, 09:00"
 */
export function runTitle(jobName: string, trigger: Run["trigger"], startedAt: number, timeZone: string): string {
  if (trigger === "corrective") return `Fix: ${jobName}`;
  return `${jobName}${trigger === "missed" ? " · catch-up" : ""} · ${runTitleTime(startedAt, timeZone)}`;
}

/** The zone whose clock a job keeps: a cron's, a day interval's; the server's for the rest (and days saved without one). */
export function jobClockZone(schedule: Job["schedule"]): string {
  if (schedule.kind === "cron") return schedule.timezone;
  return (schedule.kind === "interval" ? schedule.timezone : undefined) ?? localTimeZone();
}

function newConversationIn(deps: JobsDeps, ports: RunPorts, sessionId: SessionId, title: string, job: Job): ConversationId {
  const session = deps.repos.sessions.get(sessionId);
  if (!session) throw new RunSetupError("The job's session was deleted.", job.mode === "session");
  // The job's own session archived: every fire would fail the same way, so the job is paused (a corrective run's is not).
  const isJobsOwn = job.mode === "session" && job.sessionId === sessionId;
  if (session.archivedAt !== null) throw new RunSetupError(`The job's session is archived; unarchive it or pick another${isJobsOwn ? ", then resume the job" : ""}.`, isJobsOwn);
  try {
    return ports.workspaces.createConversation({ sessionId, title, permissionMode: job.permissionMode, ...(job.model ? { model: job.model } : {}), ...(job.effort ? { effort: job.effort } : {}) }, { jobId: job.id }).id;
  } catch (error) {
    if (error instanceof AppError) throw new RunSetupError(error.message);
    throw error;
  }
}

/** What a run says to Claude first. A corrective run gets the failed run's summary and error. */
export function runPrompt(job: Job, run: Run, previous: Run | null): string {
  if (run.trigger !== "corrective" || !previous) return job.prompt;
  return [
    `[chatml:corrective] A previous run of the scheduled job "${job.name}" failed. Find out why, fix it, and finish the job.`,
    `Error: ${previous.error ?? "unknown"}`,
    `Summary of the failed run: ${previous.summary ?? "none"}`,
    `The job's instructions were:\n<job>\n${job.prompt}\n</job>`,
  ].join("\n\n");
}
