import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import type { Session } from "../shared/protocol/model.ts";
import { screenshotOnFailure } from "./harness/failure-context.ts";
import { pollUntil } from "./support/poll-until.ts";
import { SHOTS, repoStack } from "./support/repo-stack.ts";
import { signIn, SCREEN_SIZES } from "./support/signed-in-page.ts";

/**
 * A job's run in the sidebar, seen from a browser in another time zone than the server's and the job's: its row
 * names the run's time once, on the viewer's clock and in their locale (ADR 0308). It said it twice: the title's
 * "· 7 Dec, 01:33" (the server's clock) and "5:33 PM" (the viewer's) beside it. At 390 px and a desktop.
 */
describe("a job run's time in the sidebar", () => {
  const stack = repoStack("chatml-jobs-run-times", async ({ client, repo }) => {
    await client.api("/api/workspaces", { method: "POST", body: { path: repo } });
  });

  it("is shown once, on the viewer's clock, for a job that keeps Tokyo's", async () => {
    const { workspaces } = await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const schedule = { kind: "cron", expression: "0 9 * * *", timezone: "Asia/Tokyo" };
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { body: { workspaceId: workspaces[0]!.id, name: "Tokyo check", prompt: "Hello", schedule } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const [run] = await pollUntil(() => stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`).then((answer) => answer.runs), (runs) => runs[0]?.status === "succeeded", "the run to succeed");
    const { session } = await stack.client.api<{ session: Session }>(`/api/sessions/${run!.sessionId}`);
    // The stored title names the time on the job's clock, in its one fixed format.
    expect(session.title).toMatch(/^Job: Tokyo check · \d{1,2} [A-Z][a-z]{2,3}, \d\d:\d\d$/);
    for (const [name, viewport] of SCREEN_SIZES) {
      const context = await stack.browser.newContext({ viewport, timezoneId: "America/Los_Angeles", locale: "en-US", ...(name === "phone" ? { isMobile: true, hasTouch: true } : {}) });
      const page = await context.newPage();
      try {
        await screenshotOnFailure(page, join(SHOTS, `jobs-run-times-${name}-failure.png`), async () => {
          await signIn(page, stack.server.url);
          if (name === "phone") await page.getByRole("button", { name: "Open menu" }).click();
          const row = page.getByRole("list", { name: /^Sessions of / }).getByRole("link", { name: /Tokyo check/ });
          await row.waitFor();
          // As the sidebar writes it (web/src/lib/when.ts): the time alone today, else the day too.
          const viewerTime = await page.evaluate((at) => {
            const isToday = new Date(at).toDateString() === new Date().toDateString();
            return new Date(at).toLocaleString(undefined, isToday ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
          }, session.createdAt);
          expect(await row.textContent()).toBe(`Job: Tokyo check${viewerTime}`);
          await page.screenshot({ path: join(SHOTS, `jobs-run-times-${name}.png`) });
        });
      } finally {
        await context.close();
      }
    }
  });
});
