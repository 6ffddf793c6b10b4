import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import type { ChatmlServer } from "./harness/index.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SHOTS, startGithubStack, stopGithubStack, type GithubStack } from "./support/github-stack.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const TOKEN = "github_pat_11E2E00000000000noremote";

/** GitHub connected, a session in a repository with no remote, or with origin on another host: the PR card says so. */
describe("the pull request card of a repository without a GitHub remote", () => {
  let stack: GithubStack | undefined;
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;
  let client: ChatmlClient;
  const repos: string[] = [];

  beforeAll(async () => {
    stack = await startGithubStack({ name: "chatml-noremote", owner: "acme", repoName: "widgets", token: TOKEN, pollMs: "0" });
    ({ server, browser } = stack);
    devices = new SignedInDevices(browser, server);
    client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/github", { method: "PUT", body: { token: TOKEN, baseUrl: stack.github.url } });
  });

  afterAll(async () => {
    await devices?.closePages();
    await stopGithubStack(stack);
    for (const repo of repos) rmSync(repo, { recursive: true, force: true });
  });

  /** A ready session in a new repository whose origin is `remote` (none when null). */
  async function sessionIn(remote: string | null, name: string): Promise<Session> {
    const repo = await makeTempRepo();
    repos.push(repo);
    if (remote) await git(repo, ["remote", "add", "origin", remote]);
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const { session } = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id, name } });
    await expect.poll(async () => (await client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session.setup?.status, { timeout: 30_000 }).toBe("ready");
    return session;
  }

  it.each([
    ["no remote", null, /This repository has no remote, so there is no GitHub repository to open a pull request for/],
    ["a GitLab remote", "https://gitlab.example.com/acme/widgets.git", /origin \(https:\/\/gitlab\.example\.com\/acme\/widgets\.git\) is not on 127\.0\.0\.1:\d+/],
  ])("with %s says what is true on a phone and a desktop, and offers no Connect GitHub, Create or Check GitHub", async (label, remote, text) => {
    const session = await sessionIn(remote, label.toLowerCase().replace(/\W+/g, "-"));
    for (const size of ["phone", "desktop"] as const) {
      const page = await devices.open(size, `#/s/${session.id}`);
      const panel = page.getByRole("region", { name: "Pull request" });
      const note = panel.getByRole("note", { name: "No GitHub remote" });
      await note.waitFor({ timeout: 30_000 });
      expect(await note.innerText()).toMatch(text);
      expect(await panel.getByRole("button").count()).toBe(0);
      expect(await panel.getByText(/Connect GitHub/).count()).toBe(0);
      expect(await unnamedControls(page)).toEqual([]);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `github-${size}-pr-card-${label.replace(/\W+/g, "-")}.png`) });
    }
  });
});
