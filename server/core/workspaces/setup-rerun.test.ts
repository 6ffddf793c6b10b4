import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "../../../shared/protocol/model.ts";
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

describe("running a session's setup script again", () => {
  it("re-runs only the script after it was fixed, keeping the other steps and replacing the output", async () => {
    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: "echo first-try; exit 3" });
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    await kit.sessions.whenReady(session.id);
    const failed = kit.sessions.get(session.id).setup;
    expect(failed).toMatchObject({ status: "ready", error: expect.stringContaining("exit code 3") });
    expect(failed?.steps.find((s) => s.name === "setup")?.status).toBe("failed");

    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: "echo fixed-now" });
    await kit.sessions.rerunSetup(session.id);
    await expect(kit.sessions.rerunSetup(session.id)).rejects.toMatchObject({ code: "conflict" });
    await kit.sessions.whenReady(session.id);
    const setup = kit.sessions.get(session.id).setup;
    expect(setup).toMatchObject({ status: "ready", error: null });
    expect(setup?.log).toContain("fixed-now");
    expect(setup?.log).not.toContain("first-try");
    expect(setup?.steps.map((s) => [s.name, s.status])).toEqual([["fetch", failed?.steps[0]?.status], ["worktree", "done"], ["copy", failed?.steps[2]?.status], ["setup", "done"]]);
  });

  it("runs again as soon as the session shows its setup finished (the setup still settles behind it)", async () => {
    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: "echo once" });
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    // The page offers "Run setup script again" the moment this is published.
    await kit.waitForSession(session.id, (s) => s.setup?.status === "ready", 20_000);
    await kit.sessions.rerunSetup(session.id);
    await kit.sessions.whenReady(session.id);
    expect(kit.sessions.get(session.id).setup).toMatchObject({ status: "ready", error: null, log: "once\n" });
  });

  it("says what to do when there is no script, and refuses folder sessions", async () => {
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    await kit.sessions.whenReady(session.id);
    await expect(kit.sessions.rerunSetup(session.id)).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("no setup script") });
    const folder = mkdtempSync(join(tmpdir(), "chatml-folder-"));
    try {
      const started = await kit.workspaces.startInFolder({ path: folder });
      await expect(kit.sessions.rerunSetup(started.session.id)).rejects.toMatchObject({ code: "bad_request" });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
