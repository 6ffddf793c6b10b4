import { existsSync, readFileSync, rmSync } from "node:fs";
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

/** A script that records its pid (in the data folder, outside the worktree), says so, and runs for five minutes. */
const hangingScript = (pidFile: string) => `echo $$ > '${pidFile}'; echo installing; sleep 300`;

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Creates a session whose setup script hangs, and waits until the script runs. */
async function sessionWithHangingScript() {
  const pidFile = join(kit.dataDir, "script.pid");
  await kit.workspaces.updateWorkspace(workspace.id, { setupScript: hangingScript(pidFile) });
  const { session } = await kit.sessions.create({ workspaceId: workspace.id });
  await kit.waitForSession(session.id, (s) => s.setup?.log.includes("installing") === true, 20_000);
  return { session, pid: Number(readFileSync(pidFile, "utf8")) };
}

describe("stopping a session's setup script", () => {
  it("ends the script at the user's word, leaving a usable session whose script can run again", async () => {
    const { session, pid } = await sessionWithHangingScript();
    await kit.sessions.stopSetup(session.id);
    expect(isAlive(pid)).toBe(false);
    const setup = kit.sessions.get(session.id).setup;
    expect(setup).toMatchObject({ status: "ready", error: expect.stringContaining("did not finish (you stopped it)") });
    expect(setup?.steps.find((s) => s.name === "setup")).toMatchObject({ status: "failed", detail: "you stopped it" });
    expect(setup?.log).toContain("installing");

    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: "echo quick" });
    await kit.sessions.rerunSetup(session.id);
    await kit.sessions.whenReady(session.id);
    expect(kit.sessions.get(session.id).setup).toMatchObject({ status: "ready", error: null });
    // Stopping a setup that has ended changes nothing.
    await kit.sessions.stopSetup(session.id);
    expect(kit.sessions.get(session.id).setup?.error).toBeNull();
  });

  it("finishes a setup whose script exits leaving a server running in the background, and stops that server", async () => {
    const pidFile = join(kit.dataDir, "server.pid");
    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: `sleep 300 & echo $! > '${pidFile}'; echo dependencies installed` });
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    // Before, the background process held the output open and the setup stayed "running" for ever.
    await kit.sessions.whenReady(session.id);
    const setup = kit.sessions.get(session.id).setup;
    expect(setup).toMatchObject({ status: "ready", error: null });
    expect(setup?.steps.find((s) => s.name === "setup")?.status).toBe("done");
    expect(setup?.log).toContain("The script left 1 process running in the background; it was stopped.");
    expect(isAlive(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  });

  it("is part of deleting the session: the script ends before its worktree goes", async () => {
    const { session, pid } = await sessionWithHangingScript();
    const worktree = kit.sessions.get(session.id).worktreePath ?? "";
    expect(existsSync(worktree)).toBe(true);
    await kit.lifecycle.delete(session.id, { force: true, deleteBranch: true });
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(worktree)).toBe(false);
    expect(kit.sessions.list()).toEqual([]);
  });

  it("ends with ChatML: every running script is stopped, and the session says why", async () => {
    const { session, pid } = await sessionWithHangingScript();
    await kit.sessions.stopSetups();
    expect(isAlive(pid)).toBe(false);
    expect(kit.sessions.get(session.id).setup?.steps.find((s) => s.name === "setup")).toMatchObject({ status: "failed", detail: "ChatML stopped" });
  });
});
