import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import type { Session } from "../shared/protocol/model.ts";
import { screenshotOnFailure } from "./harness/failure-context.ts";
import { pollUntil } from "./support/poll-until.ts";
import { SHOTS, repoStack } from "./support/repo-stack.ts";
import { signIn, SCREEN_SIZES } from "./support/signed-in-page.ts";
import type { Page } from "playwright-core";

/** A run's time as a title shows it to this page's viewer (web/src/lib/shown-title.ts): their clock and locale. */
const titleTimeOf = (page: Page, at: number) => page.evaluate((at) => new Date(at).toLocaleString(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }), at);

/**
 * A job's run seen from a browser in another time zone than the server's and the job's: the sidebar's row names the
 * run's time once, on the viewer's clock and in their locale (ADR 0308); it said it twice, the title's "· 7 Dec, 01:33"
 * (the server's clock) and "5:33 PM" (the viewer's) beside it. All sessions, Home, the session and conversation
 * screens and the tabs showed the stored title, on the job's clock: they name it on the viewer's too. At 390 px and a
 * desktop.
 */
describe("a job run's time wherever its title shows", () => {
  const stack = repoStack("chatml-jobs-run-times", async ({ client, repo }) => {
    await client.api("/api/workspaces", { method: "POST", body: { path: repo } });
  });

  /** One run of a job that keeps Tokyo's clock (made once for the file), with its session and conversation. */
  let made: Promise<{ run: Run; session: Session }> | null = null;
  const tokyoRun = () => (made ??= (async () => {
    const { workspaces } = await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const schedule = { kind: "cron", expression: "0 9 * * *", timezone: "Asia/Tokyo" };
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { body: { workspaceId: workspaces[0]!.id, name: "Tokyo check", prompt: "Hello", schedule } });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const [run] = await pollUntil(() => stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`).then((answer) => answer.runs), (runs) => runs[0]?.status === "succeeded", "the run to succeed");
    const { session } = await stack.client.api<{ session: Session }>(`/api/sessions/${run!.sessionId}`);
    // The stored title names the time on the job's clock, in its one fixed format.
    expect(session.title).toMatch(/^Job: Tokyo check · \d{1,2} [A-Z][a-z]{2,3}, \d\d:\d\d$/);
    return { run: run!, session };
  })());

  /**
   * `look` at each screen size as a viewer in Los Angeles (en-US), signed in: another zone than the server's and the
   * job's. A failure keeps a screenshot named by `shot` and the size.
   */
  async function asViewerInLosAngeles(shot: string, look: (page: Page, name: (typeof SCREEN_SIZES)[number][0]) => Promise<void>): Promise<void> {
    for (const [name, viewport] of SCREEN_SIZES) {
      const context = await stack.browser.newContext({ viewport, timezoneId: "America/Los_Angeles", locale: "en-US", ...(name === "phone" ? { isMobile: true, hasTouch: true } : {}) });
      const page = await context.newPage();
      try {
        await screenshotOnFailure(page, join(SHOTS, `${shot}${name}-failure.png`), async () => {
          await signIn(page, stack.server.url);
          await look(page, name);
        });
      } finally {
        await context.close();
      }
    }
  }

  it("is shown once, on the viewer's clock, for a job that keeps Tokyo's", async () => {
    const { session } = await tokyoRun();
    await asViewerInLosAngeles("jobs-run-times-", async (page, name) => {
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
  });

  it("is on the viewer's clock on All sessions, Home, the session and conversation screens and their tabs", async () => {
    const { run, session } = await tokyoRun();
    const { conversation } = await stack.client.api<{ conversation: { title: string; createdAt: number } }>(`/api/conversations/${run.conversationId}`);
    await asViewerInLosAngeles("jobs-run-times-lists-", async (page, name) => {
      const sessionShown = `Job: Tokyo check · ${await titleTimeOf(page, session.createdAt)}`;
      const conversationShown = `Tokyo check · ${await titleTimeOf(page, conversation.createdAt)}`;
      // The stored titles say Tokyo's 24-hour time; Los Angeles' en-US reads "Dec 6, 4:00 PM": never the same text.
      expect(sessionShown).not.toBe(session.title);

      await page.goto(`${stack.server.origin}/#/sessions`);
      const table = page.getByRole("list", { name: "Session list" });
      await table.getByText(sessionShown, { exact: true }).waitFor();
      await page.screenshot({ path: join(SHOTS, `jobs-run-times-all-sessions-${name}.png`) });
      await page.goto(`${stack.server.origin}/#/`);
      await page.getByRole("list", { name: "Session list" }).getByText(sessionShown, { exact: true }).waitFor();

      await page.goto(`${stack.server.origin}/#/s/${session.id}`);
      await page.getByRole("heading", { name: sessionShown, exact: true }).waitFor();
      await page.goto(`${stack.server.origin}/#/c/${run.conversationId}`);
      await page.getByRole("heading", { name: conversationShown, exact: true }).waitFor();
      if (name === "desktop") {
        const tabs = page.getByRole("navigation", { name: "Tabs" });
        await tabs.getByRole("link", { name: conversationShown, exact: true }).waitFor();
        await tabs.getByRole("link", { name: new RegExp(`^${sessionShown}`) }).waitFor();
      }
      await page.screenshot({ path: join(SHOTS, `jobs-run-times-conversation-${name}.png`) });
      expect(await page.getByText(session.title!, { exact: true }).count()).toBe(0);
    });
  });

  it("names a failed run on Home's Needs attention by its job and its own start, on the viewer's clock", async () => {
    const { workspaces } = await stack.client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
    const schedule = { kind: "cron", expression: "0 9 * * *", timezone: "Asia/Tokyo" };
    // No retry and no corrective run: the failure stays the job's latest run, so Home keeps it.
    const body = { workspaceId: workspaces[0]!.id, name: "Tokyo broken", prompt: "Break @@err400", schedule, maxRetries: 0, isCorrectiveEnabled: false };
    const { job } = await stack.client.api<{ job: Job }>("/api/jobs", { body });
    await stack.client.api(`/api/jobs/${job.id}/run`, { method: "POST" });
    const [run] = await pollUntil(() => stack.client.api<{ runs: Run[] }>(`/api/runs?jobId=${job.id}`).then((answer) => answer.runs), (runs) => runs[0]?.status === "failed", "the run to fail");
    await asViewerInLosAngeles("jobs-run-times-home-", async (page, name) => {
      await page.goto(`${stack.server.origin}/#/`);
      const item = page.locator('[data-testid="attention-item"][data-run-status="failed"]');
      // It said only "Job: Tokyo broken", whichever of the job's runs failed.
      await expect.poll(() => item.textContent()).toMatch(new RegExp(`^Job: Tokyo broken · ${await titleTimeOf(page, run!.startedAt!)}Failed: `));
      await page.screenshot({ path: join(SHOTS, `jobs-run-times-home-${name}.png`) });
    });
  });
});
