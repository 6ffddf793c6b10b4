import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
const folders: string[] = [];

beforeEach(() => {
  kit = makeWorkspaceKit();
});
afterEach(() => {
  delete process.env.GIT_TRACE;
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

/** The git commands run from now on (git's own trace, so every process counts, failing ones too), by name. */
function traceGit(): () => string[] {
  const dir = mkdtempSync(join(tmpdir(), "chatml-trace-"));
  folders.push(dir);
  const file = join(dir, "trace.log");
  writeFileSync(file, "");
  process.env.GIT_TRACE = file;
  return () => [...readFileSync(file, "utf8").matchAll(/built-in: git ([\w-]+)/g)].map((match) => match[1] ?? "");
}

describe("a session in a plain folder, asked for its git state (POST /sessions/:id/git)", () => {
  it("is not watched as a repository: one look for a repository, and no git at all when a turn ends", async () => {
    const folder = mkdtempSync(join(tmpdir(), "chatml-plain-"));
    folders.push(folder);
    const { session, workspace } = await kit.workspaces.startInFolder({ path: folder });
    expect(workspace.isGitRepo).toBe(false);
    const ran = traceGit();
    const refreshed = await kit.sessions.refreshGit(session.id);
    expect(ran()).toEqual(["rev-parse"]);
    // What a turn's end and a save in the editor ask for: a watched folder would be read with git again.
    kit.sessions.git.scheduleRefresh(session.id);
    await kit.sessions.git.refresh(session.id);
    expect(ran()).toEqual(["rev-parse"]);
    expect(refreshed.git).toBeNull();
  });

  it("inside a repository, never shows that repository's changes as its own", async () => {
    const repo = await makeTempRepo();
    folders.push(repo);
    mkdirSync(join(repo, "notes"));
    writeFileSync(join(repo, "outside-the-folder.txt"), "not the session's\n");
    const { session, workspace } = await kit.workspaces.startInFolder({ path: join(repo, "notes") });
    const refreshed = await kit.sessions.refreshGit(session.id);
    expect(refreshed.git).toBeNull();
    expect(kit.workspaces.get(workspace.id).isGitRepo).toBe(false);
  });

  it("made a repository since (git init), is one from then on: its workspace says so and its changes show live", async () => {
    const folder = mkdtempSync(join(tmpdir(), "chatml-plain-"));
    folders.push(folder);
    const { session, workspace } = await kit.workspaces.startInFolder({ path: folder });
    await git(folder, ["init", "--quiet", "--initial-branch=main"]);
    await git(folder, ["-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "--quiet", "--allow-empty", "-m", "first"]);
    const refreshed = await kit.sessions.refreshGit(session.id);
    expect(kit.workspaces.get(workspace.id)).toMatchObject({ isGitRepo: true, defaultBranch: "main" });
    expect(refreshed.git?.branch).toBe("main");
    writeFileSync(join(folder, "written-later.txt"), "hello\n");
    await kit.waitForSession(session.id, (s) => (s.git?.files ?? []).some((file) => file.path === "written-later.txt"));
  });
});
