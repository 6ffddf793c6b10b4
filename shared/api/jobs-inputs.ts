import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, GoalId, JobId, RunId, SessionId, WorkspaceId } from "../ids.ts";
import { GoalStatus, JobMode, JobPriority, MissedPolicy, PlannedJob, ScheduleSpec } from "../protocol/jobs.ts";
import { EffortLevel, PermissionMode } from "../protocol/model.ts";

export const GoalIdParam = lazySchema(() => z.object({ id: GoalId }));
export const JobIdParam = lazySchema(() => z.object({ id: JobId }));
export const RunIdParam = lazySchema(() => z.object({ id: RunId }));

export const CreateGoalInput = lazySchema(() => z.object({
  workspaceId: WorkspaceId,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(20_000).default(""),
  /** Ask for a plan right away (default). */
  shouldPlan: z.boolean().default(true),
  /** The user's IANA time zone (cron schedules the planner proposes use it). */
  timezone: z.string().min(1).max(80).optional(),
}));
export type CreateGoalInput = z.infer<typeof CreateGoalInput>;

export const UpdateGoalInput = lazySchema(() => z.object({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(20_000).optional(),
  /** Pausing a goal pauses its jobs; archiving also stops them for good. */
  status: GoalStatus.optional(),
}));
export type UpdateGoalInput = z.infer<typeof UpdateGoalInput>;

/** Re-plan from the goal, optionally saying what to change. */
export const PlanGoalInput = lazySchema(() => z.object({ feedback: z.string().trim().max(5_000).optional(), timezone: z.string().min(1).max(80).optional() }));
export type PlanGoalInput = z.infer<typeof PlanGoalInput>;

/** The reviewed plan: the jobs as the user edited them (removed, changed, added). */
export const ApprovePlanInput = lazySchema(() => z.object({ jobs: z.array(PlannedJob).min(1).max(20), options: z.lazy(() => JobOptions).optional() }));
export type ApprovePlanInput = z.infer<typeof ApprovePlanInput>;

/** Everything about a job besides its name, prompt and schedule (no defaults: updates change only what they name). */
const jobOptionFields = {
  mode: JobMode,
  sessionId: SessionId.nullable(),
  baseBranch: z.string().trim().min(1).max(200).nullable(),
  model: z.string().min(1).max(200).nullable(),
  effort: EffortLevel.nullable(),
  permissionMode: PermissionMode,
  maxBudgetUsd: z.number().positive().max(10_000).nullable(),
  /** Null: each run takes its workspace's default turn budget. */
  maxTurns: z.number().int().positive().max(100_000).nullable(),
  missedPolicy: MissedPolicy,
  priority: JobPriority,
  timeoutMinutes: z.number().positive().max(24 * 60),
  maxRetries: z.number().int().min(0).max(10),
  isCorrectiveEnabled: z.boolean(),
};
export const JobOptions = lazySchema(() => z.object(jobOptionFields).partial());
export type JobOptions = z.infer<typeof JobOptions>;

/** What a job gets when its creator does not say. */
export const JOB_DEFAULTS = {
  mode: "worktree",
  sessionId: null,
  baseBranch: null,
  model: null,
  effort: null,
  permissionMode: "default",
  maxBudgetUsd: null,
  maxTurns: null,
  missedPolicy: "run_once",
  priority: "normal",
  timeoutMinutes: 30,
  maxRetries: 3,
  isCorrectiveEnabled: true,
} as const satisfies Required<JobOptions>;

export const CreateJobInput = lazySchema(() => JobOptions.extend({
  workspaceId: WorkspaceId,
  name: z.string().trim().min(1).max(120),
  prompt: z.string().trim().min(1).max(20_000),
  schedule: ScheduleSpec,
}));
export type CreateJobInput = z.infer<typeof CreateJobInput>;

export const UpdateJobInput = lazySchema(() => JobOptions.extend({
  name: z.string().trim().min(1).max(120).optional(),
  prompt: z.string().trim().min(1).max(20_000).optional(),
  schedule: ScheduleSpec.optional(),
  isEnabled: z.boolean().optional(),
}));
export type UpdateJobInput = z.infer<typeof UpdateJobInput>;

/** A schedule to put in words, with its next fire times (the editor's preview). */
export const SchedulePreviewInput = lazySchema(() => z.object({ schedule: ScheduleSpec, timezone: z.string().min(1).max(80).optional() }));
export type SchedulePreviewInput = z.infer<typeof SchedulePreviewInput>;

/** Runs to list: each job's newest, or one job's history a page at a time (`before`: the oldest run shown so far). */
export const RunsQuery = lazySchema(() =>
  z
    // `conversationId`: the runs of one of the job's conversations (an older run's conversation asks for its own run).
    .object({ jobId: JobId.optional(), before: RunId.optional(), limit: z.coerce.number().int().min(1).max(200).optional(), conversationId: ConversationId.optional() })
    .refine((query) => query.jobId !== undefined || (query.before === undefined && query.limit === undefined), { message: "before and limit page one job's runs: give its jobId too" })
    .refine((query) => query.jobId !== undefined || query.conversationId === undefined, { message: "conversationId asks for a job's runs: give its jobId too" }),
);
export type RunsQuery = z.infer<typeof RunsQuery>;
