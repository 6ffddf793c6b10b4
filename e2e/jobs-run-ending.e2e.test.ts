import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1440, height: 900 }];

/**
 * A run's conversation ended with "Send a message to resume", and its session named no run or job: it offers the
 * run's summary, Run again and the job, and its header leads back to the run. A day job saved without a zone offers
 * this device's zone in the words that fit (ADR 0130).
 */
describe("a job run's ended conversation", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let client: ChatmlClient;
  let devices: SignedInDevices;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-jobs-run-ending"));
    repo = await makeTempRepo();
    client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/workspaces", { method: "POST", body: { path: repo } });
    devices = new SignedInDevices(browser, server);
  });
  afterEach(async () => {
    await devices.closePages();
  });
  afterAll(async () => {
    await devices?.close();
    await stopStack({ api, server, browser });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  const workspaceId = async () => (await client.api<{ workspaces: { id: string }[] }>("/api/workspaces")).workspaces[0]!.id;

  it("offers the run's summary, Run again and the job, and the session's header leads to the run", async () => {
    const { job } = await client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Nightly tidy", prompt: "Tidy @@text", schedule: { kind: "cron", expression: "0 3 1 1 *", timezone: "UTC" } } });
    await client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const run = await pollUntil(async () => (await client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`)).runs[0], (r) => r?.status === "succeeded" && r.conversationId !== null, "the run to succeed");
    for (const viewport of VIEWPORTS) {
      const page = await openAt(viewport, `#/c/${run!.conversationId}`);
      const ending = page.getByTestId("process-exited");
      await ending.waitFor({ timeout: 60_000 });
      await ending.getByRole("button", { name: "Run again" }).waitFor();
      await ending.getByRole("button", { name: "See the run's summary" }).waitFor();
      expect(await page.getByText("Send a message to resume.").count()).toBe(0);
      await ending.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `jobs-run-ending-${viewport.width}.png`) });
      // The desktop's header row names the run; a phone's chat has none: its session menu does.
      if (viewport.width < 768) await page.getByRole("button", { name: "Session menu" }).click();
      await page.getByRole("button", { name: "Run: Nightly tidy" }).first().waitFor();
      if (viewport.width < 768) {
        await page.screenshot({ path: join(SHOTS, `jobs-run-ending-menu-${viewport.width}.png`) });
        await page.getByRole("button", { name: "Close details" }).click();
      }
      expect(await unnamedControls(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await ending.getByRole("button", { name: "See the run's summary" }).click();
      await page.waitForURL(new RegExp(`#/r/${run!.id}$`));
    }
  });

  it("offers this device's zone to a day job saved without one, in the words that fit", async () => {
    await client.api<{ job: Job }>("/api/jobs", { method: "POST", body: { workspaceId: await workspaceId(), name: "Old daily", prompt: "Check @@text", schedule: { kind: "interval", every: 1, unit: "days" } } });
    for (const viewport of VIEWPORTS) {
      const page = await openAt(viewport, "#/jobs");
      const card = page.getByRole("article", { name: "Job Old daily" });
      await card.getByRole("button", { name: /(Use|Pin to) my time zone/ }).waitFor({ timeout: 30_000 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `jobs-zone-offer-${viewport.width}.png`) });
    }
  });

  async function openAt(viewport: { width: number; height: number }, hash: string): Promise<Page> {
    const page = await devices.open(viewport.width > 400 ? "desktop" : "phone", hash);
    await page.setViewportSize(viewport);
    return page;
  }
});

async function pollUntil<T>(read: () => Promise<T>, test: (value: T) => boolean, what: string, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (test(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
