import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job } from "../shared/protocol/jobs.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";

const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1440, height: 900 }];

/**
 * A plan's "every day" job took the moment its plan was approved as its time of day, and the review showed none
 * (ADR 0131): the review shows the time and the zone, and the job approved runs at the ones picked.
 */
describe("a planned day job's time of day", () => {
  const stack = signedInWorkspaceStack("chatml-jobs-plan-time");

  const workspaceId = async () => (await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces")).workspaces[0]!.id;

  for (const viewport of VIEWPORTS) {
    it(`is picked in the plan review at ${viewport.width} px and kept by the job approved`, async () => {
      const plan = { assessment: "One daily job.", jobs: [{ name: `Daily check ${viewport.width}`, prompt: "Check @@text", schedule: { kind: "interval", every: 1, unit: "days" } }] };
      const description = `Keep it checked. @@plan:${Buffer.from(JSON.stringify(plan)).toString("base64url")}`;
      const { goal } = await stack.client.api<{ goal: { id: string } }>("/api/goals", { method: "POST", body: { workspaceId: await workspaceId(), title: `Checked ${viewport.width}`, description } });
      const page = await stack.openAt(viewport, `#/g/${goal.id}`);
      const review = page.getByRole("region", { name: "Proposed plan" });
      await review.waitFor({ timeout: 60_000 });
      const time = review.getByLabel("Job 1 schedule: time of day");
      expect(await time.inputValue()).toBe("");
      await expect.poll(() => review.getByText("the time it is saved").count()).toBe(1);
      await time.fill("07:15");
      await review.getByRole("combobox", { name: "Job 1 schedule: time zone" }).selectOption("Asia/Tokyo");
      await expect.poll(() => review.getByTestId("schedule-preview").first().textContent(), { timeout: 10_000 }).toContain("every day at 07:15 (Asia/Tokyo)");
      await time.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `jobs-plan-time-review-${viewport.width}.png`) });
      expect(await unnamedControls(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await review.getByRole("button", { name: /Approve plan \(1 job\)/ }).click();
      await page.getByRole("region", { name: "Jobs of this goal" }).waitFor();
      const job = (await stack.client.api<{ jobs: Job[] }>(`/api/jobs?goalId=${goal.id}`)).jobs[0]!;
      expect(job.schedule).toEqual({ kind: "interval", every: 1, unit: "days", timezone: "Asia/Tokyo", at: "07:15" });
      expect(new Date(job.nextFireAt!).toLocaleTimeString("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })).toBe("07:15");
      await page.getByRole("article", { name: `Job Daily check ${viewport.width}` }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `jobs-plan-time-goal-${viewport.width}.png`) });
    });
  }
});
