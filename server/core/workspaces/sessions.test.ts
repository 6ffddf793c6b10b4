import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Workspace } from "../../../shared/protocol/model.ts";
import { branchExists, git } from "../../git/index.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";
import { writeExecutable } from "../../test-support/executable.ts";

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

async function newSession(input: Record<string, unknown> = {}) {
  const { session, conversation } = await kit.sessions.create({ workspaceId: workspace.id, ...input });
  await kit.sessions.whenReady(session.id);
  return { session: kit.sessions.get(session.id), conversation };
}

describe("workspaces", () => {
  it("adds a repository with its default branch; refuses a plain folder, a sub-folder and a duplicate", async () => {
    expect(workspace).toMatchObject({ isGitRepo: true, defaultBranch: "main", problem: null });
    await expect(kit.workspaces.createWorkspace({ path: kit.dataDir })).rejects.toThrow(/not a git repository/);
    await expect(kit.workspaces.createWorkspace({ path: join(repo, ".git") })).rejects.toMatchObject({ code: "bad_request" });
    mkdirSync(join(repo, "src"), { recursive: true });
    await expect(kit.workspaces.createWorkspace({ path: join(repo, "src") })).rejects.toThrow(`is inside the git repository ${realpathSync(repo)}, not its top folder. Add ${realpathSync(repo)} as the workspace`);
    const bare = join(kit.dataDir, "bare.git");
    await git(kit.dataDir, ["init", "--quiet", "--bare", bare]);
    await expect(kit.workspaces.createWorkspace({ path: bare })).rejects.toThrow(`${bare} is a bare repository: it has no working files`);
    await expect(kit.workspaces.createWorkspace({ path: join(repo, ".git") })).rejects.toThrow(`${join(repo, ".git")} is git's own folder of the repository ${repo}. Add ${repo} as the workspace.`);
    await expect(kit.workspaces.createWorkspace({ path: join(repo, ".git", "refs") })).rejects.toThrow(`is git's own folder of the repository ${repo}.`);
    await expect(kit.workspaces.createWorkspace({ path: repo })).rejects.toMatchObject({ code: "conflict" });
    await expect(kit.workspaces.createWorkspace({ path: "/does/not/exist" })).rejects.toThrow(/does not exist/);
  });

  it("notices a repository moved away, refuses sessions with a clear message, and can be pointed at its new place", async () => {
    const moved = `${repo}-moved`;
    renameSync(repo, moved);
    await expect(kit.sessions.create({ workspaceId: workspace.id })).rejects.toThrow(/is gone \(moved or deleted\)/);
    expect(kit.t.repos.workspaces.get(workspace.id)?.problem).toMatch(/is gone/);
    const fixed = await kit.workspaces.updateWorkspace(workspace.id, { path: moved });
    expect(fixed).toMatchObject({ path: moved, problem: null });
    renameSync(moved, repo);
  });
});

