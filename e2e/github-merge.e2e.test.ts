import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { commitFile } from "../server/git/test-support.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { signIn } from "./support/signed-in-page.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";

const TOKEN = "github_pat_11E2E0000000000000merge";

/** Merge tapped while the card still says "Checking mergeability" (no poll since the PR opened), and main conflicts. */
describe("a merge GitHub refuses, on a phone and a desktop", () => {
  let stack: GithubStack | undefined;
  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-gh-merge", owner: "acme", repoName: "widgets", token: TOKEN });
  });
  afterAll(() => stopGithubStack(stack));

  it("shows why (Conflicts) on the card and says what to do next", async () => {
    const { server, github, browser, repo } = stack as GithubStack;
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name: "widget" } });
    let ready = session;
    await expect.poll(async () => (ready = (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session).setup?.status, { timeout: 30_000 }).toBe("ready");
    await commitFile(ready.cwd, "widget.ts", "export const widget = 1;\n");
    await git(ready.cwd, ["push", "--quiet", "origin", ready.branch as string]);
    await client.api(`/api/sessions/${session.id}/pull-request`, { body: { title: "Widget", body: "" } });
    await commitFile(repo, "widget.ts", "export const widget = 2;\n");
    await git(repo, ["push", "--quiet", "origin", "main"]);

    for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1440, height: 900 }]] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.goto(`${server.origin}/#/s/${session.id}`);
      const panel = page.getByRole("region", { name: "Pull request" });
      await panel.getByRole("button", { name: "Merge", exact: true }).click();
      await panel.getByText(new RegExp(`#1 conflicts with main: merge main into ${ready.branch} .*push, then merge again`)).waitFor({ timeout: 15_000 });
      await panel.getByText("· Conflicts", { exact: true }).waitFor({ timeout: 15_000 });
      expect(github.repos.get("acme/widgets")?.pulls[0]?.state).toBe("open");
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${name}-merge-refused.png`) });
      await context.close();
    }
  });
});
