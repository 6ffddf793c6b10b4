import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job, Run } from "../shared/protocol/jobs.ts";
import type { Session } from "../shared/protocol/model.ts";
import { commitFile } from "../server/git/test-support.ts";
import type { FakeGithub } from "./fake-github/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { pollUntil } from "./support/poll-until.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";
import type { ChatmlServer } from "./harness/index.ts";
import { signIn } from "./support/signed-in-page.ts";

const TOKEN = "github_pat_11E2E0000000000000jobs";

/** A finished job run becomes a pull request from its run screen: the branch is pushed, drafted and opened on (fake) GitHub. */
describe("run → pull request", () => {
  let stack: GithubStack | undefined;
  let github: FakeGithub;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;

  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-jobs-pr", owner: "acme", repoName: "gadgets", token: TOKEN, pollMs: "0" });
    ({ github, server, browser, repo } = stack);
  });

  afterAll(() => stopGithubStack(stack));

  it("pushes the run's branch and opens its PR; a run still going is refused clearly", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: github.url } });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { job } = await client.api<{ job: Job }>("/api/jobs", { body: { workspaceId: workspace.id, name: "Add a gadget", prompt: "Hello @@text", schedule: { kind: "interval", every: 1, unit: "days" } } });
    const { run: queued } = await client.api<{ run: Run }>(`/api/jobs/${job.id}/run`, { method: "POST" });
    await expect(client.api(`/api/runs/${queued.id}/pull-request`, { method: "POST" })).rejects.toThrow(/409.*has not ended yet/);
    const run = await pollUntil(async () => (await client.api<{ run: Run }>(`/api/runs/${queued.id}`)).run, (r) => r.status === "succeeded", "the run to succeed");
    const { session } = await client.api<{ session: Session }>(`/api/sessions/${run.sessionId}`);
    await commitFile(session.cwd, "gadget.ts", "export const gadget = 1;\n"); // what the run changed

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.evaluate((id) => (location.hash = `#/r/${id}`), run.id);
      await page.getByRole("button", { name: "Open a pull request" }).click();
      const link = page.getByRole("link", { name: /Pull request #\d+/ });
      await link.waitFor({ timeout: 60_000 });
      await page.getByText(/Opened pull request #\d+/).waitFor();
      await page.screenshot({ path: join(SHOTS, "jobs-run-pr-phone.png"), fullPage: true });
    } finally {
      await context.close();
    }
    const pull = github.repos.get("acme/gadgets")?.pulls[0];
    expect(pull?.head.ref).toBe(session.branch);
    const { logs } = await client.api<{ logs: { text: string }[] }>(`/api/runs/${run.id}`);
    expect(logs.map((l) => l.text)).toEqual(expect.arrayContaining([`Pushed the branch ${session.branch}.`, expect.stringMatching(/^Opened pull request #\d+: /)]));
  });
});
