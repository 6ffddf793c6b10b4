import { afterEach, describe, expect, it } from "vitest";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shot-cli.ts";
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