describe("worktree sessions", () => {
  it("creates a worktree on a new branch, copies files and streams the setup script's output", async () => {
    await kit.workspaces.updateWorkspace(workspace.id, { copyFiles: [".env"], setupScript: "echo installing; echo done >&2" });
    const { session, conversation } = await newSession();
    expect(session).toMatchObject({ kind: "worktree", baseBranch: "main", branch: session.name, cwd: join(kit.dataDir, "workspaces", session.name) });
    expect(session.setup).toMatchObject({ status: "ready", error: null });
    expect(session.setup?.steps.map((s) => `${s.name}:${s.status}`)).toEqual(["fetch:skipped", "worktree:done", "copy:done", "setup:done"]);
    expect(session.setup?.log).toContain("installing");
    expect(readFileSync(join(session.cwd, ".env"), "utf8")).toBe("SECRET=1\n");
    expect(await git(session.cwd, ["symbolic-ref", "--short", "HEAD"])).toBe(session.name);
    expect(session.baseSha).toBe(await git(repo, ["rev-parse", "main"]));
    expect(conversation).toMatchObject({ kind: "task", sessionId: session.id });
  });

  // 600 files copied one by one (as the server must) took 23 s at load ~20 on 2 cores, past the 20 s a test gets.
  it("copies thousands of files without holding up the server, naming a few in the step", async () => {
    // A `node_modules/**` glob copies tens of thousands of files; the server must keep serving meanwhile.
    writeFileSync(join(repo, ".gitignore"), "cache/\n");
    mkdirSync(join(repo, "cache", "deep"), { recursive: true });
    for (let i = 0; i < 600; i++) writeFileSync(join(repo, "cache", i % 2 ? "deep" : "", `file-${i}.txt`), `${i}\n`);
    await kit.workspaces.updateWorkspace(workspace.id, { copyFiles: ["cache/**"] });
    // Turns the event loop took while the copy step ran: none when the copy blocks it from start to end.
    let turns = 0;
    let isCopying = true;
    const turn = () => {
      turns++;
      if (isCopying) setImmediate(turn);
    };
    const turnsAt: Record<string, number> = {};
    const off = kit.bus.subscribe((message) => {
      if (message.kind !== "entity" || message.change.kind !== "session") return;
      const copy = message.change.session.setup?.steps.find((step) => step.name === "copy");
      if (copy?.status === "running" && turnsAt.running === undefined) {
        turnsAt.running = turns;
        setImmediate(turn);
      }
      if (copy?.status === "done") turnsAt.done ??= turns;
    });
    try {
      const { session } = await newSession();
      expect(turnsAt.done).toBeGreaterThan(turnsAt.running ?? Infinity);
      expect(readFileSync(join(session.cwd, "cache", "deep", "file-599.txt"), "utf8")).toBe("599\n");
      expect(session.setup?.steps.find((step) => step.name === "copy")?.detail).toMatch(/^(cache\/\S+, ){4}cache\/\S+ and 595 more$/);
    } finally {
      isCopying = false;
      off();
    }
  }, 60_000);

  it("copies what it can when a file cannot be copied, and says which", async () => {
    // `data` is a folder in the committed tree (so in the worktree) and a file in the repository's own checkout.
    mkdirSync(join(repo, "data"));
    await commitFile(repo, "data/seed.sql", "select 1;\n");
    rmSync(join(repo, "data"), { recursive: true });
    writeFileSync(join(repo, "data"), "not a folder\n");
    await kit.workspaces.updateWorkspace(workspace.id, { copyFiles: ["data", ".env"], setupScript: "echo still-ran" });
    const { session } = await newSession();
    expect(session.setup).toMatchObject({ status: "ready", error: expect.stringMatching(/^1 file could not be copied into the worktree: data \(.*EISDIR/) });
    expect(session.setup?.steps.find((step) => step.name === "copy")).toMatchObject({ status: "failed", detail: expect.stringMatching(/^\.env; not copied: data \(/) });
    expect(session.setup?.steps.find((step) => step.name === "setup")?.status).toBe("done");
    expect(readFileSync(join(session.cwd, ".env"), "utf8")).toBe("SECRET=1\n");
  });

  it("keeps a worktree whose post-checkout hook failed (it is checked out), saying so", async () => {
    // As git-lfs's hook does when git-lfs is not on the PATH: git checks the worktree out, then exits with the hook's status.
    writeExecutable(join(repo, ".git", "hooks", "post-checkout"), "#!/bin/sh\necho 'git-lfs was not found on your path' >&2\nexit 2\n");
    const { session } = await newSession();
    expect(session.problem).toBeNull();
    expect(session.setup?.steps.find((s) => s.name === "worktree")?.status).toBe("done");
    expect(session.warnings).toEqual(["The repository's post-checkout hook failed (git-lfs was not found on your path); the worktree is checked out and usable."]);
    expect(readFileSync(join(session.cwd, "README.md"), "utf8")).toBe("# test\n");
  });

  it("leaves neither a worktree nor the new branch behind when the checkout itself fails", async () => {
    // A required smudge filter that fails (as git-lfs's does without its program): git removes the worktree, keeps the branch.
    await git(repo, ["config", "filter.broken.clean", "cat"]);
    await git(repo, ["config", "filter.broken.smudge", "false"]);
    await git(repo, ["config", "filter.broken.required", "true"]);
    writeFileSync(join(repo, ".gitattributes"), "*.dat filter=broken\n");
    writeFileSync(join(repo, "data.dat"), "payload\n");
    await git(repo, ["add", ".gitattributes", "data.dat"]);
    await git(repo, ["commit", "--quiet", "-m", "filtered file"]);
    const { session } = await newSession();
    expect(session.problem).toMatch(/^The worktree could not be created: git worktree failed: error: external filter 'false' failed/);
    expect(await branchExists(repo, session.branch ?? "")).toBe(false);
    expect(await git(repo, ["worktree", "list", "--porcelain"])).not.toContain(session.cwd);
  });

  it("keeps a failing setup script's output and leaves the session usable", async () => {
    await kit.workspaces.updateWorkspace(workspace.id, { setupScript: "echo partial output; exit 3" });
    const { session } = await newSession();
    expect(session.setup).toMatchObject({ status: "ready", error: expect.stringMatching(/exit code 3/) });
    expect(session.setup?.steps.find((s) => s.name === "setup")?.status).toBe("failed");
    expect(session.setup?.log).toContain("partial output");
    expect(existsSync(session.cwd)).toBe(true);
    expect(session.problem).toBeNull();
  });

  it("runs parallel sessions on one repository with distinct names, branches and folders", async () => {
    const made = await Promise.all([1, 2, 3].map(() => kit.sessions.create({ workspaceId: workspace.id })));
    await Promise.all(made.map(({ session }) => kit.sessions.whenReady(session.id)));
    const sessions = made.map(({ session }) => kit.sessions.get(session.id));
    expect(new Set(sessions.map((s) => s.name)).size).toBe(3);
    for (const s of sessions) {
      expect(s.setup?.status).toBe("ready");
      expect(await git(s.cwd, ["symbolic-ref", "--short", "HEAD"])).toBe(s.branch);
    }
  });

  it("says a repository without commits needs one first, and still starts a session in its folder", async () => {
    const empty = mkdtempSync(join(tmpdir(), "chatml-empty-repo-"));
    try {
      await git(empty, ["init", "--quiet", "-b", "main"]);
      const fresh = await kit.workspaces.createWorkspace({ path: empty });
      await expect(kit.sessions.create({ workspaceId: fresh.id })).rejects.toThrow(/^The repository has no commits yet, and a session's worktree starts from one\. Make a first commit/);
      expect(kit.sessions.list(fresh.id)).toEqual([]);
      const { session } = await kit.sessions.create({ workspaceId: fresh.id, kind: "folder" });
      expect(session).toMatchObject({ kind: "folder", cwd: empty });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("says a detached checkout with no branch to start from has commits, and how to give it one", async () => {
    const detached = mkdtempSync(join(tmpdir(), "chatml-detached-repo-"));
    try {
      await git(detached, ["init", "--quiet", "-b", "main"]);
      await commitFile(detached, "a.txt", "a\n");
      await git(detached, ["switch", "--quiet", "--detach"]);
      await git(detached, ["branch", "--quiet", "-D", "main"]);
      const headless = await kit.workspaces.createWorkspace({ path: detached });
      const refusal = kit.sessions.create({ workspaceId: headless.id });
      await expect(refusal).rejects.toThrow(/^The checkout is on a detached HEAD and no main, master or other default branch exists/);
      await expect(refusal).rejects.toThrow("create one where you are (`git switch -c main`)");
      expect(kit.sessions.list(headless.id)).toEqual([]);
      await git(detached, ["switch", "--quiet", "-c", "feature"]);
      await git(detached, ["switch", "--quiet", "--detach"]);
      const { session } = await kit.sessions.create({ workspaceId: headless.id, baseBranch: "feature" });
      await kit.sessions.whenReady(session.id);
      expect(kit.sessions.get(session.id)).toMatchObject({ kind: "worktree", baseBranch: "feature" });
    } finally {
      rmSync(detached, { recursive: true, force: true });
    }
  });

  it("refuses protected, invalid and taken branches and names with clear errors", async () => {
    await expect(kit.sessions.create({ workspaceId: workspace.id, branch: "main" })).rejects.toThrow(/protected/);
    await expect(kit.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: "main" })).rejects.toThrow(/protected/);
    await expect(kit.sessions.create({ workspaceId: workspace.id, branch: "bad name" })).rejects.toThrow(/not a valid branch name/);
    await expect(kit.sessions.create({ workspaceId: workspace.id, name: "Bad Name" })).rejects.toThrow(/not a valid session name/);
    await expect(kit.sessions.create({ workspaceId: workspace.id, baseBranch: "nope" })).rejects.toThrow(/does not exist/);
    const { session } = await newSession({ name: "orion" });
    await expect(kit.sessions.create({ workspaceId: workspace.id, name: "orion" })).rejects.toMatchObject({ code: "conflict" });
    await git(repo, ["branch", "taken"]);
    await expect(kit.sessions.create({ workspaceId: workspace.id, branch: "taken" })).rejects.toThrow(/already exists/);
    const fromBranch = await newSession({ kind: "branch", branch: "taken" });
    expect(fromBranch.session).toMatchObject({ kind: "branch", branch: "taken", name: "taken" });
    await expect(kit.sessions.create({ workspaceId: workspace.id, kind: "branch", branch: "taken", name: "other" })).rejects.toThrow(/already works/);
    expect(kit.sessions.list(workspace.id)).toHaveLength(2);
    expect(session.name).toBe("orion");
  });

  it("two creates at once on one new branch (a double tap) make one session; the other is refused", async () => {
    const both = await Promise.allSettled([kit.sessions.create({ workspaceId: workspace.id, branch: "issue-7-fix" }), kit.sessions.create({ workspaceId: workspace.id, branch: "issue-7-fix" })]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict", message: 'Another session already works on "issue-7-fix".' } });
    const [made] = kit.sessions.list(workspace.id);
    await kit.sessions.whenReady(made!.id);
    expect(kit.sessions.get(made!.id).setup?.status).toBe("ready");
    expect(kit.sessions.list(workspace.id)).toHaveLength(1);
  });

  it("picks names from the pool, retries collisions and falls back to a random suffix", async () => {
    const small = makeWorkspaceKit({ pool: ["lyra", "vela"], random: () => 0 });
    try {
      const ws = await small.workspaces.createWorkspace({ path: await makeTempRepo() });
      const names: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { session } = await small.sessions.create({ workspaceId: ws.id });
        await small.sessions.whenReady(session.id);
        names.push(session.name);
      }
      expect(names.slice(0, 2)).toEqual(["lyra", "vela"]);
      expect(names[2]).toMatch(/^lyra-[a-z0-9]{4}$/);
      expect(await branchExists(ws.path, names[2] ?? "")).toBe(true);
    } finally {
      small.close();
    }
  });
});

describe("session lifecycle", () => {
  it("refuses to delete with uncommitted changes unless forced; keeps an unmerged branch unless confirmed", async () => {
    const { session } = await newSession();
    writeFileSync(join(session.cwd, "wip.txt"), "work in progress\n");
    await expect(kit.lifecycle.delete(session.id, { force: false, deleteBranch: false })).rejects.toThrow("The worktree has 1 uncommitted change (wip.txt). Commit them, or delete anyway (they are lost).");
    await commitFile(session.cwd, "wip.txt", "done\n");
    const result = await kit.lifecycle.delete(session.id, { force: false, deleteBranch: false });
    expect(result).toEqual({ deletedBranch: null, keptBranch: session.branch });
    expect(existsSync(session.cwd)).toBe(false);
    expect(await branchExists(repo, session.branch ?? "")).toBe(true);
    expect(kit.t.repos.sessions.get(session.id)).toBeNull();
  });

  it("deletes a merged branch, and an unmerged one when confirmed or forced", async () => {
    const merged = (await newSession()).session;
    expect(await kit.lifecycle.delete(merged.id, { force: false, deleteBranch: false })).toEqual({ deletedBranch: merged.branch, keptBranch: null });
    const forced = (await newSession()).session;
    await commitFile(forced.cwd, "x.txt", "x\n");
    writeFileSync(join(forced.cwd, "dirty.txt"), "dirty\n");
    expect(await kit.lifecycle.delete(forced.id, { force: true, deleteBranch: true })).toEqual({ deletedBranch: forced.branch, keptBranch: null });
    expect(await branchExists(repo, forced.branch ?? "")).toBe(false);
  });

  it("archives with an AI summary, unarchives, and names a session from its first prompt", async () => {
    const { session, conversation } = await newSession();
    const archived = await kit.lifecycle.archive(session.id);
    expect(archived.archivedAt).not.toBeNull();
    expect((await kit.waitForSession(session.id, (s) => s.summary !== null)).summary).toBe("It did things.");
    // An archived session takes no new conversation (a stale tab's New chat), and keeps the ones it had.
    const before = kit.workspaces.listConversations(session.id).length;
    expect(() => kit.workspaces.createConversation({ sessionId: session.id, kind: "chat" })).toThrow(/is archived, so it takes no new conversation\. Unarchive it first\./);
    expect(kit.workspaces.listConversations(session.id)).toHaveLength(before);
    expect((await kit.lifecycle.unarchive(session.id)).archivedAt).toBeNull();
    expect(kit.workspaces.createConversation({ sessionId: session.id, kind: "chat" }).sessionId).toBe(session.id);
    kit.t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: userMessage("Fix the login bug please") }], 1);
    kit.bus.publish({ kind: "event", conversationId: conversation.id, sequenced: { seq: 1, at: 1, event: { type: "message.created", message: userMessage("Fix the login bug please") } } });
    expect((await kit.waitForSession(session.id, (s) => s.title === "Short title")).title).toBe("Short title");
  });

  it("starts a review conversation with the session's diff against its base; renames and closes conversations", async () => {
    const { session, conversation } = await newSession();
    await commitFile(session.cwd, "feature.ts", "export const x = 1;\n");
    const review = kit.workspaces.createConversation({ sessionId: session.id, kind: "review" });
    await expect.poll(() => kit.sent.length).toBe(1);
    expect(kit.sent[0]).toMatchObject({ id: review.id, text: expect.stringContaining("+export const x = 1;") });
    expect(kit.workspaces.renameConversation(conversation.id, "Login fix").title).toBe("Login fix");
    expect(kit.workspaces.setConversationClosed(conversation.id, true).closedAt).toBeTypeOf("number");
    expect(kit.workspaces.setConversationClosed(conversation.id, false).closedAt).toBeUndefined();
  });

  it("tells every device when files change on disk outside ChatML (Claude, a terminal), a burst of writes once", async () => {
    const { session } = await newSession();
    const announced: string[] = [];
    kit.bus.subscribe((m) => (m.kind === "workbench" && m.sessionId === session.id ? void announced.push(m.topic) : undefined));
    for (let i = 0; i < 20; i++) writeFileSync(join(session.cwd, "README.md"), `# edited ${i}\n`);
    await vi.waitFor(() => expect(announced).toContain("files"), { timeout: 10_000 });
    await Bun.sleep(600);
    // A burst of writes is announced once (the web reads files again for each announcement).
    expect(announced.length).toBeLessThan(3);
  });

  it("deletes a worktree whose checkout a crash cut short without force when it holds no work, and names the files that are work", async () => {
    const { session } = await newSession();
    // A checkout cut short: git had not written the index, nor all the files (each written one is the commit's own).
    const cutShort = async (cwd: string) => {
      rmSync(await git(cwd, ["rev-parse", "--path-format=absolute", "--git-path", "index"]));
      rmSync(join(cwd, "README.md"));
    };
    writeFileSync(join(session.cwd, "a.txt"), "a\n");
    await commitFile(session.cwd, "a.txt", "a\n");
    await cutShort(session.cwd);
    expect(await kit.lifecycle.delete(session.id, { force: false, deleteBranch: false })).toEqual({ deletedBranch: null, keptBranch: session.branch });
    expect(existsSync(session.cwd)).toBe(false);
    expect((await git(repo, ["worktree", "list"])).split("\n")).toHaveLength(1);

    const { session: worked } = await newSession();
    await cutShort(worked.cwd);
    writeFileSync(join(worked.cwd, "notes.md"), "mine\n");
    await expect(kit.lifecycle.delete(worked.id, { force: false, deleteBranch: false })).rejects.toThrow(
      "The worktree's checkout was cut short (ChatML or git stopped while making it), and it holds 1 file that is not from its commit (notes.md). Copy what you want to keep out of the folder, then delete anyway.",
    );
    expect(readFileSync(join(worked.cwd, "notes.md"), "utf8")).toBe("mine\n");
    await kit.lifecycle.delete(worked.id, { force: true, deleteBranch: false });
    expect(existsSync(worked.cwd)).toBe(false);
  });

  it("deletes a worktree folder a crash left before git linked it (no .git), and keeps one holding files unless forced", async () => {
    const { session: empty } = await newSession();
    const { session: holding } = await newSession();
    for (const cwd of [empty.cwd, holding.cwd]) {
      rmSync(cwd, { recursive: true, force: true });
      mkdirSync(cwd);
    }
    writeFileSync(join(holding.cwd, "draft.txt"), "draft\n");
    await kit.lifecycle.delete(empty.id, { force: false, deleteBranch: false });
    expect(existsSync(empty.cwd)).toBe(false);
    await expect(kit.lifecycle.delete(holding.id, { force: false, deleteBranch: false })).rejects.toThrow(/cut short .* holds 1 file that is not from its commit \(draft\.txt\)/);
    await kit.lifecycle.delete(holding.id, { force: true, deleteBranch: false });
    expect(existsSync(holding.cwd)).toBe(false);
    expect((await git(repo, ["worktree", "list"])).split("\n")).toHaveLength(1);
  });

  it("names git's reason for a worktree it cannot read (its link points at nothing), and removes it when the user deletes anyway", async () => {
    const { session } = await newSession();
    writeFileSync(join(session.cwd, ".git"), `gitdir: ${join(kit.dataDir, "gone")}\n`);
    await expect(kit.lifecycle.delete(session.id, { force: false, deleteBranch: false })).rejects.toThrow(/^git cannot read the worktree as a checkout \(fatal: not a git repository: .*gone\), and it holds 2 files \(\.gitignore, README\.md\)\. Copy what you want to keep out of the folder, then delete anyway\.$/);
    expect(existsSync(join(session.cwd, "README.md"))).toBe(true);
    await kit.lifecycle.delete(session.id, { force: true, deleteBranch: false });
    expect(existsSync(session.cwd)).toBe(false);
  });

  it("picks up a branch switched outside ChatML, and a worktree folder deleted by hand", async () => {
    const { session } = await newSession();
    await git(session.cwd, ["checkout", "--quiet", "-b", "switched-outside"]);
    expect((await kit.waitForSession(session.id, (s) => s.git?.branch === "switched-outside")).git?.branch).toBe("switched-outside");
    rmSync(session.cwd, { recursive: true, force: true });
    const gone = await kit.waitForSession(session.id, (s) => s.problem !== null);
    expect(gone.problem).toMatch(/is gone/);
    await expect(kit.lifecycle.delete(session.id, { force: false, deleteBranch: false })).resolves.toBeDefined();
    expect((await git(repo, ["worktree", "list"])).split("\n")).toHaveLength(1);
  });
});

function userMessage(text: string) {
  return { id: `msg_${crypto.randomUUID().slice(0, 12)}` as never, role: "user" as const, parentToolUseId: null, model: null, createdAt: 1, parts: [{ id: `prt_${crypto.randomUUID().slice(0, 12)}` as never, kind: "text" as const, text }] };
}

describe("a restart's resume", () => {
  it("ends a cut-short setup at once (its worktree made: usable) and watches the sessions behind the start, most recently active first; a stop ends the watching", async () => {
    const older = (await newSession({ name: "older" })).session;
    const newer = (await newSession({ name: "newer" })).session;
    kit.sessions.git.closeAll();
    kit.t.repos.sessions.touch(older.id, Date.now() + 2_000);
    kit.t.repos.sessions.update(older.id, { setup: { ...(older.setup ?? { steps: [], output: "" }), status: "running" } as never }, { isQuiet: true });
    // The watcher as a new start finds it: open, watching nothing yet.
    (kit.sessions.git as unknown as { isClosed: boolean }).isClosed = false;
    const watch = vi.spyOn(kit.sessions.git, "watch");

    const { watched } = kit.sessions.resume();
    expect(kit.sessions.get(older.id).setup).toMatchObject({ status: "ready", error: expect.stringContaining("did not finish (ChatML stopped)") });
    await watched;
    expect(watch.mock.calls.map(([session]) => session.id)).toEqual([older.id, newer.id]);

    // Stopped (the server's stop closes the watcher) while the start still watches: nothing new is watched.
    const watches = (kit.sessions.git as unknown as { watches: Map<string, unknown> }).watches;
    expect(watches.size).toBe(2);
    kit.sessions.git.closeAll();
    await kit.sessions.resume().watched;
    expect(watches.size).toBe(0);
  });

  it("settles, without an unhandled rejection, when the database closes while it still watches", async () => {
    await newSession({ name: "first" });
    await newSession({ name: "second" });
    kit.sessions.git.closeAll();
    (kit.sessions.git as unknown as { isClosed: boolean }).isClosed = false;
    const { watched } = kit.sessions.resume();
    kit.t.db.close();
    await expect(watched).resolves.toBeUndefined();
  });
});
