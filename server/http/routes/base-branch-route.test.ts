import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeGithub, type FakeGithub } from "../../../e2e/fake-github/server.ts";
import type { FakeRepo } from "../../../e2e/fake-github/fake-repo.ts";
import type { PullRequest } from "../../../shared/protocol/integrations.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import { git } from "../../git/git.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/*
 * PUT /api/sessions/:id/base-branch with `isHereOnly` while GitHub is connected (ADR 0158, amended by 0168): a choice
 * the server keeps — the session compares against the new base, the PR keeps its own on GitHub — and the same call
 * without it, naming the session's base, is the PR card's one action that moves the PR onto it.
 */
const TOKEN = "github_pat_11ROUTE0000000000base";
let server: TestServer;
let github: FakeGithub;
let ghRepo: FakeRepo;
let repo: string;
let bare: string;

beforeAll(async () => {
  github = startFakeGithub();
  github.tokens.set(TOKEN, null);
  bare = mkdtempSync(join(tmpdir(), "chatml-bare-"));
  await git(bare, ["init", "--quiet", "--bare", "--initial-branch=main"]);
  appendFileSync(join(bare, "config"), "[receive]\n\tautogc = false\n");
  repo = await makeTempRepo();
  const remoteUrl = `${github.url}/acme/widgets.git`;
  await git(repo, ["remote", "add", "origin", remoteUrl]);
  await git(repo, ["config", `url.${bare}.insteadOf`, remoteUrl]);
  await git(repo, ["push", "--quiet", "origin", "main"]);
  await git(repo, ["checkout", "--quiet", "-b", "release"]);
  await commitFile(repo, "release.txt", "release\n");
  await git(repo, ["push", "--quiet", "origin", "release"]);
  await git(repo, ["checkout", "--quiet", "main"]);
  ghRepo = github.addRepo("acme", "widgets", bare);
  server = await startTestServer({ env: { CHATML_GITHUB_POLL_MS: "0" } });
});

afterAll(async () => {
  await server?.cleanup();
  await github?.stop();
  for (const dir of [repo, bare]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function call<T>(path: string, method = "GET", body?: unknown): Promise<{ status: number; json: T }> {
  const response = await api(server, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as T };
}

it("with GitHub connected, 'here only' changes the session and keeps the PR's base; the same call without it moves the PR onto the session's base, and a read from GitHub agrees", async () => {
  expect((await call("/api/integrations/github", "PUT", { token: TOKEN, baseUrl: github.url })).status).toBe(200);
  const { json: made } = await call<{ workspace: { id: string } }>("/api/workspaces", "POST", { path: repo });
  const { json: created } = await call<{ session: Session }>("/api/sessions", "POST", { workspaceId: made.workspace.id, name: "here-only" });
  const sessionPath = `/api/sessions/${created.session.id}`;
  await expect.poll(async () => (await call<{ session: Session }>(sessionPath)).json.session.setup?.status, { timeout: 30_000 }).toBe("ready");
  const { session } = (await call<{ session: Session }>(sessionPath)).json;
  await commitFile(session.cwd, "widget.ts", "export const widget = 1;\n");
  const opened = await call<{ pullRequest: PullRequest }>(`${sessionPath}/pull-request`, "POST", { title: "Widget", body: "" });
  expect(opened.status).toBe(201);
  const number = opened.json.pullRequest.number;
  const onGithub = () => ghRepo.pulls.find((p) => p.number === number)?.base.ref;

  const hereOnly = await call<{ session: Session; pullRequest: PullRequest }>(`${sessionPath}/base-branch`, "PUT", { baseBranch: "release", isHereOnly: true });
  expect(hereOnly.status).toBe(200);
  expect(hereOnly.json.session.baseBranch).toBe("release");
  expect(hereOnly.json.pullRequest).toMatchObject({ number, baseRef: "main" });
  expect(onGithub()).toBe("main");
  expect((await call<{ pullRequest: PullRequest }>(`${sessionPath}/pull-request`)).json.pullRequest.baseRef).toBe("main");

  // The card's "Move #N onto release": the session's own base again, without "here only".
  const moved = await call<{ session: Session; pullRequest: PullRequest }>(`${sessionPath}/base-branch`, "PUT", { baseBranch: "release" });
  expect(moved.status).toBe(200);
  expect(moved.json).toMatchObject({ session: { baseBranch: "release" }, pullRequest: { number, baseRef: "release" } });
  expect(onGithub()).toBe("release");
  const refreshed = await call<{ pullRequest: PullRequest }>(`${sessionPath}/pull-request/refresh`, "POST");
  expect(refreshed.json.pullRequest.baseRef).toBe("release");
  expect((await call<{ session: Session }>(sessionPath)).json.session.baseBranch).toBe("release");
});
