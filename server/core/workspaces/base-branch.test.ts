import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { git } from "../../git/index.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let repo: string;
let scratch: string;
let workspace: Workspace;

/** A repository with an origin (a bare repository) and a second clone that pushes branches to it. */
beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
  scratch = mkdtempSync(join(tmpdir(), "chatml-base-"));
  const bare = join(scratch, "origin.git");
  await git(scratch, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  await git(repo, ["remote", "add", "origin", bare]);
  await git(repo, ["push", "--quiet", "origin", "main"]);
  workspace = await kit.workspaces.createWorkspace({ path: repo });
});
afterEach(async () => {
  await Promise.all(kit.sessions.list().map((s) => kit.sessions.whenReady(s.id)));
  kit.close();
  for (const dir of [repo, scratch, kit.dataDir]) rmSync(dir, { recursive: true, force: true });
});

async function readySession(input: { baseBranch?: string }) {
  const { session } = await kit.sessions.create({ workspaceId: workspace.id, ...input });
  await kit.sessions.whenReady(session.id);
  return kit.sessions.get(session.id);
}

describe("a session's base branch", () => {
  it("defaults to the workspace's default branch", async () => {
    const session = await readySession({});
    expect(session).toMatchObject({ baseBranch: "main", problem: null, baseSha: await git(repo, ["rev-parse", "main"]) });
  });

  it("can be another local branch: the new branch starts there", async () => {
    await git(repo, ["checkout", "--quiet", "-b", "release/2.0"]);
    await commitFile(repo, "release.txt", "2.0\n");
    await git(repo, ["checkout", "--quiet", "main"]);
    const session = await readySession({ baseBranch: "release/2.0" });
    expect(session).toMatchObject({ baseBranch: "release/2.0", problem: null });
    expect(await git(session.cwd, ["rev-parse", "HEAD"])).toBe(await git(repo, ["rev-parse", "release/2.0"]));
  });

  it("can be a branch that exists only on origin: it starts from origin's commit", async () => {
    const other = join(scratch, "other");
    await git(scratch, ["clone", "--quiet", join(scratch, "origin.git"), other]);
    await git(other, ["checkout", "--quiet", "-b", "staging"]);
    await commitFile(other, "staging.txt", "from the other machine\n");
    await git(other, ["push", "--quiet", "origin", "staging"]);
    const sha = await git(other, ["rev-parse", "HEAD"]);
    await git(repo, ["fetch", "--quiet", "origin"]);
    expect((await kit.sessions.branches(workspace.id)).originOnly).toEqual(["staging"]);

    const session = await readySession({ baseBranch: "staging" });
    expect(session).toMatchObject({ baseBranch: "staging", problem: null, baseSha: sha, warnings: [] });
    expect(await git(session.cwd, ["rev-parse", "HEAD"])).toBe(sha);
  });

  it("refuses a missing or malformed base with a clear error, creating nothing", async () => {
    await expect(kit.sessions.create({ workspaceId: workspace.id, baseBranch: "no-such-base" })).rejects.toMatchObject({
      code: "bad_request",
      message: 'The base branch "no-such-base" does not exist, neither here nor on origin.',
    });
    await expect(kit.sessions.create({ workspaceId: workspace.id, baseBranch: "bad..name" })).rejects.toMatchObject({ code: "bad_request" });
    expect(kit.sessions.list()).toEqual([]);
  });
});
