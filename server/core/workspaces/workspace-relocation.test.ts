import { renameSync, rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let repo: string;

beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
});
afterEach(() => {
  kit.close();
  rmSync(repo, { recursive: true, force: true });
  rmSync(`${repo}-moved`, { recursive: true, force: true });
  rmSync(kit.dataDir, { recursive: true, force: true });
});

describe("pointing a workspace at its repository's new place", () => {
  it("clears the problem, moves folder sessions along and re-links the worktrees to the moved repository", async () => {
    const workspace = await kit.workspaces.createWorkspace({ path: repo });
    const { session: tree } = await kit.sessions.create({ workspaceId: workspace.id });
    await kit.sessions.whenReady(tree.id);
    const { session: folder } = await kit.sessions.create({ workspaceId: workspace.id, kind: "folder" });
    const moved = `${repo}-moved`;
    renameSync(repo, moved);
    await expect(kit.workspaces.requireHealthy(workspace.id)).rejects.toMatchObject({ message: expect.stringContaining("is gone") });
    const worktree = kit.sessions.get(tree.id).cwd;
    await expect(git(worktree, ["status", "--porcelain"])).rejects.toThrow();

    const updated = await kit.workspaces.updateWorkspace(workspace.id, { path: moved });
    expect(updated).toMatchObject({ path: moved, problem: null });
    expect(kit.sessions.get(folder.id).cwd).toBe(moved);
    expect(await git(worktree, ["status", "--porcelain"])).toBe("");
    expect((await git(moved, ["worktree", "list"])).split("\n").some((line) => line.startsWith(worktree))).toBe(true);
  });
});
