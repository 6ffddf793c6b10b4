import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let repo: string;

beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
});
afterEach(async () => {
  await Promise.all(kit.sessions.list().map((s) => kit.sessions.whenReady(s.id)));
  kit.close();
  for (const dir of [repo, kit.dataDir]) rmSync(dir, { recursive: true, force: true });
});

describe("a workspace's custom branch prefix", () => {
  it("is refused when saved if git would refuse every branch made with it, and the settings stay as they were", async () => {
    const workspace = await kit.workspaces.createWorkspace({ path: repo });
    for (const prefix of ["bad..prefix", "my prefix", "-dash", "a:b"]) {
      await expect(kit.workspaces.updateWorkspace(workspace.id, { branchPrefixMode: "custom", branchPrefix: prefix })).rejects.toMatchObject({
        code: "bad_request",
        message: expect.stringContaining(`The branch prefix "${prefix}" cannot begin a branch name`),
      });
    }
    expect(kit.workspaces.get(workspace.id)).toMatchObject({ branchPrefixMode: "none", branchPrefix: "" });

    await kit.workspaces.updateWorkspace(workspace.id, { branchPrefixMode: "custom", branchPrefix: "team/ana/" });
    const { session } = await kit.sessions.create({ workspaceId: workspace.id, name: "parser" });
    expect(session.branch).toBe("team/ana/parser");
  });
});
