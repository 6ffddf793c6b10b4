import type { ApprovePlanInput, CreateGoalInput, UpdateGoalInput } from "../../../shared/api/jobs-inputs.ts";
import type { GoalId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Goal, Job } from "../../../shared/protocol/jobs.ts";
import type { Workspace } from "../../../shared/protocol/model.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import type { JobService } from "./job-service.ts";
import { publishJobs, type JobsDeps } from "./jobs-context.ts";
import { parsePlan, planPrompt } from "./plan-prompt.ts";
import { messageOf } from "../../../shared/error-message.ts";

/** Why a job of an earlier approval was paused: a newer plan was approved. */
const REPLACED_BY_NEWER_PLAN = "Replaced by a newer plan.";

export type GoalServiceDeps = JobsDeps & { oneShot: OneShot; jobs: JobService };

/** Goals and their plans: propose (one-shot CLI call), review, approve into jobs, re-plan with feedback. */
export class GoalService {
  private readonly planning = new Map<GoalId, Promise<void>>();
  /** Set at shutdown: a planning call that ends afterwards stores nothing (the next start marks the goal). */
  private isStopped = false;

  constructor(private readonly deps: GoalServiceDeps) {}

  /**
   * A goal whose planning call a stop or crash cut off is marked failed, so it can be planned again: left `planning`,
   * it would refuse every new plan ("being planned already") for good.
   */
  recoverAfterRestart(): void {
    for (const goal of this.deps.repos.goals.list()) {
      if (goal.plan.status !== "planning") continue;
      this.save(goal.id, (g) => ({ ...g, plan: { ...g.plan, status: "failed", error: "ChatML stopped while this goal was being planned. Plan it again." } }));
    }
  }

  stop(): void {
    this.isStopped = true;
  }

  list(workspaceId?: WorkspaceId): Goal[] {
    return this.deps.repos.goals.list(workspaceId);
  }

  get(id: GoalId): Goal {
    const goal = this.deps.repos.goals.get(id);
    if (!goal) throw new AppError("not_found", `Goal ${id} does not exist.`);
    return goal;
  }

  /** Adds a goal and (unless told not to) starts planning it. */
  create(input: CreateGoalInput): Goal {
    if (!this.deps.repos.workspaces.get(input.workspaceId)) throw new AppError("not_found", `Workspace ${input.workspaceId} does not exist.`);
    const goal = this.deps.repos.goals.create({ workspaceId: input.workspaceId, title: input.title, description: input.description });
    publishJobs(this.deps, { goal });
    return input.shouldPlan ? this.plan(goal.id, { timezone: input.timezone }) : goal;
  }

  /** Title, description, or status: pausing or archiving a goal stops its jobs from firing. */
  update(id: GoalId, input: UpdateGoalInput): Goal {
    const goal = this.save(id, (g) => ({ ...g, ...input }));
    for (const job of this.deps.repos.jobs.list({ goalId: id })) {
      if (goal.status !== "active") this.deps.jobs.cancelQueuedRuns(job.id, `The goal is ${goal.status}.`);
      this.deps.jobs.refreshTiming(job.id);
    }
    return goal;
  }

  /**
   * Asks the CLI for a plan in the background (status `planning`, then `proposed` or `failed`); answers at once.
   * `feedback` tells a re-plan what to change.
   */
  plan(id: GoalId, options: { feedback?: string; timezone?: string } = {}): Goal {
    const goal = this.get(id);
    if (goal.plan.status === "planning") throw new AppError("conflict", "This goal is being planned already.");
    const workspace = this.deps.repos.workspaces.get(goal.workspaceId);
    if (!workspace) throw new AppError("not_found", "The goal's workspace was removed.");
    refuseRemovedWorkspace(workspace, "plan this goal");
    const feedback = options.feedback?.trim() || null;
    const planningGoal = this.save(id, (g) => ({ ...g, plan: { ...g.plan, status: "planning", error: null, feedback } }));
    const prompt = planPrompt(goal, options.timezone ?? "UTC", feedback);
    const done = this.deps
      .oneShot(prompt, { cwd: workspace.path, foreground: true })
      .then((answer) => {
        if (this.isStopped) return;
        const proposal = parsePlan(answer, options.timezone);
        this.save(id, (g) => ({ ...g, plan: { ...g.plan, status: "proposed", assessment: proposal.assessment, jobs: proposal.jobs, error: null } }));
      })
      .catch((error: unknown) => {
        if (this.isStopped) return;
        this.save(id, (g) => ({ ...g, plan: { ...g.plan, status: "failed", error: messageOf(error) } }));
      })
      .finally(() => this.planning.delete(id));
    this.planning.set(id, done);
    return planningGoal;
  }

