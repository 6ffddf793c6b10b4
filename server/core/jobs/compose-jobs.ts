import type { ConversationId, RunId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import type { Run, RunLogEntry } from "../../../shared/protocol/jobs.ts";
import type { BackoffOptions } from "../../scheduler/index.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { GoalService } from "./goal-service.ts";
import { JobScheduler } from "./job-scheduler.ts";
import { JobService } from "./job-service.ts";
import type { JobsDeps } from "./jobs-context.ts";
import { RunAftermath } from "./run-aftermath.ts";
import { RunExecutor } from "./run-executor.ts";
import type { RunPorts } from "./run-launch.ts";
import { openRunPullRequest, type RunPullRequestPorts } from "./run-pull-request.ts";
import { WorkspacePlansDeletion } from "./workspace-plans-deletion.ts";

export type ComposeJobsDeps = JobsDeps &
  RunPorts & {
    oneShot: OneShot;
    pullRequests: RunPullRequestPorts;
    concurrency(): number;
    backoff?: BackoffOptions;
    killGraceMs?: number;
  };

/** A list of runs, and how many runs each job it covers has in all (its history may go on past the list). */
export type RunsPage = { runs: Run[]; totals: Record<string, number> };

/** Runs as the API sees them: list, read the log, cancel, resume. */
export type RunControl = {
  /** Without a job: each job's newest runs. With one: a page of its history, older than `before` when given. */
  list(filter: { jobId?: Run["jobId"]; before?: RunId; limit?: number; conversationId?: ConversationId }): RunsPage;
  get(id: RunId): Run;
  logs(id: RunId): RunLogEntry[];
  cancel(id: RunId): Promise<Run>;
  resume(id: RunId): Promise<Run>;
  /** Pushes a finished run's branch and opens its pull request. */
  openPullRequest(id: RunId): Promise<PullRequest>;
  /** Writes an ended run's summary again; resolves with the run and its new summary. */
  summarizeAgain(id: RunId): Promise<Run>;
};

/** The jobs room, wired: goals, jobs, runs, the scheduler loop and the worker pool. */
export type JobsParts = {
  goals: GoalService;
  jobs: JobService;
  runs: RunControl;
  scheduler: JobScheduler;
  aftermath: RunAftermath;
  /** Deletes a workspace's goals and jobs with its history (ADR 0261). */
  plans: WorkspacePlansDeletion;
  /** Marks runs and goal plans a restart cut off, then starts the scheduler. */
  start(): void;
  /** Stops firing and watching runs; resolves once ended runs' follow-ups are stored (before the database closes). */
  stop(): Promise<void>;
};

/** Builds the jobs room (the composition root calls this once). */
export function composeJobs(deps: ComposeJobsDeps): JobsParts {
  let scheduler: JobScheduler | null = null;
  const poke = () => scheduler?.poke();
  const jobs = new JobService({ ...deps, poke });
  const aftermath = new RunAftermath({ ...deps, jobs, poke });
  const executor = new RunExecutor({ ...deps, jobs, poke, onEnded: (ending) => aftermath.handle(ending) });
  scheduler = new JobScheduler({ ...deps, jobs, executor });
  const goals = new GoalService({ ...deps, jobs });
  const plans = new WorkspacePlansDeletion({ ...deps, jobs, cancelRun: (id) => executor.cancel(id) });
  const requireRun = (id: RunId) => {
    const run = deps.repos.runs.get(id);
    if (!run) throw new AppError("not_found", `Run ${id} does not exist.`);
    return run;
  };
  const runs: RunControl = {
    list: ({ jobId, before, limit, conversationId }) => {
      if (!jobId) return { runs: deps.repos.runs.listRecent(), totals: deps.repos.runs.countByJob() };
      if (conversationId) return { runs: deps.repos.runs.listForConversation(jobId, conversationId), totals: deps.repos.runs.countByJob(jobId) };
      if (before && requireRun(before).jobId !== jobId) throw new AppError("bad_request", `Run ${before} is not a run of job ${jobId}.`);
      return { runs: deps.repos.runs.listForJob(jobId, limit, before ?? null), totals: deps.repos.runs.countByJob(jobId) };
    },
    get: requireRun,
    logs: (id) => (requireRun(id), deps.repos.runs.logs(id)),
    cancel: (id) => executor.cancel(id),
    resume: (id) => executor.resume(id),
    openPullRequest: (id) => openRunPullRequest(deps, deps.pullRequests, requireRun(id)),
    summarizeAgain: (id) => aftermath.summarizeAgain(id),
  };
  let unsubscribe: (() => void) | null = null;
  let unfollowWorkspaces: (() => void) | null = null;
  return {
    goals,
    jobs,
    runs,
    scheduler,
    aftermath,
    plans,
    start: () => {
      executor.recoverAfterRestart();
      goals.recoverAfterRestart();
      unsubscribe = executor.start();
      unfollowWorkspaces = jobs.followWorkspaces();
      scheduler?.start();
    },
    stop: async () => {
      scheduler?.stop();
      unsubscribe?.();
      unfollowWorkspaces?.();
      goals.stop();
      await aftermath.stop();
    },
  };
}
