import { rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CreateWorkspaceInput, ListDirsQuery, StartInFolderInput } from "../../../shared/api/inputs.ts";
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
