import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangedFile } from "../../../shared/api/workbench.ts";
import { git } from "../../git/git.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { readGitStatus } from "../../git/status.ts";
import { recordTurnTree } from "../../git/turn-refs.ts";
import { MAX_RECORDED_UNTRACKED_BYTES, worktreeTree } from "../../git/worktree-tree.ts";
import { EventBus } from "../event-bus.ts";
import { folderGoneText } from "../session-folder.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { ChangesService } from "./changes-service.ts";
import { composeWorkbench } from "./compose-workbench.ts";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";

describe("changes of a session against its base, on a real repository", () => {
  let k: WorkbenchKit;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
  });
  afterEach(() => k.close());

  const byPath = (files: ChangedFile[]) => Object.fromEntries(files.map((f) => [f.path, f]));

  it("refuses to list changes in a plain-folder session, even in a folder inside a repository", async () => {
    mkdirSync(join(k.repo, "sub"));
    writeFileSync(join(k.repo, "README.md"), "# changed outside the folder\n");
    const folder = k.t.repos.workspaces.create({ path: join(k.repo, "sub"), isGitRepo: false });
    const session = k.t.repos.sessions.create({ workspaceId: folder.id, name: "sub", cwd: folder.path, kind: "folder", branch: null, baseBranch: null });
    const notARepo = { code: "bad_request", message: expect.stringMatching(/sub is not a git repository/) };
    await expect(k.changes.list(session.id, "uncommitted")).rejects.toMatchObject(notARepo);
    await expect(k.changes.sides(session.id, "uncommitted", "README.md")).rejects.toMatchObject(notARepo);
  });

  it("says a folder deleted outside ChatML is gone, and how to clean up", async () => {
    rmSync(k.repo, { recursive: true, force: true });
    await expect(k.changes.list(k.session.id, "uncommitted")).rejects.toMatchObject({ code: "conflict", message: folderGoneText(k.repo) });
  });

  it("lists a large untracked file without writing it into the repository, every time it is listed", async () => {
    const objectsKiB = async () => {
      const counted = Object.fromEntries((await git(k.repo, ["count-objects", "-v"])).split("\n").map((line) => line.split(": ")));
      return Number(counted["size"]) + Number(counted["size-pack"]);
    };
    const before = await objectsKiB();
    const big = Buffer.alloc(MAX_RECORDED_UNTRACKED_BYTES + 1, "data\n");
    writeFileSync(join(k.repo, "big*.csv"), big);
    writeFileSync(join(k.repo, "bigX.csv"), "small\n");
    for (let version = 0; version < 2; version++) {
      big[0] = 65 + version;
      writeFileSync(join(k.repo, "big*.csv"), big);
      const f = byPath((await k.changes.list(k.session.id, "uncommitted")).files);
      expect(f["big*.csv"]).toMatchObject({ change: "added", isUntracked: true, isTooLarge: true, additions: null, isBinary: false });
      expect(f["bigX.csv"]).toMatchObject({ change: "added", additions: 1, isTooLarge: false });
    }
    // Listed in path order with the others, not after them all.
    const paths = (await k.changes.list(k.session.id, "uncommitted")).files.map((file) => file.path);
    expect(paths.filter((path) => path.startsWith("big"))).toEqual(["big*.csv", "bigX.csv"]);
    expect(await k.changes.sides(k.session.id, "uncommitted", "big*.csv")).toMatchObject({ isTooLarge: true, before: null, after: null });
    expect((await readGitStatus(k.repo, "main")).files.map((file) => file.path)).toContain("big*.csv");
    // Compressible text would shrink in the object store, so compare with the raw size: not one copy went in.
    expect((await objectsKiB()) - before).toBeLessThan(64);
  });

  it("lists committed, staged, unstaged, untracked, renamed, deleted, binary and mode changes with counts", async () => {
    await git(k.repo, ["checkout", "--quiet", "main"]);
    await commitFile(k.repo, "old-name.txt", "one\ntwo\nthree\nfour\nfive\n");
    await commitFile(k.repo, "gone.txt", "bye\n");
    await commitFile(k.repo, "run.sh", "echo hi\n");
    await git(k.repo, ["checkout", "--quiet", "work"]);
    await git(k.repo, ["merge", "--quiet", "main"]);
    await commitFile(k.repo, "committed.txt", "a\nb\n");
    await git(k.repo, ["mv", "old-name.txt", "new-name.txt"]);
    writeFileSync(join(k.repo, "staged.txt"), "s\n");
    await git(k.repo, ["add", "staged.txt"]);
    writeFileSync(join(k.repo, "README.md"), "# test\nmore\n");
    rmSync(join(k.repo, "gone.txt"));
    mkdirSync(join(k.repo, "src"));
    writeFileSync(join(k.repo, "src", "untracked.ts"), "export const a = 1;\nexport const b = 2;\nexport const c = 3;\n");
    writeFileSync(join(k.repo, "image.bin"), Buffer.from([0, 1, 2, 3, 0, 255]));
    chmodSync(join(k.repo, "run.sh"), 0o755);
    writeFileSync(join(k.repo, ".env"), "SECRET=2\n");

    const { files, from } = await k.changes.list(k.session.id, "base");
    const f = byPath(files);
    expect(from).toMatch(/^[0-9a-f]{40}$/);
    expect(f["committed.txt"]).toMatchObject({ change: "added", additions: 2, deletions: 0, isUntracked: false });
    expect(f["new-name.txt"]).toMatchObject({ change: "renamed", oldPath: "old-name.txt", isStaged: true });
    expect(f["staged.txt"]).toMatchObject({ change: "added", isStaged: true, isUnstaged: false });
    expect(f["README.md"]).toMatchObject({ change: "modified", additions: 1, deletions: 0, isUnstaged: true });
    expect(f["gone.txt"]).toMatchObject({ change: "deleted", deletions: 1 });
    expect(f["src/untracked.ts"]).toMatchObject({ change: "added", additions: 3, isUntracked: true });
    expect(f["image.bin"]).toMatchObject({ isBinary: true, additions: null, isUntracked: true });
    expect(f["run.sh"]).toMatchObject({ oldMode: "100644", newMode: "100755", additions: 0, deletions: 0 });
    expect(f[".env"]).toBeUndefined();
    const uncommitted = byPath((await k.changes.list(k.session.id, "uncommitted")).files);
    expect(uncommitted["committed.txt"]).toBeUndefined();
    expect(uncommitted["src/untracked.ts"]).toMatchObject({ additions: 3 });
  });

  it("restores a deleted file as it was before: uncommitted, as if never deleted; deleted by a commit, as a change to commit; never over a file that is back", async () => {
    // Both files are on the base branch, before the session's branch forks from it.
    await git(k.repo, ["checkout", "--quiet", "main"]);
    await commitFile(k.repo, "notes.txt", "keep me\n");
    await commitFile(k.repo, "tool.sh", "echo tool\n");
    chmodSync(join(k.repo, "tool.sh"), 0o755);
    await git(k.repo, ["add", "tool.sh"]);
    await git(k.repo, ["commit", "--quiet", "-m", "tool is executable"]);
    await git(k.repo, ["checkout", "--quiet", "work"]);
    await git(k.repo, ["merge", "--quiet", "main"]);
    await git(k.repo, ["rm", "--quiet", "notes.txt"]); // deleted and staged
    rmSync(join(k.repo, "tool.sh")); // deleted on disk only
    await k.changes.restoreDeleted(k.session.id, "uncommitted", "notes.txt");
    await k.changes.restoreDeleted(k.session.id, "uncommitted", "tool.sh");
    expect(readFileSync(join(k.repo, "notes.txt"), "utf8")).toBe("keep me\n");
    expect(statSync(join(k.repo, "tool.sh")).mode & 0o111).not.toBe(0); // its mode comes back with it
    expect((await k.changes.list(k.session.id, "uncommitted")).files).toEqual([]);

    // Deleted by a commit of the branch: back on disk, to be committed; the branch's history is left alone.
    await git(k.repo, ["rm", "--quiet", "notes.txt"]);
    await git(k.repo, ["commit", "--quiet", "-m", "drop notes"]);
    const head = await git(k.repo, ["rev-parse", "HEAD"]);
    await k.changes.restoreDeleted(k.session.id, "base", "notes.txt");
    expect(readFileSync(join(k.repo, "notes.txt"), "utf8")).toBe("keep me\n");
    expect(await git(k.repo, ["rev-parse", "HEAD"])).toBe(head);
    expect(byPath((await k.changes.list(k.session.id, "uncommitted")).files)["notes.txt"]).toMatchObject({ change: "added", isUntracked: true });

    writeFileSync(join(k.repo, "notes.txt"), "written since\n");
    await expect(k.changes.restoreDeleted(k.session.id, "base", "notes.txt")).rejects.toMatchObject({ code: "conflict", message: "notes.txt exists in the session again, so nothing was restored over it." });
    expect(readFileSync(join(k.repo, "notes.txt"), "utf8")).toBe("written since\n");
    await expect(k.changes.restoreDeleted(k.session.id, "base", "../outside.txt")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("gives both sides of a file, including an untracked one and a binary one", async () => {
    writeFileSync(join(k.repo, "README.md"), "# test\nchanged\n");
    writeFileSync(join(k.repo, "fresh.txt"), "new file\n");
    writeFileSync(join(k.repo, "blob.bin"), Buffer.from([0, 0, 7]));
    expect(await k.changes.sides(k.session.id, "base", "README.md")).toMatchObject({ before: "# test\n", after: "# test\nchanged\n" });
    expect(await k.changes.sides(k.session.id, "base", "fresh.txt")).toMatchObject({ before: null, after: "new file\n" });
    expect(await k.changes.sides(k.session.id, "base", "blob.bin")).toMatchObject({ isBinary: true, before: null, after: null });
    await expect(k.changes.sides(k.session.id, "base", "../outside.txt")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("says each side's size for a binary file changed, added or deleted (a text diff has none)", async () => {
    await commitFile(k.repo, "data.bin", "\0abc");
    await commitFile(k.repo, "gone.bin", "\0\0");
    await git(k.repo, ["update-ref", "refs/heads/main", "HEAD"]);
    writeFileSync(join(k.repo, "data.bin"), Buffer.from([0, 1, 2, 3, 4, 5, 6]));
    writeFileSync(join(k.repo, "new.bin"), Buffer.from([0, 9]));
    rmSync(join(k.repo, "gone.bin"));
    writeFileSync(join(k.repo, "README.md"), "# test\nchanged\n");
    const sizes = async (path: string) => (await k.changes.sides(k.session.id, "uncommitted", path)).sizes;
    expect(await sizes("data.bin")).toEqual({ before: 4, after: 7 });
    expect(await sizes("new.bin")).toEqual({ before: null, after: 2 });
    expect(await sizes("gone.bin")).toEqual({ before: 2, after: null });
    expect(await sizes("README.md")).toBeNull();
  });

  it("reads an edited image's old side from git once: for its diff, its size and again once to show it", async () => {
    const picture = (byte: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, byte, byte, byte]);
    writeFileSync(join(k.repo, "logo.png"), picture(1));
    await git(k.repo, ["add", "logo.png"]);
    await git(k.repo, ["commit", "--quiet", "-m", "logo"]);
    await git(k.repo, ["update-ref", "refs/heads/main", "HEAD"]);
    writeFileSync(join(k.repo, "logo.png"), picture(2));
    const blobReads = async (read: () => Promise<unknown>) => {
      const trace = join(mkdtempSync(join(tmpdir(), "chatml-trace-")), "git.log");
      process.env.GIT_TRACE = trace;
      try {
        await read();
      } finally {
        delete process.env.GIT_TRACE;
      }
      return readFileSync(trace, "utf8").split("\n").filter((line) => / built-in: git .*cat-file /.test(line)).length;
    };
    expect(await blobReads(() => k.changes.sides(k.session.id, "base", "logo.png"))).toBe(1);
    expect(await k.changes.sides(k.session.id, "base", "logo.png")).toMatchObject({ isBinary: true, images: { before: { size: 8 }, after: { size: 8 } } });
    expect(await blobReads(() => k.changes.sideBytes(k.session.id, "base", "logo.png", null, "old"))).toBe(1);
  });

  it("shows a file whose text is exactly \"too large\" as that text", async () => {
    await commitFile(k.repo, "odd.txt", "too large");
    writeFileSync(join(k.repo, "odd.txt"), "too large\nindeed\n");
    expect(await k.changes.sides(k.session.id, "uncommitted", "odd.txt")).toMatchObject({ before: "too large", after: "too large\nindeed\n", isTooLarge: false });
  });

  it("diffs a symbolic link by its text, as git records it, wherever it points", async () => {
    await commitFile(k.repo, "target.txt", "the target\n");
    symlinkSync("target.txt", join(k.repo, "link.txt"));
    await git(k.repo, ["add", "link.txt"]);
    await git(k.repo, ["commit", "--quiet", "-m", "link"]);
    rmSync(join(k.repo, "link.txt"));
    symlinkSync("/etc/hostname", join(k.repo, "link.txt"));
    symlinkSync("../elsewhere", join(k.repo, "new-link"));
    const f = byPath((await k.changes.list(k.session.id, "uncommitted")).files);
    expect(Object.keys(f).sort()).toEqual(["link.txt", "new-link"]);
    expect(await k.changes.sides(k.session.id, "uncommitted", "link.txt")).toMatchObject({ path: "link.txt", before: "target.txt", after: "/etc/hostname" });
    expect(await k.changes.sides(k.session.id, "uncommitted", "new-link")).toMatchObject({ path: "new-link", before: null, after: "../elsewhere" });
    // A link in a folder above the file still may not lead outside.
    symlinkSync("/etc", join(k.repo, "etc-link"));
    await expect(k.changes.sides(k.session.id, "uncommitted", "etc-link/hostname")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows a submodule's change as git's diff does: the commit it moves from and to, dirty when its files changed", async () => {
    const lib = await makeTempRepo("chatml-lib-");
    try {
      await git(k.repo, ["-c", "protocol.file.allow=always", "submodule", "add", "--quiet", lib, "libs/lib"]);
      await git(k.repo, ["commit", "--quiet", "-m", "add lib"]);
      const recorded = await git(k.repo, ["rev-parse", "HEAD:libs/lib"]);
      const inLib = join(k.repo, "libs", "lib");
      await commitFile(inLib, "more.txt", "more\n");
      const moved = await git(inLib, ["rev-parse", "HEAD"]);
      expect((await k.changes.list(k.session.id, "uncommitted")).files.map((f) => f.path)).toEqual(["libs/lib"]);
      expect(await k.changes.sides(k.session.id, "uncommitted", "libs/lib")).toMatchObject({ before: `Subproject commit ${recorded}\n`, after: `Subproject commit ${moved}\n`, isBinary: false });
      // Against the base (where the submodule did not exist yet); a file edited in it makes it dirty.
      writeFileSync(join(inLib, "more.txt"), "edited\n");
      expect(await k.changes.sides(k.session.id, "base", "libs/lib")).toMatchObject({ before: null, after: `Subproject commit ${moved}-dirty\n` });
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it("'in this turn' shows only what changed between the turn's start and end", async () => {
    writeFileSync(join(k.repo, "before-turn.txt"), "x\n");
    expect((await k.changes.list(k.session.id, "turn")).note).toMatch(/No turn/);
    const conversation = k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const publish = (event: object) => k.bus.publish({ kind: "event", conversationId: conversation.id, sequenced: { seq: 1, at: 0, event } as never });
    publish({ type: "conversation.status.changed", status: "running", reason: null });
    await k.turns.settled(k.session.id);
    writeFileSync(join(k.repo, "during-turn.txt"), "y\ny\n");
    publish({ type: "turn.completed", subtype: "success" });
    await k.turns.settled(k.session.id);
    writeFileSync(join(k.repo, "after-turn.txt"), "z\n");
    const turn = await k.changes.list(k.session.id, "turn");
    expect(turn.files.map((f) => f.path)).toEqual(["during-turn.txt"]);
    expect(turn.files[0]).toMatchObject({ additions: 2 });
    expect(await k.changes.sides(k.session.id, "turn", "during-turn.txt")).toMatchObject({ before: null, after: "y\ny\n" });
  });

  it("'in this turn' starts from the tree a send's checkpoint took before the turn (ADR 0114), unless the send started no turn", async () => {
    const conversation = k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const publish = (event: object) => k.bus.publish({ kind: "event", conversationId: conversation.id, sequenced: { seq: 1, at: 0, event } as never });
    const turnFiles = async () => (await k.changes.list(k.session.id, "turn")).files.map((f) => f.path);
    k.turns.turnStartsFrom(conversation.id, await worktreeTree(k.repo));
    // Written after the checkpoint, as Claude may before the turn's "running" arrives: the turn's own work.
    writeFileSync(join(k.repo, "written-as-the-turn-started.txt"), "x\n");
    publish({ type: "conversation.status.changed", status: "running", reason: null });
    await k.turns.settled(k.session.id);
    publish({ type: "turn.completed", subtype: "success" });
    await k.turns.settled(k.session.id);
    expect(await turnFiles()).toEqual(["written-as-the-turn-started.txt"]);

    // A send whose turn never started leaves its tree unused: the next turn (the terminal's, say) takes its own.
    k.turns.turnStartsFrom(conversation.id, await worktreeTree(k.repo));
    publish({ type: "conversation.status.changed", status: "ready", reason: null });
    writeFileSync(join(k.repo, "edited-by-the-user.txt"), "y\n");
    publish({ type: "conversation.status.changed", status: "running", reason: null });
    await k.turns.settled(k.session.id);
    writeFileSync(join(k.repo, "next-turn.txt"), "z\n");
    publish({ type: "turn.completed", subtype: "success" });
    await k.turns.settled(k.session.id);
    expect(await turnFiles()).toEqual(["next-turn.txt"]);
  });

  it("'in this turn' shows a file the turn moved (by hand, with `git mv`) and edited as one rename, as the other scopes do", async () => {
    await commitFile(k.repo, "small.txt", "one\ntwo\nthree\n");
    await commitFile(k.repo, "staged.txt", "a\nb\nc\nd\n");
    await git(k.repo, ["config", "diff.renames", "false"]);
    const conversation = k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const publish = (event: object) => k.bus.publish({ kind: "event", conversationId: conversation.id, sequenced: { seq: 1, at: 0, event } as never });
    publish({ type: "conversation.status.changed", status: "running", reason: null });
    await k.turns.settled(k.session.id);
    renameSync(join(k.repo, "small.txt"), join(k.repo, "renamed.txt"));
    writeFileSync(join(k.repo, "renamed.txt"), "one\nTWO\nthree\n");
    mkdirSync(join(k.repo, "moved"));
    await git(k.repo, ["mv", "staged.txt", "moved/staged.txt"]);
    writeFileSync(join(k.repo, "moved/staged.txt"), "a\nb\nc\nd\ne\n");
    publish({ type: "turn.completed", subtype: "success" });
    await k.turns.settled(k.session.id);
    const entries = async (scope: "turn" | "uncommitted") => (await k.changes.list(k.session.id, scope)).files.map((f) => [f.path, f.oldPath, f.change, f.additions, f.deletions]);
    expect(await entries("turn")).toEqual([
      ["moved/staged.txt", "staged.txt", "renamed", 1, 0],
      ["renamed.txt", "small.txt", "renamed", 1, 1],
    ]);
    expect(await entries("turn")).toEqual(await entries("uncommitted"));
    expect(await k.changes.sides(k.session.id, "turn", "renamed.txt", "small.txt")).toMatchObject({ before: "one\ntwo\nthree\n", after: "one\nTWO\nthree\n" });
  });

  it("a plain-folder session has no turn, and git is not asked, even in a folder inside a repository that has one recorded", async () => {
    mkdirSync(join(k.repo, "sub"));
    const folder = k.t.repos.workspaces.create({ path: join(k.repo, "sub"), isGitRepo: false });
    const session = k.t.repos.sessions.create({ workspaceId: folder.id, name: "sub", cwd: folder.path, kind: "folder", branch: null, baseBranch: null });
    // Refs under this session's id in the repository around the folder: only a git run from the folder would find them.
    await recordTurnTree(k.repo, session.id, "start", await worktreeTree(k.repo), "cnv_other");
    expect(await k.turns.get(session.id)).toBeNull();
  });

  it("'in this turn' survives a restart (recorded as refs in the repository), and says so when the turn was cut", async () => {
    const conversation = k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const publish = (event: object) => k.bus.publish({ kind: "event", conversationId: conversation.id, sequenced: { seq: 1, at: 0, event } as never });
    const restarted = () => composeWorkbench({ repos: k.t.repos, bus: new EventBus(), now: Date.now, refreshGit: async () => undefined, sendMessage: async () => ({ messageId: "m" }) });
    publish({ type: "conversation.status.changed", status: "running", reason: null });
    await k.turns.settled(k.session.id);
    writeFileSync(join(k.repo, "during-turn.txt"), "y\n");
    publish({ type: "turn.completed", subtype: "success" });
    await k.turns.settled(k.session.id);
    writeFileSync(join(k.repo, "after-turn.txt"), "z\n");

    const second = restarted();
    const turn = await second.changes.list(k.session.id, "turn");
    expect(turn).toMatchObject({ note: null, files: [expect.objectContaining({ path: "during-turn.txt" })] });
    expect(turn.files).toHaveLength(1);
    second.stop();

    publish({ type: "conversation.status.changed", status: "running", reason: null });
    await k.turns.settled(k.session.id);
    writeFileSync(join(k.repo, "cut-turn.txt"), "w\n");
    const third = restarted();
    const cut = await third.changes.list(k.session.id, "turn");
    expect(cut.note).toMatch(/server stopped during this turn/);
    expect(cut.files.map((f) => f.path)).toEqual(["cut-turn.txt"]);
    third.stop();
  });

  it("the live git state counts untracked files instead of +0 −0", async () => {
    writeFileSync(join(k.repo, "notes.md"), "1\n2\n3\n");
    const status = await readGitStatus(k.repo, "main");
    expect(status.files.find((f) => f.path === "notes.md")).toMatchObject({ status: "??", additions: 3, deletions: 0 });
  });
});

describe("changes of a session deleted while they are read", () => {
  it("say the session is gone, not git's error about its missing folder", async () => {
    const k = await makeWorkbenchKit();
    try {
      // The session is found when the read starts; git then fails (its repository is gone), and by then the session
      // has been deleted.
      let lookups = 0;
      const session = () => {
        if (++lookups > 1) throw new AppError("not_found", `No session ${k.session.id}.`);
        return k.session;
      };
      const changes = new ChangesService({ session, turns: k.turns, refreshGitSoon: () => undefined });
      rmSync(join(k.repo, ".git"), { recursive: true, force: true });
      await expect(changes.list(k.session.id, "uncommitted")).rejects.toMatchObject({ code: "not_found", message: `No session ${k.session.id}.` });
    } finally {
      k.close();
    }
  });
});
