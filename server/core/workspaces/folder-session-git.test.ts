import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
const folders: string[] = [];

beforeEach(() => {
  kit = makeWorkspaceKit();
});
afterEach(() => {
  kit.close();
  rmSync(kit.dataDir, { recursive: true, force: true });
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("a conversation started in a folder that is a git repository (Start in a folder)", () => {
  it("has its session's git state watched from the start: a file written there shows without a restart", async () => {
    const repo = await makeTempRepo();
    folders.push(repo);
    const { session } = await kit.workspaces.startInFolder({ path: repo });
    expect(session.kind).toBe("folder");
    await kit.waitForSession(session.id, (s) => s.git !== null);
    writeFileSync(join(repo, "written-by-claude.txt"), "hello\n");
    const seen = await kit.waitForSession(session.id, (s) => (s.git?.files ?? []).some((file) => file.path === "written-by-claude.txt"));
    expect(seen.git?.branch).toBeTruthy();
  });
});
