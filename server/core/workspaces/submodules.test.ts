import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { git } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let repo: string;
let hosted: string;
let host: ReturnType<typeof Bun.serve>;

// Submodules are cloned from their own URLs, as from GitHub: here bare repositories served over git's plain HTTP
// protocol (static files), which git clones with no configuration (a local path would need protocol.file.allow).
beforeEach(async () => {
  kit = makeWorkspaceKit();
  repo = await makeTempRepo();
  hosted = mkdtempSync(join(tmpdir(), "chatml-hosted-"));
  host = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (request) => {
      const file = Bun.file(join(hosted, new URL(request.url).pathname));
      return (await file.exists()) ? new Response(file) : new Response("Not found", { status: 404 });
    },
  });
});
afterEach(() => {
  host.stop(true);
  kit.close();
  for (const dir of [repo, hosted, kit.dataDir]) rmSync(dir, { recursive: true, force: true });
});

/** A repository with one file (and optional submodules), served at `<host>/<name>.git`; answers its URL and commit. */
async function hostedRepo(name: string, submodules: Record<string, { url: string; sha: string }> = {}): Promise<{ url: string; sha: string }> {
  const work = await makeTempRepo(`chatml-${name}-`);
  writeFileSync(join(work, `${name}.txt`), `${name}\n`);
  await git(work, ["add", `${name}.txt`]);
  await addSubmodules(work, submodules);
  await git(work, ["commit", "--quiet", "-m", `${name} content`]);
  await git(hosted, ["clone", "--quiet", "--bare", work, `${name}.git`]);
  await git(join(hosted, `${name}.git`), ["update-server-info"]);
  const sha = await git(work, ["rev-parse", "HEAD"]);
  rmSync(work, { recursive: true, force: true });
  return { url: `http://127.0.0.1:${host.port}/${name}.git`, sha };
}

/** Records submodules in `work`'s index (`.gitmodules` and gitlinks), as `git submodule add` would, without cloning. */
async function addSubmodules(work: string, submodules: Record<string, { url: string; sha: string }>): Promise<void> {
  const entries = Object.entries(submodules);
  if (entries.length === 0) return;
  writeFileSync(join(work, ".gitmodules"), entries.map(([path, { url }]) => `[submodule "${path}"]\n\tpath = ${path}\n\turl = ${url}\n`).join(""));
  await git(work, ["add", ".gitmodules"]);
  for (const [path, { sha }] of entries) await git(work, ["update-index", "--add", "--cacheinfo", `160000,${sha},${path}`]);
}

/** The workspace's repository gets `submodules` in a new commit; answers the workspace. */
async function workspaceWith(submodules: Record<string, { url: string; sha: string }>): Promise<Workspace> {
  await addSubmodules(repo, submodules);
  await git(repo, ["commit", "--quiet", "-m", "add submodules"]);
  return kit.workspaces.createWorkspace({ path: repo });
}

async function newSession(workspace: Workspace) {
  const { session } = await kit.sessions.create({ workspaceId: workspace.id });
  await kit.sessions.whenReady(session.id);
  return kit.sessions.get(session.id);
}

