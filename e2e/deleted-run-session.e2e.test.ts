import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { openSignedIn, SCREEN_SIZES } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/**
 * A "once" job run by hand before its time, then its run's session deleted from the session's menu: the dialog says a
 * job run uses the session; the run's page says the session was deleted and offers nothing that needs it; the
 * conversation's address is one plain "does not exist" screen with no composer; the job's card says the run by hand
 * left the timed run to come. At 390 px and a desktop.
 */
describe("a job run's session deleted", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let client: ChatmlClient;
  let job: Job;
  let run: Run;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-deleted-run"));
    repo = await makeTempRepo();
    client = new ChatmlClient({ url: server.origin, token: server.token });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const at = Date.now() + 3 * 3_600_000;
    ({ job } = await client.api<{ job: Job }>("/api/jobs", { body: { workspaceId: workspace.id, name: "Fake job", prompt: "Say hello @@text", schedule: { kind: "once", at } } }));
    ({ run } = await client.api<{ run: Run }>(`/api/jobs/${job.id}/run`, { body: {} }));
    for (let i = 0; i < 600 && run.status !== "succeeded"; i++) {
      await Bun.sleep(100);
      ({ run } = await client.api<{ run: Run }>(`/api/runs/${run.id}`));
    }
    if (run.status !== "succeeded") throw new Error(`the run did not succeed: ${JSON.stringify(run)}`);
  });
  afterAll(async () => {
    await stopStack({ api, server, browser });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it("warns before, then shows the run without dead links and the conversation as gone", async () => {
    const deleting = await openSignedIn(browser, server, "phone", `#/s/${run.sessionId}`);
    try {
      const { page } = deleting;
      await page.getByRole("button", { name: "Session menu" }).click();
      await page.getByRole("button", { name: "Delete session…" }).click();
      await page.getByText("This session holds the run of job “Fake job”; the run's record stays, its work goes.").waitFor();
      await page.screenshot({ path: join(SHOTS, "deleted-run-phone-dialog.png") });
      await page.getByRole("button", { name: "Delete session", exact: true }).click();
      await expect.poll(async () => (await client.api<{ sessions: { id: string }[] }>("/api/sessions")).sessions.some((s) => s.id === run.sessionId)).toBe(false);
    } finally {
      await deleting.context.close();
    }

    for (const [size] of SCREEN_SIZES) {
      const { context, page } = await openSignedIn(browser, server, size, `#/r/${run.id}`);
      try {
        const requests: string[] = [];
        page.on("response", (response) => void (response.status() === 404 && requests.push(response.url())));
        await page.getByText("This run's session was deleted, and with it the run's conversation and its changes.", { exact: false }).waitFor();
        await page.getByText("Scheduler log").waitFor();
        // The ways to another screen are links (ADR 0268), what acts is a button: neither is offered.
        for (const name of ["Open session", "Open full timeline"]) expect(await page.getByRole("link", { name }).count()).toBe(0);
        for (const name of ["Open a pull request", "Write the summary again"]) expect(await page.getByRole("button", { name }).count()).toBe(0);
        expect(await page.getByText("Succeeded", { exact: true }).count()).toBeGreaterThan(0);
        expect(await page.getByText(/does not exist/).count()).toBe(0);
        await page.screenshot({ path: join(SHOTS, `deleted-run-${size}-details.png`) });

        await page.goto(`${server.origin}/#/c/${run.conversationId}`);
        await page.getByText("This conversation does not exist (any more).").waitFor();
        expect(await page.getByRole("textbox").count()).toBe(0);
        expect(await page.getByText("Idle").count()).toBe(0);
        await page.screenshot({ path: join(SHOTS, `deleted-run-${size}-conversation.png`) });
        // Only the conversation itself was asked for: not its history, queue or commands.
        expect(requests.map((url) => new URL(url).pathname)).toEqual(requests.map(() => `/api/conversations/${run.conversationId}`));
        await page.getByRole("link", { name: "Go to Home" }).click();
        await expect.poll(() => new URL(page.url()).hash).toBe("");

        await page.goto(`${server.origin}/#/jobs`);
        const card = page.getByRole("article", { name: "Job Fake job" });
        await card.getByTestId("job-timing").waitFor();
        expect(await card.getByTestId("job-timing").textContent()).toMatch(/^Runs once at .+; ran now at .+, and still runs at its time$/);
        expect(await card.getByText(/^Next run/).count()).toBe(0);
        expect(await card.getByRole("link", { name: "Open run of Fake job" }).count()).toBe(0);
        await page.screenshot({ path: join(SHOTS, `deleted-run-${size}-job-card.png`) });

        await page.getByRole("button", { name: "New job" }).click();
        const form = page.getByRole("form", { name: "New job" });
        await form.getByRole("combobox", { name: "Schedule: kind" }).selectOption("interval");
        await form.getByRole("combobox", { name: "Schedule: unit" }).scrollIntoViewIfNeeded();
        const boxes = await form.getByRole("group", { name: "Schedule" }).evaluate((group) =>
          [...group.querySelectorAll("select, input")].map((el) => ({ right: el.getBoundingClientRect().right, parent: group.getBoundingClientRect().right })),
        );
        for (const box of boxes) expect(box.right).toBeLessThanOrEqual(box.parent + 0.5);
        await page.screenshot({ path: join(SHOTS, `deleted-run-${size}-schedule-every.png`) });
        await form.getByRole("combobox", { name: "Schedule: kind" }).selectOption("once");
        await form.getByTestId("schedule-preview").filter({ hasText: /^once, / }).waitFor();
        await page.screenshot({ path: join(SHOTS, `deleted-run-${size}-schedule-once.png`) });
      } finally {
        await context.close();
      }
    }
  });
});
