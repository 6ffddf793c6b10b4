import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { branchExists, git } from "../../git/index.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let repo: string;
let scratch: string;
let other: string;
let workspace: Workspace;

/** A repository whose origin (a bare repository) gets branches pushed from another clone ("another machine"). */
beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
  scratch = mkdtempSync(join(tmpdir(), "chatml-origin-"));
  const bare = join(scratch, "origin.git");
  await git(scratch, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  await git(repo, ["remote", "add", "origin", bare]);
  await git(repo, ["push", "--quiet", "origin", "main"]);
  other = join(scratch, "other");
  await git(scratch, ["clone", "--quiet", bare, other]);
  workspace = await kit.workspaces.createWorkspace({ path: repo });
});
afterEach(async () => {
  await Promise.all(kit.sessions.list().map((s) => kit.sessions.whenReady(s.id)));
  kit.close();
  for (const dir of [repo, scratch, kit.dataDir]) rmSync(dir, { recursive: true, force: true });
});

async function pushFromOther(branch: string): Promise<string> {
  await git(other, ["checkout", "--quiet", "-b", branch, "origin/main"]);
  await commitFile(other, `${branch.replace(/\//g, "-")}.txt`, "from the other machine\n");
  await git(other, ["push", "--quiet", "origin", branch]);
  return git(other, ["rev-parse", "HEAD"]);
}

describe("sessions on a branch that exists only on origin", () => {
  it("offers it, fetches it when it was never fetched, and works on a local branch tracking it", async () => {
    const sha = await pushFromOther("feature/remote-only");
    await git(repo, ["fetch", "--quiet", "origin"]);
    expect(await kit.sessions.branches(workspace.id)).toEqual({ branches: ["main"], originOnly: ["feature/remote-only"] });

    const { session } = await kit.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: "feature/remote-only" });
    await kit.sessions.whenReady(session.id);
    const ready = kit.sessions.get(session.id);
    expect(ready).toMatchObject({ kind: "branch", branch: "feature/remote-only", problem: null });
    expect(await git(ready.cwd, ["rev-parse", "HEAD"])).toBe(sha);
    expect(await git(ready.cwd, ["rev-parse", "--abbrev-ref", "@{upstream}"])).toBe("origin/feature/remote-only");
    expect((await kit.sessions.branches(workspace.id)).originOnly).toEqual([]);

    // Pushed elsewhere after the last fetch, and typed with its remote name: fetched at creation.
    const later = await pushFromOther("fix-late");
    const second = await kit.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: "origin/fix-late" });
    await kit.sessions.whenReady(second.session.id);
    expect(kit.sessions.get(second.session.id).branch).toBe("fix-late");
    expect(await git(kit.sessions.get(second.session.id).cwd, ["rev-parse", "HEAD"])).toBe(later);
  });

  it("refuses a branch that is nowhere, and a protected one, creating nothing", async () => {
    await expect(kit.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: "no-such-branch" })).rejects.toMatchObject({
      code: "bad_request",
      message: /no branch "no-such-branch", neither here nor on origin/,
    });
    await expect(kit.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: "origin/main" })).rejects.toMatchObject({ code: "bad_request", message: /protected/ });
    expect(kit.sessions.list()).toEqual([]);
    expect(await branchExists(repo, "no-such-branch")).toBe(false);
  });
});
