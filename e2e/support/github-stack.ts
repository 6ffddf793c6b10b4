import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { git } from "../../server/git/index.ts";
import { makeTempRepo } from "../../server/git/test-support.ts";
import { startFakeGithub, type FakeGithub } from "../fake-github/server.ts";
import { startFakeLinear, type FakeLinear } from "../fake-linear/server.ts";
import { ChatmlClient } from "./chatml-client.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerAndBrowser, tempDir, type ChatmlServer, type FakeApi } from "../harness/index.ts";

export const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/** A ChatML server beside the fake Anthropic API and a fake GitHub that hosts `owner/name`, backed by a bare repo. */
export type GithubStack = { api: FakeApi; github: FakeGithub; server: ChatmlServer; browser: Browser; repo: string; bare: string };

type Options = {
  /** Prefix of the temp folders (tells runs apart in a listing). */
  name: string;
  owner: string;
  repoName: string;
  /** A token the fake GitHub accepts. */
  token: string;
  /** `CHATML_GITHUB_POLL_MS`: "0" switches polling off; a test that drives polling sets a short interval. */
  pollMs?: string;
  /** Runs in the new repository before its first push (e.g. to add a pull request template). */
  prepareRepo?: (repo: string) => Promise<void>;
  /** More environment for the server (e.g. `CHATML_LINEAR_API_URL` for a fake Linear beside it). */
  env?: Record<string, string>;
};

/**
 * Starts the stack: a local repository whose `origin` is the fake GitHub's URL (rewritten to the bare repository, so
 * pushes land there), its `main` pushed, the real CLI 2.1.330, and Chromium.
 */
export async function startGithubStack(options: Options): Promise<GithubStack> {
  mkdirSync(SHOTS, { recursive: true });
  const api = startFakeApi({ port: 0 });
  const github = startFakeGithub();
  github.tokens.set(options.token, null);
  const bare = tempDir(`${options.name}-bare`);
  await git(bare, ["init", "--quiet", "--bare", "--initial-branch=main"]);
  const repo = await makeTempRepo();
  const remote = `${github.url}/${options.owner}/${options.repoName}.git`;
  await git(repo, ["remote", "add", "origin", remote]);
  await git(repo, ["config", `url.${bare}.insteadOf`, remote]);
  await options.prepareRepo?.(repo);
  await git(repo, ["push", "--quiet", "origin", "main"]);
  github.addRepo(options.owner, options.repoName, bare);
  const env = { ...cliEnv({ apiUrl: api.url, home: tempDir(`${options.name}-home`) }), CHATML_GITHUB_POLL_MS: options.pollMs ?? "0", ...options.env };
  const { server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir(`${options.name}-data`), claudeBin: cliBinPath("2.1.330"), env }));
  return { api, github, server, browser, repo, bare };
}

/** Stops whatever of the stack started, and removes its repositories. */
export async function stopGithubStack(stack: Partial<GithubStack> | undefined): Promise<void> {
  await stack?.browser?.close();
  await stack?.server?.stop();
  await stack?.github?.stop();
  await stack?.api?.stop();
  for (const dir of [stack?.repo, stack?.bare]) if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A GitHub stack with a fake Linear beside it, both connected, and the ChatML client that connected them. */
export type GithubLinearStack = GithubStack & { linear: FakeLinear; client: ChatmlClient };

/**
 * Starts a GitHub stack with a fake Linear before the tests of the `describe` it is called in, connects both (Linear
 * moving issues by itself), and stops them after; the object's fields are set from the first test on.
 * @example const stack = githubLinearStack({ name: "chatml-hold", token, linearKey }); it("…", () => stack.linear.addIssue(…));
 */
export function githubLinearStack(options: { name: string; token: string; linearKey: string }): GithubLinearStack {
  const stack = {} as GithubLinearStack;
  beforeAll(async () => {
    stack.linear = startFakeLinear();
    stack.linear.apiKeys.add(options.linearKey);
    const env = { CHATML_LINEAR_API_URL: stack.linear.url };
    Object.assign(stack, await startGithubStack({ name: options.name, owner: "acme", repoName: "widgets", token: options.token, env }));
    stack.client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    await stack.client.api("/api/integrations/github", { method: "PUT", body: { token: options.token, baseUrl: stack.github.url } });
    await stack.client.api("/api/integrations/linear", { method: "PUT", body: { apiKey: options.linearKey } });
    await stack.client.api("/api/integrations/linear/settings", { method: "PUT", body: { isAutoStatus: true } });
  });
  afterAll(async () => {
    await stopGithubStack(stack);
    await stack.linear?.stop();
  });
  return stack;
}