// Each test clones real repositories and runs git submodule (slow shell commands) some twenty times.
describe("sessions of a repository with submodules", { timeout: 60_000 }, () => {
  it("check out the submodules, nested ones too, in the new worktree; deleting it keeps a commit that is only there", async () => {
    const deep = await hostedRepo("deep");
    const lib = await hostedRepo("lib", { "vendor/deep": deep });
    const session = await newSession(await workspaceWith({ "libs/lib": lib }));
    expect(session.setup?.steps.find((s) => s.name === "worktree")).toMatchObject({ status: "done", detail: `2 submodules checked out · ${session.worktreePath}` });
    expect(session.warnings).toEqual([]);
    const inLib = join(session.cwd, "libs", "lib");
    expect(readFileSync(join(inLib, "lib.txt"), "utf8")).toBe("lib\n");
    expect(readFileSync(join(inLib, "vendor", "deep", "deep.txt"), "utf8")).toBe("deep\n");

    // A commit made in the submodule, recorded by the superproject (whose own status is then clean): git refuses to
    // remove a worktree with checked-out submodules, and here that refusal keeps the only copy of the commit.
    const as = ["-c", "user.email=t@example.com", "-c", "user.name=T"];
    await git(inLib, [...as, "commit", "--quiet", "--allow-empty", "-m", "only here"]);
    await git(session.cwd, [...as, "commit", "--quiet", "-am", "bump lib"]);
    await expect(kit.lifecycle.delete(session.id, { force: false, deleteBranch: false })).rejects.toMatchObject({
      code: "conflict",
      message: "The worktree's submodule libs/lib has commits that no remote has; push them first, or delete anyway (they are lost).",
    });
    expect(existsSync(join(inLib, "lib.txt"))).toBe(true);

    // Without it, nothing in the submodules is only here: the session goes without force.
    await git(inLib, ["reset", "--quiet", "--hard", "HEAD~1"]);
    await git(session.cwd, ["reset", "--quiet", "--hard", "HEAD~1"]);
    await kit.lifecycle.delete(session.id, { force: false, deleteBranch: true });
    expect(existsSync(session.cwd)).toBe(false);
    expect(await git(repo, ["worktree", "list", "--porcelain"])).not.toContain(session.cwd);
  });

  it("leave the session usable when a submodule cannot be cloned, with a warning that says how to try again", async () => {
    const session = await newSession(await workspaceWith({ "libs/gone": { url: "http://127.0.0.1:1/gone.git", sha: await git(repo, ["rev-parse", "HEAD"]) } }));
    expect(session.setup).toMatchObject({ status: "ready", error: null });
    expect(session.setup?.steps.find((s) => s.name === "worktree")).toMatchObject({ status: "done", detail: `submodules not checked out · ${session.worktreePath}` });
    expect(session.problem).toBeNull();
    expect(session.warnings).toEqual([expect.stringMatching(/^The submodules could not be checked out \(fatal: .+\); the session works without them\. Run `git submodule update --init --recursive`/)]);
    await kit.lifecycle.delete(session.id, { force: false, deleteBranch: true });
    expect(existsSync(session.cwd)).toBe(false);
  });

  it("clone the submodules the checkout already has from its copy on this disk: offline, and their origin still their own remote", async () => {
    const deep = await hostedRepo("deep");
    const lib = await hostedRepo("lib", { "vendor/deep": deep });
    const workspace = await workspaceWith({ "libs/lib": lib });
    // The user's checkout has its submodules (as after `git clone --recursive`); then their host cannot be reached.
    await git(repo, ["submodule", "update", "--init", "--recursive"]);
    host.stop(true);
    const session = await newSession(workspace);
    expect(session.warnings).toEqual([]);
    expect(session.setup?.steps.find((s) => s.name === "worktree")).toMatchObject({ status: "done", detail: `2 submodules checked out · ${session.worktreePath}` });
    const inLib = join(session.cwd, "libs", "lib");
    expect(readFileSync(join(inLib, "lib.txt"), "utf8")).toBe("lib\n");
    expect(readFileSync(join(inLib, "vendor", "deep", "deep.txt"), "utf8")).toBe("deep\n");
    expect(await git(inLib, ["rev-parse", "HEAD"])).toBe(lib.sha);
    // Its origin is the submodule's own remote, not the checkout's copy: a fetch or push goes where it would have.
    expect(await git(inLib, ["remote", "get-url", "origin"])).toBe(lib.url);
    expect(await git(join(inLib, "vendor", "deep"), ["remote", "get-url", "origin"])).toBe(deep.url);
    await kit.lifecycle.delete(session.id, { force: true, deleteBranch: true });
  });

  it("fetch a submodule's commit that the checkout's copy lacks from its own remote", async () => {
    const lib = await hostedRepo("lib");
    const workspace = await workspaceWith({ "libs/lib": lib });
    await git(repo, ["submodule", "update", "--init"]);
    // The library moves on at its host, and the repository's branch records the new commit; the checkout's copy of
    // the library has not fetched it.
    const work = await makeTempRepo("chatml-lib-next-");
    await git(work, ["fetch", "--quiet", lib.url, "HEAD"]);
    await git(work, ["reset", "--quiet", "--hard", "FETCH_HEAD"]);
    writeFileSync(join(work, "lib.txt"), "lib, next\n");
    await git(work, ["-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "--quiet", "-am", "next"]);
    await git(work, ["push", "--quiet", join(hosted, "lib.git"), "HEAD:refs/heads/main", "--force"]);
    await git(join(hosted, "lib.git"), ["update-server-info"]);
    const next = await git(work, ["rev-parse", "HEAD"]);
    rmSync(work, { recursive: true, force: true });
    await git(repo, ["update-index", "--cacheinfo", `160000,${next},libs/lib`]);
    await git(repo, ["-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "--quiet", "-m", "bump lib"]);
    const session = await newSession(workspace);
    expect(session.warnings).toEqual([]);
    const inLib = join(session.cwd, "libs", "lib");
    expect(await git(inLib, ["rev-parse", "HEAD"])).toBe(next);
    expect(readFileSync(join(inLib, "lib.txt"), "utf8")).toBe("lib, next\n");
    expect(await git(inLib, ["remote", "get-url", "origin"])).toBe(lib.url);
    await kit.lifecycle.delete(session.id, { force: true, deleteBranch: true });
  });
});
