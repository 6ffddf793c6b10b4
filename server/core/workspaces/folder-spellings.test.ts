import { rmSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CreateWorkspaceInput, ListDirsQuery, StartInFolderInput } from "../../../shared/api/inputs.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { listFolders } from "./folder-browser.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;

beforeEach(() => {
  kit = makeWorkspaceKit();
});
afterEach(() => {
  kit.close();
  rmSync(kit.dataDir, { recursive: true, force: true });
});

describe("a path typed as in a shell, from the home folder (~/code/app)", () => {
  it("is accepted wherever a folder is asked for, and means the home folder of the user running ChatML", async () => {
    for (const schema of [CreateWorkspaceInput, StartInFolderInput, ListDirsQuery]) expect(schema.safeParse({ path: "~/code/app" }).success).toBe(true);
    expect(CreateWorkspaceInput.safeParse({ path: "code/app" }).error?.issues[0]?.message).toBe("must be an absolute path (or start with ~/)");

    expect(listFolders("~").path).toBe(homedir());
    const { workspace } = await kit.workspaces.startInFolder({ path: "~" });
    expect(workspace.path).toBe(homedir());
    await expect(kit.workspaces.createWorkspace({ path: "~/no-such-folder-for-chatml" })).rejects.toMatchObject({
      message: `${join(homedir(), "no-such-folder-for-chatml")} does not exist or cannot be read.`,
    });
  });
});

describe("a workspace's folder reached through a symlink", () => {
  it("is the same workspace: adding it again is refused with the one it is, and starting there reuses it", async () => {
    const repo = await makeTempRepo();
    const link = `${repo}-link`;
    symlinkSync(repo, link);
    try {
      const workspace = await kit.workspaces.createWorkspace({ path: repo });
      await expect(kit.workspaces.createWorkspace({ path: link })).rejects.toMatchObject({
        code: "conflict",
        message: `${link} is already the workspace ${workspace.name} (${repo}).`,
      });
      // The refusal names the workspace, so the form can offer to open it.
      await expect(kit.workspaces.createWorkspace({ path: repo })).rejects.toMatchObject({
        code: "conflict",
        message: `${repo} is already a workspace.`,
        details: { workspaceId: workspace.id, workspaceName: workspace.name },
      });
      const started = await kit.workspaces.startInFolder({ path: link });
      expect(started.workspace.id).toBe(workspace.id);
      expect(kit.workspaces.listWorkspaces()).toHaveLength(1);
    } finally {
      rmSync(link, { force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
