import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeGithub, type FakeGithub } from "../../../e2e/fake-github/server.ts";
import { git } from "../../git/index.ts";
import { GithubRepoApi } from "./github-api.ts";
import { createGithubClient } from "./github-client.ts";

const TOKEN = "github_pat_11AAAAAAA0branchsha";
let fake: FakeGithub;
let bare: string;
beforeEach(async () => {
  fake = startFakeGithub();
  fake.tokens.set(TOKEN, null);
  bare = mkdtempSync(join(tmpdir(), "chatml-bare-"));
  await git(bare, ["init", "--quiet", "--bare", "--initial-branch=main"]);
  await git(bare, ["commit-tree", "-m", "first", await git(bare, ["mktree"], { input: "" })]).then((sha) => git(bare, ["update-ref", "refs/heads/main", sha]));
  fake.addRepo("acme", "widgets", bare);
});
afterEach(async () => {
  await fake.stop();
  rmSync(bare, { recursive: true, force: true });
});

const api = (name: string) => new GithubRepoApi(createGithubClient({ token: TOKEN, baseUrl: fake.url }), { owner: "acme", name });

describe("GithubRepoApi.branchSha", () => {
  it("answers a pushed branch's sha, and null for a branch never pushed", async () => {
    expect(await api("widgets").branchSha("main")).toMatch(/^[0-9a-f]{40}$/);
    expect(await api("widgets").branchSha("feature")).toBeNull();
  });

  it("throws GitHub's not-found for a repository the token cannot see, instead of answering 'not pushed'", async () => {
    await expect(api("secret").branchSha("feature")).rejects.toMatchObject({ code: "not_found", message: /^GitHub: not found/ });
  });
});
