import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Session, Workspace } from "../../../shared/protocol/model.ts";
import { isAlive } from "../../claude/process-guard.ts";
import { branchExists, git } from "../../git/index.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
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

/** A script that records its pid (in the data folder, outside the worktree), says so, and runs for five minutes. */
const hangingScript = (pidFile: string) => `echo $$ > '${pidFile}'; echo installing; sleep 300`;

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

  it("stops a slow checkout when the session is deleted, leaving no worktree and no branch", async () => {
    // A checkout filter as slow as git-lfs downloading large files; it records its pid.
    const pidFile = join(kit.dataDir, "filter.pid");
    await git(repo, ["config", "filter.slow.smudge", `sh -c 'echo $$ > "${pidFile}"; sleep 60; cat'`]);
    writeFileSync(join(repo, ".gitattributes"), "*.bin filter=slow\n");
    await git(repo, ["add", ".gitattributes"]);
    await commitFile(repo, "asset.bin", "large\n");
    const { session } = await kit.sessions.create({ workspaceId: workspace.id });
    await expect.poll(() => existsSync(pidFile), { timeout: 20_000 }).toBe(true);
    await kit.lifecycle.delete(session.id, { force: false, deleteBranch: false });
    expect(isAlive(Number(readFileSync(pidFile, "utf8")))).toBe(false);
    expect(existsSync(session.worktreePath ?? "")).toBe(false);
    expect(await branchExists(repo, session.branch ?? "")).toBe(false);
    expect(kit.sessions.list()).toEqual([]);
  });

  it("ends with ChatML: every running script is stopped, and the session says why", async () => {
    const { session, pid } = await sessionWithHangingScript();
    await kit.sessions.stopSetups();
    expect(isAlive(pid)).toBe(false);
    expect(kit.sessions.get(session.id).setup?.steps.find((s) => s.name === "setup")).toMatchObject({ status: "failed", detail: "ChatML stopped" });
  });
});

describe("a setup the server's crash cut short, as the restart finds it", () => {
  /** What a SIGKILLed server left in the database: the setup as it was stored mid-way, its script gone with it. */
  async function crashDuring(setup: NonNullable<Session["setup"]>, sessionId: Session["id"]) {
    await kit.sessions.stopSetups();
    kit.t.repos.sessions.update(sessionId, { setup }, { isQuiet: true });
    kit.sessions.resume();
    return kit.sessions.get(sessionId).setup;
  }

  it("leaves a session whose worktree was made usable, with no step left running, and its script can run again", async () => {
    const { session } = await sessionWithHangingScript();
    const midScript = kit.sessions.get(session.id).setup!;
    expect(midScript.steps.find((s) => s.name === "setup")?.status).toBe("running");

    const setup = await crashDuring(midScript, session.id);
    expect(setup).toMatchObject({ status: "ready", error: expect.stringContaining("did not finish (ChatML stopped)") });
    expect(setup?.steps.map((s) => [s.name, s.status])).toEqual(midScript.steps.map((s) => [s.name, s.name === "setup" ? "failed" : s.status]));
    expect(setup?.log).toContain("installing");

    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: "echo ran-again" });
    await kit.sessions.rerunSetup(session.id);
    await kit.sessions.whenReady(session.id);
    expect(kit.sessions.get(session.id).setup).toMatchObject({ status: "ready", error: null, log: "ran-again\n" });
  });

  it("fails a session whose worktree was never made, and leaves no step pending or running", async () => {
    const { session } = await sessionWithHangingScript();
    const early = kit.sessions.get(session.id).setup!;
    const midWorktree = { ...early, steps: early.steps.map((s) => (s.name === "worktree" ? { ...s, status: "running" as const } : s.name === "copy" || s.name === "setup" ? { ...s, status: "pending" as const } : s)) };
    rmSync(session.cwd, { recursive: true, force: true });

    const setup = await crashDuring(midWorktree, session.id);
    expect(setup).toMatchObject({ status: "failed", error: "ChatML stopped during setup." });
    expect(setup?.steps.map((s) => s.status).filter((status) => status === "pending" || status === "running")).toEqual([]);
    expect(setup?.steps.find((s) => s.name === "worktree")).toMatchObject({ status: "failed", detail: "ChatML stopped" });
  });
});