  /** Resolves when a goal's planning call has ended (tests, shutdown). */
  whenPlanned(id: GoalId): Promise<void> {
    return this.planning.get(id) ?? Promise.resolve();
  }

  /**
   * Approves the plan as the user edited it: its jobs are created and scheduled. Jobs of an earlier approval are
   * disabled (their history stays). Nothing of a plan runs before this. Approving the plan that is approved already
   * (a second device, a second tap) changes nothing and says so: `isAlreadyApproved`, with the jobs it has.
   */
  approve(id: GoalId, input: ApprovePlanInput): { goal: Goal; jobs: Job[]; isAlreadyApproved: boolean } {
    const goal = this.get(id);
    if (goal.plan.status !== "proposed" && goal.plan.status !== "approved") throw new AppError("conflict", `There is no plan to approve (the plan is ${goal.plan.status}).`);
    if (goal.status === "archived") throw new AppError("conflict", "The goal is archived.");
    // Before anything changes: the jobs' creation would refuse after the earlier approval's jobs were switched off.
    const workspace = this.deps.repos.workspaces.get(goal.workspaceId);
    if (workspace) refuseRemovedWorkspace(workspace, "approve its plan");
    const approvedJobs = this.jobsOfApproval(goal);
    if (approvedJobs && isSameApproval(input, goal, approvedJobs)) return { goal, jobs: approvedJobs, isAlreadyApproved: true };
    input.jobs.forEach((planned, index) => this.deps.jobs.checkSchedule(planned.schedule, `Job ${index + 1} (${planned.name})`));
    for (const old of this.deps.repos.jobs.list({ goalId: id })) {
      if (old.isEnabled) this.deps.jobs.update(old.id, { isEnabled: false }, REPLACED_BY_NEWER_PLAN);
    }
    const jobs = input.jobs.map((planned) =>
      this.deps.jobs.create({ ...input.options, priority: planned.priority, workspaceId: goal.workspaceId, name: planned.name, prompt: planned.prompt, schedule: planned.schedule }, id),
    );
    const approved = this.save(id, (g) => ({ ...g, plan: { ...g.plan, status: "approved", jobs: input.jobs, approvedAt: this.deps.now() } }));
    return { goal: approved, jobs, isAlreadyApproved: false };
  }

  /** The jobs the goal's approved plan made (those no newer plan replaced), or null when its plan is not approved. */
  private jobsOfApproval(goal: Goal): Job[] | null {
    if (goal.plan.status !== "approved") return null;
    return this.deps.repos.jobs.list({ goalId: goal.id }).filter((job) => job.pausedReason !== REPLACED_BY_NEWER_PLAN);
  }

  private save(id: GoalId, change: (goal: Goal) => Goal): Goal {
    const goal = this.deps.repos.goals.update(id, change);
    publishJobs(this.deps, { goal });
    return goal;
  }
}

/** A removed workspace's goal is neither planned nor approved: its jobs could not run, and planning runs Claude in its folder. */
function refuseRemovedWorkspace(workspace: Workspace, what: string): void {
  if (workspace.archivedAt !== null) throw new AppError("conflict", `The repository ${workspace.name} was removed (its history is kept): restore it from “Removed workspaces” to ${what}.`);
}

/** Whether `input` is the plan approved already: the same jobs, and the options it names are those of its jobs. */
// Bun's native strict comparison, not node:util's: importing node:util costs a start ~4 ms of CPU (issue 16).
function isSameApproval(input: ApprovePlanInput, goal: Goal, jobs: Job[]): boolean {
  if (!Bun.deepEquals(input.jobs, goal.plan.jobs, true)) return false;
  const options = Object.entries(input.options ?? {}) as [keyof Job, unknown][];
  return jobs.every((job) => options.every(([key, value]) => Bun.deepEquals(job[key], value, true)));
}
