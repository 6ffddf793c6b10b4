import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { git } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let repo: string;
let workspace: Workspace;

beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
  workspace = await kit.workspaces.createWorkspace({ path: repo });
});
afterEach(() => {
  kit.close();
  rmSync(repo, { recursive: true, force: true });
  rmSync(kit.dataDir, { recursive: true, force: true });
});

describe("a workspace's default branch", () => {
  it("must be a branch that exists, not any revision that resolves to a commit", async () => {
    for (const revision of ["main@{0}", "HEAD~0", "HEAD", "main^{commit}", "nope"]) {
      await expect(kit.workspaces.updateWorkspace(workspace.id, { defaultBranch: revision }), revision).rejects.toMatchObject({ code: "bad_request" });
    }
    expect(kit.workspaces.get(workspace.id).defaultBranch).toBe("main");
    await git(repo, ["branch", "trunk"]);
    const updated = await kit.workspaces.updateWorkspace(workspace.id, { defaultBranch: "trunk" });
    expect(updated.defaultBranch).toBe("trunk");
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    await kit.sessions.whenReady(session.id);
    expect(kit.sessions.get(session.id)).toMatchObject({ baseBranch: "trunk", setup: { status: "ready" } });
  });
});
