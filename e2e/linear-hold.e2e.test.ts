import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { commitFile } from "../server/git/test-support.ts";
import { githubLinearStack, SHOTS } from "./support/github-stack.ts";
import { signIn } from "./support/signed-in-page.ts";

const TOKEN = "github_pat_11E2E0000000000000hold";
const KEY = "lin_api_holdholdholdholdhold";

describe("a Linear issue two sessions share stays In Review after the first merge, and the panel says why", () => {
  const stack = githubLinearStack({ name: "chatml-hold", token: TOKEN, linearKey: KEY });

  it("names the session holding it back, links its PR, on a phone and a desktop; Done once that PR merges", async () => {
    const { client, github, server, browser, repo, linear } = stack;
    const issue = linear.addIssue({ teamKey: "ENG", title: "Export the report" });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    await client.api(`/api/workspaces/${workspace.id}/integrations`, { method: "PUT", body: { archiveOnMerge: false } });
    const sessionWithCommit = async (name: string) => {
      const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name } });
      await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
      const ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session;
      await commitFile(ready.cwd, `${name}.ts`, `export const part = "${name}";\n`);
      await client.api("/api/integrations/linear/links", { body: { sessionId: ready.id, issueId: issue.id } });
      return ready;
    };
    const api = await sessionWithCommit("export-api");
    const web = await sessionWithCommit("export-web");
    const apiPr = (await client.api<{ pullRequest: { number: number } }>(`/api/sessions/${api.id}/pull-request`, { body: { title: "Export API", body: "" } })).pullRequest;
    const webPr = (await client.api<{ pullRequest: { number: number; url: string } }>(`/api/sessions/${web.id}/pull-request`, { body: { title: "Export screen", body: "" } })).pullRequest;
    await expect.poll(() => linear.stateName(issue.id), { timeout: 15_000 }).toBe("In Review");
    const mergeOnGithub = async (sessionId: string, number: number) => {
      github.repos.get("acme/widgets")?.markMerged(number);
      await client.api(`/api/sessions/${sessionId}/pull-request/refresh`, { body: {} });
    };
    await mergeOnGithub(api.id, apiPr.number);

    // The desktop first: the phone then sees the hold lifted.
    for (const size of [{ name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false }, { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true }]) {
      const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.goto(`${server.origin}/#/s/${api.id}`);
      const card = page.getByRole("region", { name: "Linear issue" });
      const note = card.getByRole("note", { name: "Why the issue is not Done" });
      await note.waitFor({ timeout: 20_000 });
      expect(await note.textContent()).toContain(`${issue.identifier} stays In Review after this merge`);
      expect(await note.getByRole("link", { name: `PR #${webPr.number}` }).getAttribute("href")).toBe(webPr.url);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `linear-${size.name}-held-by.png`) });
      if (size.name === "phone") {
        // The other session's merge lifts the hold: the note goes by itself (the panel hears the PR change).
        await mergeOnGithub(web.id, webPr.number);
        await expect.poll(() => linear.stateName(issue.id), { timeout: 15_000 }).toBe("Done");
        await note.waitFor({ state: "detached", timeout: 15_000 });
      }
      await context.close();
    }
  });
});
