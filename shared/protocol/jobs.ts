import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, GoalId, JobId, RunId, SessionId, WorkspaceId } from "../ids.ts";
import { EffortLevel, PermissionMode } from "./model.ts";

/** When a job fires: once at a time, every N units, or a five-field cron expression read in an IANA time zone. */
export const ScheduleSpec = lazySchema(() => z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("once"), at: z.number() }),
  // Every N days keeps its time of day in `timezone` across clock changes (absent on jobs saved before: the server's zone).
  // `at` ("09:00", days only) is that time of day; without it, the time the job's timing was counted from (ADR 0131).
  z.object({
    kind: z.literal("interval"),
    every: z.number().int().min(1).max(100_000),
    unit: z.enum(["seconds", "minutes", "hours", "days"]),
    timezone: z.string().min(1).max(80).optional(),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time of day is written HH:MM, from 00:00 to 23:59.").optional(),
  }),
  z.object({ kind: z.literal("cron"), expression: z.string().trim().min(1).max(200), timezone: z.string().min(1).max(80) }),
]));
export type ScheduleSpec = z.infer<typeof ScheduleSpec>;

export const GoalStatus = lazySchema(() => z.enum(["active", "paused", "archived"]));
export type GoalStatus = z.infer<typeof GoalStatus>;
/** none: never planned; planning: the one-shot call runs; proposed: waits for review; approved: its jobs exist. */
export const PlanStatus = lazySchema(() => z.enum(["none", "planning", "proposed", "approved", "failed"]));
export type PlanStatus = z.infer<typeof PlanStatus>;
export const JobPriority = lazySchema(() => z.enum(["high", "normal", "low"]));
export type JobPriority = z.infer<typeof JobPriority>;

/** One job a plan proposes (editable before approval). */
export const PlannedJob = lazySchema(() => z.object({
  name: z.string().trim().min(1).max(120),
  prompt: z.string().trim().min(1).max(20_000),
  schedule: ScheduleSpec,
  priority: JobPriority.default("normal"),
}));
export type PlannedJob = z.infer<typeof PlannedJob>;

export const GoalPlan = lazySchema(() => z.object({
  status: PlanStatus,
  assessment: z.string(),
  jobs: z.array(PlannedJob),
  error: z.string().nullable(),
  /** What the user asked the last re-plan to change. */
  feedback: z.string().nullable(),
  approvedAt: z.number().nullable(),
}));
export type GoalPlan = z.infer<typeof GoalPlan>;

export const Goal = lazySchema(() => z.object({
  id: GoalId,
  workspaceId: WorkspaceId,
  title: z.string(),
  description: z.string(),
  status: GoalStatus,
  plan: GoalPlan,
  createdAt: z.number(),
  updatedAt: z.number(),
}));
export type Goal = z.infer<typeof Goal>;

/** worktree: every run gets a new worktree session; session: every run is a new conversation in one fixed session. */
export const JobMode = lazySchema(() => z.enum(["worktree", "session"]));
export type JobMode = z.infer<typeof JobMode>;
export const MissedPolicy = lazySchema(() => z.enum(["run_once", "skip"]));
export type MissedPolicy = z.infer<typeof MissedPolicy>;

export const Job = lazySchema(() => z.object({
  id: JobId,
  workspaceId: WorkspaceId,
  goalId: GoalId.nullable(),
  name: z.string(),
  prompt: z.string(),
  mode: JobMode,
  /** The fixed session (mode `session`). */
  sessionId: SessionId.nullable(),
  /** Base branch of each run's worktree (mode `worktree`); the workspace's default when null. */
  baseBranch: z.string().nullable(),
  model: z.string().nullable(),
  /** Each run's effort level (ADR 0301); null or absent (jobs saved before it): the CLI's default. */
  effort: EffortLevel.nullable().optional(),
  permissionMode: PermissionMode,
  maxBudgetUsd: z.number().nullable(),
  /** Model turns each run may take, over its workspace's default turn budget (absent on jobs saved before, ADR 0165). */
  maxTurns: z.number().int().positive().nullable().optional(),
  schedule: ScheduleSpec,
  missedPolicy: MissedPolicy,
  priority: JobPriority,
  timeoutMinutes: z.number(),
  maxRetries: z.number().int(),
  isCorrectiveEnabled: z.boolean(),
  isEnabled: z.boolean(),
  /** Why the scheduler paused it on its own (e.g. it exits at once every time); null otherwise. */
  pausedReason: z.string().nullable(),
  nextFireAt: z.number().nullable(),
  lastFireAt: z.number().nullable(),
  /**
   * Where its rhythm counts from: when its timing was last counted from now (created, schedule changed, resumed). Every
   * N days keeps this instant's time of day, also after a fire the spring gap moved (absent on jobs saved before it).
   */
  anchorAt: z.number().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
}));
export type Job = z.infer<typeof Job>;

/** waiting: the run waits for you (a permission or a question). */
export const RunStatus = lazySchema(() => z.enum(["queued", "running", "waiting", "succeeded", "failed", "timed_out", "cancelled"]));
export type RunStatus = z.infer<typeof RunStatus>;
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "timed_out", "cancelled"];
/** The start of the `error` of a run its budget stopped: the run's screen and conversation offer the job's budget. */
export const RUN_BUDGET_STOP_PREFIX = "Stopped by its budget: ";
/** The start of the `error` of a run its turn budget stopped: the job's own turn budget, else its workspace's default. */
export const RUN_TURN_BUDGET_STOP_PREFIX = `${RUN_BUDGET_STOP_PREFIX}the turn budget of `;
export const RunTrigger = lazySchema(() => z.enum(["schedule", "missed", "manual", "retry", "corrective"]));
export type RunTrigger = z.infer<typeof RunTrigger>;

export const Run = lazySchema(() => z.object({
  id: RunId,
  jobId: JobId,
  goalId: GoalId.nullable(),
  workspaceId: WorkspaceId,
  jobName: z.string(),
  trigger: RunTrigger,
  /** The fire this run belongs to (its schedule time, or when it was asked for). */
  scheduledFor: z.number(),
  priority: JobPriority,
  /** Retries made before this run for the same fire (0 for the first try). */
  retries: z.number().int(),
  status: RunStatus,
  sessionId: SessionId.nullable(),
  conversationId: ConversationId.nullable(),
  queuedAt: z.number(),
  /** A retry waits until then (backoff). */
  notBefore: z.number().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  deadlineAt: z.number().nullable(),
  interruptedAt: z.number().nullable(),
  error: z.string().nullable(),
  summary: z.string().nullable(),
  costUsd: z.number().nullable(),
  /** The run this one retries or corrects. */
  previousRunId: RunId.nullable(),
  /** ChatML stopped while it ran: its conversation can be resumed. */
  isResumable: z.boolean(),
}));
export type Run = z.infer<typeof Run>;

/** One line of a run's log (what the scheduler did with it). */
export const RunLogEntry = lazySchema(() => z.object({ at: z.number(), level: z.enum(["info", "warn", "error"]), text: z.string() }));
export type RunLogEntry = z.infer<typeof RunLogEntry>;
