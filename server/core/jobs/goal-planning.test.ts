import { afterEach, describe, expect, it } from "vitest";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { GoalService } from "./goal-service.ts";
import { JobService } from "./job-service.ts";

/** A goal's planning call cut off by a stop never leaves the goal "being planned" for good. */
let t: TempDb;
afterEach(() => t?.cleanup());

function goalsOver(db: TempDb, oneShot: OneShot): GoalService {
  const deps = { repos: db.repos, bus: new EventBus(), now: Date.now };
  return new GoalService({ ...deps, oneShot, jobs: new JobService({ ...deps, poke: () => undefined }) });
}

describe("goal planning across a stop", () => {
  it("marks a plan a stop cut off as failed at the next start, so the goal can be planned again", async () => {
    t = openTempDb();
    const { workspace } = seedConversation(t.repos);
    let answer: (text: string) => void = () => undefined;
    const before = goalsOver(t, () => new Promise<string>((resolve) => (answer = resolve)));
    const goal = before.create({ workspaceId: workspace.id, title: "Keep it tidy", description: "", shouldPlan: true });
    expect(goal.plan.status).toBe("planning");
    before.stop();
    answer("too late");
    await before.whenPlanned(goal.id);
    expect(t.repos.goals.get(goal.id)?.plan.status).toBe("planning");

    const after = goalsOver(t, async () => {
      throw new Error("The Claude Code CLI was not found.");
    });
    after.recoverAfterRestart();
    expect(t.repos.goals.get(goal.id)?.plan).toMatchObject({ status: "failed", error: "ChatML stopped while this goal was being planned. Plan it again." });
    expect(after.plan(goal.id).plan.status).toBe("planning");
    await after.whenPlanned(goal.id);
    expect(t.repos.goals.get(goal.id)?.plan).toMatchObject({ status: "failed", error: "The Claude Code CLI was not found." });
  });
});

describe("approving a goal's plan", () => {
  const PLAN = JSON.stringify({ assessment: "Small repo.", jobs: [{ name: "Tests", prompt: "Add tests", schedule: { kind: "interval", every: 1, unit: "days" } }] });

  async function proposed(db: TempDb) {
    const { workspace } = seedConversation(db.repos);
    const goals = goalsOver(db, async () => PLAN);
    const goal = goals.create({ workspaceId: workspace.id, title: "Raise coverage", description: "", shouldPlan: true });
    await goals.whenPlanned(goal.id);
    return { goals, goal: goals.get(goal.id) };
  }

  it("approving the plan approved already (a second device, a second tap) makes no second set of jobs and says so", async () => {
    t = openTempDb();
    const { goals, goal } = await proposed(t);
    const first = goals.approve(goal.id, { jobs: goal.plan.jobs });
    const again = goals.approve(goal.id, { jobs: goal.plan.jobs });
    expect(t.repos.jobs.list({ goalId: goal.id }).map((job) => ({ id: job.id, isEnabled: job.isEnabled, pausedReason: job.pausedReason }))).toEqual([
      { id: first.jobs[0]!.id, isEnabled: true, pausedReason: null },
    ]);
    expect(again.jobs.map((job) => job.id)).toEqual(first.jobs.map((job) => job.id));
    expect([first.isAlreadyApproved, again.isAlreadyApproved]).toEqual([false, true]);
  });

  it("approving a changed plan replaces the jobs of the approved one", async () => {
    t = openTempDb();
    const { goals, goal } = await proposed(t);
    const first = goals.approve(goal.id, { jobs: goal.plan.jobs });
    const nightly = goals.approve(goal.id, { jobs: [{ ...goal.plan.jobs[0]!, name: "Nightly tests" }] });
    expect(nightly.isAlreadyApproved).toBe(false);
    expect(t.repos.jobs.get(first.jobs[0]!.id)).toMatchObject({ isEnabled: false, pausedReason: "Replaced by a newer plan." });
    expect(t.repos.jobs.get(nightly.jobs[0]!.id)).toMatchObject({ name: "Nightly tests", isEnabled: true });
    expect(goals.approve(goal.id, { jobs: nightly.goal.plan.jobs, options: { model: "opus" } }).isAlreadyApproved).toBe(false);
  });

  it("a removed repository's goal is neither planned again nor approved, and its approved jobs stay as they were", async () => {
    t = openTempDb();
    const { goals, goal } = await proposed(t);
    const first = goals.approve(goal.id, { jobs: goal.plan.jobs });
    const workspace = t.repos.workspaces.update(goal.workspaceId, { archivedAt: Date.now() });
    const refusal = `The repository ${workspace.name} was removed (its history is kept): restore it from “Removed workspaces” to`;
    expect(() => goals.plan(goal.id)).toThrow(`${refusal} plan this goal.`);
    expect(() => goals.approve(goal.id, { jobs: [{ ...goal.plan.jobs[0]!, name: "Nightly tests" }] })).toThrow(`${refusal} approve its plan.`);
    expect(t.repos.goals.get(goal.id)?.plan.status).toBe("approved");
    expect(t.repos.jobs.list({ goalId: goal.id }).map((job) => ({ id: job.id, isEnabled: job.isEnabled }))).toEqual([{ id: first.jobs[0]!.id, isEnabled: true }]);
  });

  it("gives a day interval the planner left without a zone the zone of the device that asked (not the server's)", async () => {
    t = openTempDb();
    const { workspace } = seedConversation(t.repos);
    const goals = goalsOver(t, async () => PLAN);
    const goal = goals.create({ workspaceId: workspace.id, title: "Raise coverage", description: "", shouldPlan: true, timezone: "Asia/Tokyo" });
    await goals.whenPlanned(goal.id);
    expect(goals.get(goal.id).plan.jobs[0]?.schedule).toEqual({ kind: "interval", every: 1, unit: "days", timezone: "Asia/Tokyo" });
    goals.plan(goal.id, { feedback: "Weekly instead", timezone: "Europe/Berlin" });
    await goals.whenPlanned(goal.id);
    const approved = goals.approve(goal.id, { jobs: goals.get(goal.id).plan.jobs });
    expect(approved.jobs[0]?.schedule).toEqual({ kind: "interval", every: 1, unit: "days", timezone: "Europe/Berlin" });
  });

  it("a plan approved while its goal is paused makes jobs with no next run until the goal is resumed", async () => {
    t = openTempDb();
    const { goals, goal } = await proposed(t);
    goals.update(goal.id, { status: "paused" });
    const approved = goals.approve(goal.id, { jobs: goal.plan.jobs });
    expect(t.repos.jobs.get(approved.jobs[0]!.id)).toMatchObject({ isEnabled: true, nextFireAt: null });
    const before = Date.now();
    goals.update(goal.id, { status: "active" });
    expect(t.repos.jobs.get(approved.jobs[0]!.id)?.nextFireAt).toBeGreaterThanOrEqual(before + 86_400_000);
  });
});
