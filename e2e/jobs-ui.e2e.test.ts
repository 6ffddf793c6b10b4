import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { SHOTS } from "./support/repo-stack.ts";
import { signedInWorkspaceStack } from "./support/signed-in-workspace-stack.ts";
import { allowGoingAway, comeBack, goAway } from "./support/away-socket.ts";
import { pollUntil } from "./support/poll-until.ts";
import { screenshotOnFailure } from "./harness/failure-context.ts";

/**
 * A job without a goal, made and changed in the browser: bad input is named field by field and nothing typed is
 * lost; the edit reaches the server; pause and delete ask first. The Jobs screen fits 360 px, 390 px and a desktop.
 */
describe("jobs screen: create, edit, pause and delete a job", () => {
  // A phone and a desktop signed in once for the file (ADR 0096); a 360 px phone is the phone's page made narrower.
  const stack = signedInWorkspaceStack("chatml-jobs-ui");

  const jobs = async () => (await stack.client.api<{ jobs: Job[] }>("/api/jobs")).jobs;

  it("creates a job with clear errors for bad input, edits every option, pauses and deletes it after asking", async () => {
    const page = await stack.devices.open("desktop", "");
    await screenshotOnFailure(page, join(SHOTS, "jobs-ui-failure.png"), async () => {
      await page.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Jobs", exact: true }).click();
      await page.getByRole("button", { name: "New job" }).click();
      const form = page.getByRole("form", { name: "New job" });
      await form.getByRole("textbox", { name: "Prompt" }).fill("Update the dependencies and run the tests.");
      await form.getByRole("textbox", { name: "Time limit (minutes)" }).fill("soon");
      await form.getByRole("button", { name: "Create job" }).click();
      await form.getByText("Time limit (minutes): enter a number.").waitFor();
      await form.getByRole("textbox", { name: "Time limit (minutes)" }).fill("0");
      await form.getByRole("button", { name: "Create job" }).click();
      await form.getByText("Name: this is required.").waitFor();
      await form.getByText(/Time limit \(minutes\): must be more than 0/).waitFor();
      expect(await form.getByRole("textbox", { name: "Prompt" }).inputValue()).toBe("Update the dependencies and run the tests.");
      await page.screenshot({ path: join(SHOTS, "jobs-ui-desktop-form-errors.png"), fullPage: true });
      expect(await unnamedControls(page)).toEqual([]);

      await form.getByRole("textbox", { name: "Name" }).fill("Deps");
      await form.getByRole("textbox", { name: "Time limit (minutes)" }).fill("20");
      await form.getByRole("combobox", { name: "Schedule: kind" }).selectOption("cron");
      await form.getByRole("textbox", { name: "Schedule: cron expression" }).fill("61 * * * *");
      await form.getByRole("button", { name: "Create job" }).click();
      await form.getByRole("alert").filter({ hasText: /The schedule: .*cron/i }).first().waitFor();
      expect(await jobs()).toEqual([]);
      await form.getByRole("textbox", { name: "Schedule: cron expression" }).fill("0 6 * * 1");
      await form.getByRole("button", { name: "Create job" }).click();
      const card = page.getByRole("article", { name: "Job Deps" });
      await card.waitFor();
      const [created] = await jobs();
      expect(created).toMatchObject({ name: "Deps", goalId: null, timeoutMinutes: 20, schedule: { kind: "cron", expression: "0 6 * * 1" }, maxBudgetUsd: null });

      await card.getByRole("button", { name: "Edit job Deps" }).click();
      const edit = page.getByRole("form", { name: "Edit job Deps" });
      await edit.getByRole("textbox", { name: "Prompt" }).fill("Update only patch versions.");
      await edit.getByRole("combobox", { name: "Model" }).fill("haiku");
      await edit.getByRole("combobox", { name: "Effort" }).selectOption({ label: "Max" });
      await edit.getByRole("combobox", { name: "Permission mode" }).selectOption("acceptEdits");
      await edit.getByRole("textbox", { name: "Budget (USD)" }).fill("1.5");
      await edit.getByRole("textbox", { name: "Retries" }).fill("1");
      await edit.getByRole("combobox", { name: "Missed runs" }).selectOption("skip");
      await edit.getByRole("combobox", { name: "Schedule: kind" }).selectOption("interval");
      await edit.getByRole("button", { name: "Save job" }).click();
      await card.waitFor();
      await expect.poll(async () => (await jobs())[0]).toMatchObject({
        prompt: "Update only patch versions.", model: "haiku", effort: "max", permissionMode: "acceptEdits", maxBudgetUsd: 1.5, maxRetries: 1, missedPolicy: "skip", schedule: { kind: "interval", every: 1, unit: "days" },
      });

      await card.getByRole("button", { name: "Pause" }).click();
      await card.getByRole("button", { name: "Keep it" }).click();
      expect((await jobs())[0]!.isEnabled).toBe(true);
      await card.getByRole("button", { name: "Pause" }).click();
      await card.getByRole("button", { name: "Pause job" }).click();
      await card.getByRole("button", { name: "Resume" }).waitFor();
      expect((await jobs())[0]!.isEnabled).toBe(false);
      await page.screenshot({ path: join(SHOTS, "jobs-ui-desktop.png"), fullPage: true });

      for (const width of [360, 390]) await checkPhone(width);

      await card.getByRole("button", { name: "Delete" }).click();
      await card.getByRole("button", { name: "Delete job" }).click();
      await card.waitFor({ state: "detached" });
      expect(await jobs()).toEqual([]);
    });
  });

  it("a job's History line sits in the middle of its 44 px row, with no empty band under it, at 390 px and a desktop", async () => {
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Tidy history", prompt: "Say hi", schedule: { kind: "interval", every: 1, unit: "days" } } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    await pollUntil(() => runsOf(job.id), (runs) => runs[0]?.status === "succeeded", "the run to succeed");
    for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
      const page = await stack.openAt(viewport, "#/jobs");
      try {
        const card = page.getByRole("article", { name: "Job Tidy history" });
        await card.getByTestId("run-row").waitFor();
        await card.scrollIntoViewIfNeeded();
        // Where the summary's text line is inside its box: it stood at the top, leaving ~20 px blank under it.
        const gaps = await card.locator("summary").evaluate((summary) => {
          const range = document.createRange();
          range.selectNodeContents(summary);
          const text = range.getBoundingClientRect();
          const box = summary.getBoundingClientRect();
          const firstRun = summary.parentElement!.querySelector('[data-testid="run-row"] > div')!.getBoundingClientRect();
          return { height: box.height, above: text.top - box.top, below: box.bottom - text.bottom, toFirstRun: firstRun.top - box.bottom };
        });
        expect(gaps.height).toBeGreaterThanOrEqual(44);
        expect(Math.abs(gaps.above - gaps.below)).toBeLessThanOrEqual(2);
        // The first run follows the row at once: no padding of its own on top of the summary's half of 44 px.
        expect(gaps.toFirstRun).toBeLessThanOrEqual(1);
        await card.screenshot({ path: join(SHOTS, `jobs-ui-history-${viewport.width}.png`) });
      } finally {
        await page.close();
      }
    }
    await stack.client.api(`/api/jobs/${job.id}`, { method: "DELETE" });
  });

  it("a run that spends more than its job's budget is stopped, says which limit stopped it, and is not retried", async () => {
    const job = (await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: (await workspaceId()), name: "Thrifty", prompt: "Hello @@text", schedule: { kind: "interval", every: 1, unit: "days" }, maxBudgetUsd: 0.01 } })).job;
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const runs = await pollUntil(() => runsOf(job.id), (list) => list[0]?.status === "failed" && list[0].summary !== null, "the budget-stopped run and its summary");
    expect(runs).toHaveLength(1);
    expect(runs[0]!.error).toMatch(/^Stopped by its budget: the cost budget of \$0\.01 is used up \(\$0\.\d{2}(\d{2})? spent\)\.$/);
    expect(runs[0]!.costUsd).toBeGreaterThan(0.01);
    const { logs } = await stack.client.api<{ logs: { text: string }[] }>(`/api/runs/${runs[0]!.id}`);
    expect(logs.map((l) => l.text).join("\n")).toContain("no retry or corrective run");

    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }, { width: 360, height: 800 }]) {
      const page = await stack.openAt(viewport, `#/r/${runs[0]!.id}`);
      try {
        const facts = page.getByRole("region", { name: "Run" });
        await facts.getByText("Failed").waitFor();
        expect(await page.getByTestId("run-cost").textContent()).toMatch(/^\$0\.\d{2}(\d{2})?$/);
        expect(await page.getByTestId("run-duration").textContent()).toMatch(/^\d+ (s|min)/);
        await page.getByRole("region", { name: "Summary" }).waitFor();
        const timeline = page.getByTestId("run-timeline");
        await expect.poll(() => timeline.textContent(), { timeout: 10_000 }).toContain("Hello @@text");
        expect(await timeline.textContent()).toContain("Claude process ended: the job's run is over (failed)");
        await page.screenshot({ path: join(SHOTS, `jobs-ui-run-${viewport.width}.png`), fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        if (viewport.width > 400) {
          // The turn's result carried no answer (the budget stopped it); written again, the summary quotes the
          // conversation's last answer. A new one-shot call, shown when stored.
          const summary = page.getByRole("region", { name: "Summary" });
          await summary.getByText('Fake summary: the run answered "(none)".').waitFor();
          const summaryCalls = () => stack.api.requests.filter((r) => JSON.stringify(r.body).includes("[chatml:summary]")).length;
          const callsBefore = summaryCalls();
          await summary.getByRole("button", { name: "Write the summary again" }).click();
          await summary.getByText('Fake summary: the run answered "Hello! This is the fake API".').waitFor({ timeout: 30_000 });
          expect(summaryCalls()).toBe(callsBefore + 1);
          expect(await summary.getByRole("button", { name: "Write the summary again" }).isEnabled()).toBe(true);
          expect((await stack.client.api<{ run: { summary: string } }>(`/api/runs/${runs[0]!.id}`)).run.summary).toBe('Fake summary: the run answered "Hello! This is the fake API".');
          await page.screenshot({ path: join(SHOTS, "jobs-ui-run-summary-again-1440.png"), fullPage: true });
        }
        await page.getByRole("link", { name: "Open full timeline" }).click();
        await expect.poll(() => page.locator("body").textContent(), { timeout: 30_000 }).toContain("Hello! This is the fake API");
      } finally {
        await page.close();
      }
    }
  });

  it("a goal's plan review and the goal screen fit 360 px", async () => {
    const plan = { assessment: "Two small jobs.", jobs: [{ name: "Weekly tidy", prompt: "Tidy the README @@text", schedule: { kind: "cron", expression: "0 9 * * 1", timezone: "Europe/Berlin" } }, { name: "Daily check", prompt: "Check @@text", schedule: { kind: "interval", every: 1, unit: "days" } }] };
    const description = `Keep it tidy. @@plan:${Buffer.from(JSON.stringify(plan)).toString("base64url")}`;
    const { goal } = await stack.client.api<{ goal: { id: string } }>("/api/goals", { method: "POST", body: { workspaceId: await workspaceId(), title: "Tidy repository", description } });
    const page = await stack.openAt({ width: 360, height: 800 }, `#/g/${goal.id}`);
    const review = page.getByRole("region", { name: "Proposed plan" });
    await review.waitFor({ timeout: 60_000 });
    await expect.poll(() => review.getByTestId("schedule-preview").first().textContent(), { timeout: 10_000 }).toContain("Monday");
    await review.getByRole("textbox", { name: "Job 1 name" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "jobs-ui-plan-review-360.png") });
    expect(await unnamedControls(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await review.getByRole("button", { name: /Approve plan \(2 jobs\)/ }).click();
    await page.getByRole("region", { name: "Jobs of this goal" }).waitFor();
    await page.getByRole("article", { name: "Job Weekly tidy" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "jobs-ui-goal-360.png") });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it("shows what changed while the page's socket was away (a sleeping phone) once it is back, without a reload", async () => {
    const { goal } = await stack.client.api<{ goal: { id: string } }>("/api/goals", { method: "POST", body: { workspaceId: await workspaceId(), title: "Before the nap", shouldPlan: false } });
    const { goal: gone } = await stack.client.api<{ goal: { id: string } }>("/api/goals", { method: "POST", body: { workspaceId: await workspaceId(), title: "Archived while away", shouldPlan: false } });
    const page = await stack.devices.open("phone", `#/g/${goal.id}`);
    await allowGoingAway(page);
    await page.getByRole("heading", { name: "Before the nap" }).waitFor();
    await goAway(page);
    await stack.client.api(`/api/goals/${goal.id}`, { method: "PATCH", body: { title: "After the nap", status: "paused" } });
    await stack.client.api(`/api/goals/${gone.id}`, { method: "PATCH", body: { status: "archived" } });
    expect(await page.getByRole("heading", { name: "Before the nap" }).isVisible()).toBe(true);
    await comeBack(page);
    await page.getByRole("heading", { name: "After the nap" }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Resume goal" }).waitFor();
    await page.evaluate(() => (location.hash = "#/jobs"));
    await expect.poll(() => page.locator("main").textContent(), { timeout: 10_000 }).toContain("After the nap");
    expect(await page.locator("main").textContent()).not.toContain("Before the nap");
    expect(await page.locator("main").textContent()).not.toContain("Archived while away");
  });

  it("closes the tab of a conversation deleted while the page's socket was away, once it is back", async () => {
    const { conversation } = await stack.client.api<{ conversation: { id: string } }>("/api/start", { method: "POST", body: { path: stack.repo } });
    await stack.client.api(`/api/conversations/${conversation.id}/rename`, { method: "POST", body: { title: "Deleted while away" } });
    const page = await stack.devices.open("desktop", `#/c/${conversation.id}`);
    await allowGoingAway(page);
    const tabs = page.getByRole("navigation", { name: "Tabs" }).getByRole("link");
    await tabs.filter({ hasText: "Deleted while away" }).waitFor();
    const opened = await tabs.count();
    await goAway(page);
    await stack.client.api(`/api/conversations/${conversation.id}`, { method: "DELETE" });
    await comeBack(page);
    // The tab itself goes (not only its title), and the page leaves the deleted conversation.
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(opened - 1);
    expect(await page.evaluate(() => location.hash)).not.toContain(conversation.id);
  });

  it("folds a frequent job's run sessions under its latest run in the sidebar, and keeps them out of Conversations (ADR 0064)", async () => {
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Often", prompt: "Say hi", schedule: { kind: "interval", every: 1, unit: "seconds" } } });
    // Paused as its third run starts (its session made): waiting for three to succeed let a fourth start meanwhile.
    await pollUntil(() => runsOf(job.id), (runs) => runs.filter((run) => run.sessionId !== null).length >= 3, "three runs with their sessions");
    await stack.client.api(`/api/jobs/${job.id}`, { method: "PATCH", body: { isEnabled: false } });
    // A run started before the pause goes on (and makes its session): count them once every run has ended.
    const ended = await pollUntil(() => runsOf(job.id), (runs) => runs.every((run) => !["queued", "running", "waiting"].includes(run.status)), "the runs to end");
    expect(ended.filter((run) => run.status === "succeeded").length).toBeGreaterThanOrEqual(3);
    const sessions = new Set(ended.flatMap((run) => (run.sessionId ? [run.sessionId] : [])));
    const page = await stack.devices.open("desktop", "");
    const tree = page.getByRole("region", { name: "Workspaces" });
    const toggle = tree.getByRole("button", { name: `${sessions.size - 1} earlier runs` });
    await toggle.waitFor();
    expect(await tree.getByRole("link", { name: /Job: Often/ }).count()).toBe(1);
    expect(await page.getByRole("list", { name: "Conversations" }).getByText("Often").count()).toBe(0);
    await toggle.click();
    // The list unfolds on the next render, not within the click: wait for it rather than count what is there at once.
    await expect.poll(() => page.getByRole("list", { name: "Earlier runs of Job: Often" }).getByRole("link").count()).toBe(sessions.size - 1);
    await page.screenshot({ path: join(SHOTS, "jobs-ui-sidebar-runs-1440.png") });
  });

  it("folds a fixed-session job's runs (a conversation each) under the job in its session, and keeps them out of Conversations, on a phone", async () => {
    const { session } = await stack.client.api<{ session: { id: string } }>("/api/sessions", { method: "POST", body: { workspaceId: await workspaceId(), kind: "folder", name: "mine" } });
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Check in", prompt: "Say hi", mode: "session", sessionId: session.id, schedule: { kind: "interval", every: 1, unit: "seconds" } } });
    await pollUntil(() => runsOf(job.id), (runs) => runs.filter((run) => run.conversationId !== null).length >= 3, "three runs with their conversations");
    await stack.client.api(`/api/jobs/${job.id}`, { method: "PATCH", body: { isEnabled: false } });
    const ended = await pollUntil(() => runsOf(job.id), (runs) => runs.every((run) => !["queued", "running", "waiting"].includes(run.status)), "the runs to end");
    expect(ended.filter((run) => run.status === "succeeded").length).toBeGreaterThanOrEqual(3);
    const made = ended.filter((run) => run.conversationId !== null).length;
    const page = await stack.devices.open("phone", `#/s/${session.id}`);
    const list = page.getByRole("region", { name: "Conversations" });
    const toggle = list.getByRole("button", { name: `${made - 1} earlier runs of Check in` });
    await toggle.waitFor({ timeout: 15_000 });
    // The session's own Task, and the job's latest run: two rows however often the job ran.
    await expect.poll(() => list.getByRole("button", { name: /^Delete / }).count()).toBe(2);
    expect(await list.getByText(/^run /).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "jobs-ui-fixed-session-runs-390.png") });
    await toggle.click();
    await expect.poll(() => list.getByRole("list", { name: "Earlier runs of Check in" }).getByRole("listitem").count()).toBe(made - 1);
    await page.getByRole("button", { name: "Open menu" }).click();
    const menu = page.getByRole("navigation", { name: "Conversations menu" });
    // The same store showed the runs above: the list has them, and leaves them out.
    await menu.getByRole("list", { name: "Conversations" }).waitFor();
    expect(await menu.getByRole("list", { name: "Conversations" }).getByText("Check in").count()).toBe(0);
  });

  it("keeps the keyboard on a job's Pause / Resume as one becomes the other, and hands it to the next card when a job is deleted", async () => {
    const create = async (name: string) => (await stack.client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name, prompt: "Say hi", schedule: { kind: "interval", every: 1, unit: "days" } } })).job;
    const [first, second] = [await create("Keys first"), await create("Keys second")];
    const page = await stack.devices.open("desktop", "#/jobs");
    const focused = () => page.evaluate(() => `${document.activeElement?.closest("article")?.getAttribute("aria-label") ?? "-"} / ${document.activeElement?.textContent ?? ""}`);
    const card = page.getByRole("article", { name: "Job Keys first" });
    await card.getByRole("button", { name: "Pause" }).focus();
    await page.keyboard.press("Enter");
    await card.getByRole("button", { name: "Pause job" }).waitFor();
    await page.keyboard.press("Enter");
    await card.getByRole("button", { name: "Resume" }).waitFor();
    // The button drawn in place of the other took it; it fell to the page's body.
    await expect.poll(focused).toBe("Job Keys first / Resume");
    await page.keyboard.press("Enter");
    await card.getByRole("button", { name: "Pause" }).waitFor();
    await expect.poll(focused).toBe("Job Keys first / Pause");
    await card.getByRole("button", { name: "Delete" }).focus();
    await page.keyboard.press("Enter");
    await card.getByRole("button", { name: "Delete job" }).waitFor();
    await page.keyboard.press("Enter");
    await card.waitFor({ state: "detached" });
    await expect.poll(focused).toBe("Job Keys second / Run now");
    expect((await stack.client.api<{ jobs: Job[] }>("/api/jobs")).jobs.map((job) => job.id)).not.toContain(first.id);
    await stack.client.api(`/api/jobs/${second.id}`, { method: "DELETE" });
  });

  const workspaceId = async () => (await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces")).workspaces[0]!.id;
  const runsOf = async (jobId: string) => (await stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${jobId}`)).runs;

  /** The Jobs screen and the open job form fit the phone's width. */
  async function checkPhone(width: number): Promise<void> {
    const phone = await stack.openAt({ width, height: 844 }, "");
    try {
      await phone.getByRole("button", { name: "Open menu" }).click();
      await phone.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Jobs", exact: true }).click();
      await phone.getByRole("article", { name: "Job Deps" }).waitFor();
      await phone.waitForFunction(() => (document.querySelector('nav[aria-label="Conversations menu"]')?.getBoundingClientRect().right ?? 0) <= 0);
      await phone.getByRole("button", { name: "New job" }).click();
      await phone.getByRole("button", { name: "Create job" }).scrollIntoViewIfNeeded();
      await phone.screenshot({ path: join(SHOTS, `jobs-ui-phone-${width}.png`), fullPage: true });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    } finally {
      await phone.close();
    }
  }
});
