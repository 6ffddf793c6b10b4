import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";
import { pollUntil } from "./support/poll-until.ts";

const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1440, height: 900 }];

/**
 * A run's conversation ended with "Send a message to resume", and its session named no run or job: it offers the
 * run's summary and the job, its composer says a message goes on outside the run with Run again, and its header leads
 * back to the run. A day job saved without a zone offers
 * this device's zone in the words that fit (ADR 0130).
 */
describe("a job run's ended conversation", () => {
  const stack = signedInWorkspaceStack("chatml-jobs-run-ending");

  const workspaceId = async () => (await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces")).workspaces[0]!.id;

  it("offers the run's summary and the job, says a message goes on outside the run with the one Run again, and the session's header leads to the run", async () => {
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Nightly tidy", prompt: "Tidy @@text", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const run = await pollUntil(async () => (await stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`)).runs[0], (r) => r?.status === "succeeded" && r.conversationId !== null, "the run to succeed");
    for (const viewport of VIEWPORTS) {
      const page = await stack.openAt(viewport, `#/c/${run!.conversationId}`);
      const ending = page.getByTestId("process-exited");
      await ending.waitFor({ timeout: 60_000 });
      await ending.getByRole("link", { name: "See the run's summary" }).waitFor();
      expect(await page.getByText("Send a message to resume.").count()).toBe(0);
      // The composer still takes a message: it says before one is typed that it goes on outside the run (ADR 0143).
      const notice = page.getByRole("status", { name: "The run has ended" });
      await notice.getByText("This run has ended. A message continues in this session, not as part of the job's run.").waitFor();
      await notice.getByRole("button", { name: "Run again" }).waitFor();
      // One Run again on the screen (ADR 0150): the notice's, in view above the composer, not the timeline's as well.
      expect(await page.getByRole("button", { name: "Run again" }).count()).toBe(1);
      await ending.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `jobs-run-ending-${viewport.width}.png`) });
      // The desktop's header row names the run; a phone's chat has none: its session menu does.
      if (viewport.width < 768) await page.getByRole("button", { name: "Session menu" }).click();
      await page.getByRole("link", { name: "Run: Nightly tidy" }).first().waitFor();
      if (viewport.width < 768) {
        await page.screenshot({ path: join(SHOTS, `jobs-run-ending-menu-${viewport.width}.png`) });
        await page.getByRole("button", { name: "Close details" }).click();
      }
      expect(await unnamedControls(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await ending.getByRole("link", { name: "See the run's summary" }).click();
      await page.waitForURL(new RegExp(`#/r/${run!.id}$`));
    }
  });

  it("names a long job's run in the session's header from its start, cut only at its end", async () => {
    const name = "Nightly dependency check with a long name";
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name, prompt: "Tidy @@text", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const run = await pollUntil(async () => (await stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`)).runs[0], (r) => r?.status === "succeeded" && r.sessionId !== null, "the run to succeed");
    const page = await stack.openAt({ width: 1440, height: 900 }, `#/s/${run!.sessionId}`);
    const link = page.getByTestId("session-header").getByRole("link", { name: `Run: ${name}` });
    await link.waitFor({ timeout: 30_000 });
    // Where its words start against the link's own left edge: centred in the link and clipped, "Run:" was cut off.
    const cut = await link.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return range.getBoundingClientRect().left - element.getBoundingClientRect().left;
    });
    expect(cut).toBeGreaterThanOrEqual(0);
    await page.getByTestId("session-header").screenshot({ path: join(SHOTS, "jobs-run-session-header-1440.png") });
  });

  it("leads a run its budget stopped to the job's budget field, not to Session controls, on a phone and a desktop", async () => {
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Tight budget", prompt: "Tidy @@text", maxBudgetUsd: 0.01, schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const run = await pollUntil(async () => (await stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`)).runs[0], (r) => r?.endedAt != null && r.conversationId !== null, "the run to end");
    expect(run!.error).toMatch(/^Stopped by its budget: /);
    for (const viewport of VIEWPORTS) {
      const page = await stack.openAt(viewport, `#/c/${run!.conversationId}`);
      await page.getByText(/A run's budget is its job's: raise it in the job's settings/).first().waitFor({ timeout: 60_000 });
      expect(await page.getByText(/Raise it in Session controls/).count()).toBe(0);
      const notice = page.getByRole("status", { name: "The run has ended" });
      await notice.getByRole("button", { name: "Edit the job's budget" }).waitFor();
      await page.screenshot({ path: join(SHOTS, `jobs-budget-stop-${viewport.width}.png`) });
      await notice.getByRole("button", { name: "Edit the job's budget" }).click();
      const budget = page.getByRole("form", { name: "Edit job Tight budget" }).getByRole("textbox", { name: /Budget \(USD\)/ });
      await expect.poll(() => budget.evaluate((field) => field === document.activeElement)).toBe(true);
      // In view, on a phone too: the list's kept scroll position must not take it off screen.
      await expect.poll(() => budget.evaluate((field) => { const box = field.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })).toBe(true);
      expect(await budget.inputValue()).toBe("0.01");
      await page.screenshot({ path: join(SHOTS, `jobs-budget-form-${viewport.width}.png`) });
      expect(await unnamedControls(page)).toEqual([]);
      await page.getByRole("button", { name: "Cancel" }).click();
    }
  });

  it("leads a run its job's own turn budget stopped to the job's turn budget field, not the workspace's, on a phone and a desktop (ADR 0165)", async () => {
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Few turns", prompt: "Run it @@bash", maxTurns: 1, schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const run = await pollUntil(async () => (await stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`)).runs[0], (r) => r?.endedAt != null && r.conversationId !== null, "the run to end");
    expect(run!.error).toMatch(/^Stopped by its budget: the turn budget of 1 model turn/);
    for (const viewport of VIEWPORTS) {
      const page = await stack.openAt(viewport, `#/c/${run!.conversationId}`);
      await page.getByText(/A run's turn budget is its job's: raise it in the job's settings/).first().waitFor({ timeout: 60_000 });
      const notice = page.getByRole("status", { name: "The run has ended" });
      await notice.getByRole("button", { name: "Edit the job's turn budget" }).waitFor();
      expect(await notice.getByRole("button", { name: "Edit the workspace's turn budget" }).count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, `jobs-turn-budget-stop-${viewport.width}.png`) });
      await notice.getByRole("button", { name: "Edit the job's turn budget" }).click();
      const turns = page.getByRole("form", { name: "Edit job Few turns" }).getByRole("textbox", { name: /Turn budget/ });
      await expect.poll(() => turns.evaluate((field) => field === document.activeElement)).toBe(true);
      await expect.poll(() => turns.evaluate((field) => { const box = field.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })).toBe(true);
      expect(await turns.inputValue()).toBe("1");
      await page.screenshot({ path: join(SHOTS, `jobs-turn-budget-form-${viewport.width}.png`) });
      expect(await unnamedControls(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.getByRole("button", { name: "Cancel" }).click();
    }
  });

  it("offers this device's zone to a day job saved without one, in the words that fit", async () => {
    await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Old daily", prompt: "Check @@text", schedule: { kind: "interval", every: 1, unit: "days" } } });
    for (const viewport of VIEWPORTS) {
      const page = await stack.openAt(viewport, "#/jobs");
      const card = page.getByRole("article", { name: "Job Old daily" });
      await card.getByRole("button", { name: /(Use|Pin to) my time zone/ }).waitFor({ timeout: 30_000 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `jobs-zone-offer-${viewport.width}.png`) });
    }
  });
});
