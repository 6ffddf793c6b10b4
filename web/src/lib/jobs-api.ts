import type { ApprovePlanInput, ConversationId, CreateGoalInput, CreateJobInput, GoalId, JobId, PlanGoalInput, RunId, ScheduleSpec, UpdateGoalInput, UpdateJobInput } from "../../../shared/index.ts";
import { call, callWithEntities, client } from "./rpc.ts";

const goal = client.goals[":id"];
const job = client.jobs[":id"];
const run = client.runs[":id"];

/** REST calls for goals, plans, jobs and runs (typed by the server's `AppType`). */
export const jobsApi = {
  /** The lists every page keeps, each with the count of entity changes it was read at (ListCoverage). */
  lists: () =>
    Promise.all([
      callWithEntities(client.goals.$get({ query: {} })),
      callWithEntities(client.jobs.$get({ query: {} })),
      callWithEntities(client.runs.$get({ query: {} })),
    ]),
  goal: (id: GoalId) => call(goal.$get({ param: { id } })),
  createGoal: (input: Omit<CreateGoalInput, "shouldPlan"> & { shouldPlan?: boolean }) => call(client.goals.$post({ json: input as CreateGoalInput })),
  updateGoal: (id: GoalId, input: UpdateGoalInput) => call(goal.$patch({ param: { id }, json: input })),
  plan: (id: GoalId, input: PlanGoalInput) => call(goal.plan.$post({ param: { id }, json: input })),
  approve: (id: GoalId, input: ApprovePlanInput) => call(goal.approve.$post({ param: { id }, json: input })),
  createJob: (input: CreateJobInput) => call(client.jobs.$post({ json: input })),
  updateJob: (id: JobId, input: UpdateJobInput) => call(job.$patch({ param: { id }, json: input })),
  deleteJob: (id: JobId) => call(job.$delete({ param: { id } })),
  runNow: (id: JobId) => call(job.run.$post({ param: { id } })),
  preview: (schedule: ScheduleSpec, timezone: string) => call(client.jobs["schedule-preview"].$post({ json: { schedule, timezone } })),
  run: (id: RunId) => call(run.$get({ param: { id } })),
  /** A page of a job's run history, newest first, older than `before` (the oldest run shown so far). */
  olderRuns: (jobId: JobId, before: RunId, limit: number) => call(client.runs.$get({ query: { jobId, before, limit: String(limit) } })),
  /** The runs of a job that took place in one of its conversations (an older run is not among the lists' newest). */
  runsOfConversation: (jobId: JobId, conversationId: ConversationId) => call(client.runs.$get({ query: { jobId, conversationId } })),
  cancelRun: (id: RunId) => call(run.cancel.$post({ param: { id } })),
  resumeRun: (id: RunId) => call(run.resume.$post({ param: { id } })),
  openPullRequest: (id: RunId) => call(run["pull-request"].$post({ param: { id } })),
  summarizeRunAgain: (id: RunId) => call(run.summary.$post({ param: { id } })),
};

/** The user's IANA time zone (cron schedules and times are shown in it). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
