import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/index.ts";
import { folderGoneText } from "../session-folder.ts";
import { makeSourceControlKit, type SourceControlKit } from "./source-control-test-kit.ts";
import { writeExecutable } from "../../test-support/executable.ts";

let k: SourceControlKit;
beforeEach(async () => {
  k = await makeSourceControlKit();
});
afterEach(() => k.close());

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);
const write = (name: string, text: string) => writeFileSync(join(k.cwd, name), text);
const read = (name: string) => readFileSync(join(k.cwd, name), "utf8");

/** A committed 30-line file with two separate edits (so its diff has two hunks). */
async function twoHunkFile(): Promise<void> {
  write("f.txt", `${lines(30).join("\n")}\n`);
  await git(k.cwd, ["add", "f.txt"]);
  await git(k.cwd, ["commit", "--quiet", "-m", "add f"]);
  const edited = lines(30);
  edited[1] = "TWO";
  edited[27] = "TWENTY-EIGHT";
  write("f.txt", `${edited.join("\n")}\n`);
}

describe("a worktree deleted outside ChatML", () => {
  it("refuses to stage or commit, saying the folder is gone and how to clean up", async () => {
    rmSync(k.cwd, { recursive: true, force: true });
    const gone = { code: "conflict", message: folderGoneText(k.cwd) };
    await expect(k.service.stage(k.id, ["f.txt"])).rejects.toMatchObject(gone);
    await expect(k.service.commit(k.id, { message: "x", isAmend: false })).rejects.toMatchObject(gone);
  });
});

describe("a plain-folder session inside a repository", () => {
  it("refuses git work there, and the repository around it stays as it was", async () => {
    mkdirSync(join(k.repo, "notes"));
    writeFileSync(join(k.repo, "notes", "todo.md"), "- x\n");
    writeFileSync(join(k.repo, "staged.txt"), "staged in the repository\n");
    await git(k.repo, ["add", "staged.txt"]);
    const head = await git(k.repo, ["rev-parse", "HEAD"]);
    const { session } = await k.kit.workspaces.startInFolder({ path: join(k.repo, "notes") });
    expect(session.kind).toBe("folder");
    const notARepo = { code: "bad_request", message: expect.stringMatching(/notes is not a git repository/) };
    await expect(k.service.changes(session.id)).rejects.toMatchObject(notARepo);
    await expect(k.service.stage(session.id, ["todo.md"])).rejects.toMatchObject(notARepo);
    await expect(k.service.commit(session.id, { message: "x", isAmend: false })).rejects.toMatchObject(notARepo);
    expect(await git(k.repo, ["rev-parse", "HEAD"])).toBe(head);
    expect(await git(k.repo, ["diff", "--cached", "--name-only"])).toBe("staged.txt");
  });
});

describe("hunks", () => {
  it("stages one hunk, unstages it again, and discards the other, each through its own patch", async () => {
    await twoHunkFile();
    const unstaged = await k.service.fileDiff(k.id, "f.txt", false);
    expect(unstaged.hunks.map((h) => h.header)).toEqual(["@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@ line 24"]);
    const second = unstaged.hunks[1];
    if (!second) throw new Error("no second hunk");

    await k.service.hunk(k.id, { path: "f.txt", index: 1, header: second.header, action: "stage" });
    expect(await git(k.cwd, ["diff", "--cached"])).toContain("+TWENTY-EIGHT");
    expect(await git(k.cwd, ["diff", "--cached"])).not.toContain("+TWO");
    expect(await k.service.changes(k.id)).toMatchObject({ staged: [{ path: "f.txt", status: "M", additions: 1 }], unstaged: [{ path: "f.txt", additions: 1 }] });

    const staged = await k.service.fileDiff(k.id, "f.txt", true);
    await k.service.hunk(k.id, { path: "f.txt", index: 0, header: staged.hunks[0]?.header ?? "", action: "unstage" });
    expect(await git(k.cwd, ["diff", "--cached"])).toBe("");

    const again = await k.service.fileDiff(k.id, "f.txt", false);
    await k.service.hunk(k.id, { path: "f.txt", index: 0, header: again.hunks[0]?.header ?? "", action: "discard" });
    expect(read("f.txt")).not.toContain("TWO\n");
    expect(read("f.txt")).toContain("TWENTY-EIGHT");
  });

  it("refuses a hunk whose diff changed since it was shown, and touches nothing", async () => {
    await twoHunkFile();
    const before = read("f.txt");
    await expect(k.service.hunk(k.id, { path: "f.txt", index: 0, header: "@@ -1,4 +1,4 @@", action: "discard" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/changed since it was shown/),
    });
    await expect(k.service.hunk(k.id, { path: "f.txt", index: 7, header: "@@ -1,5 +1,5 @@", action: "stage" })).rejects.toMatchObject({ code: "conflict" });
    expect(read("f.txt")).toBe(before);
  });
});

describe("hunks of a rename", () => {
  /** f.txt moved to g.txt with two separate edits: staged (`git mv`, `git add`), or only on disk. */
  async function renamedTwoHunkFile(isStaged: boolean): Promise<void> {
    await twoHunkFile();
    const edited = read("f.txt");
    rmSync(join(k.cwd, "f.txt"));
    write("g.txt", edited);
    if (isStaged) await git(k.cwd, ["add", "--all", "--", "f.txt", "g.txt"]);
  }
  const headers = (diff: { hunks: { header: string }[] }) => diff.hunks.map((h) => h.header);

  it("shows a staged rename's own hunks, and unstages one of them while the move stays staged", async () => {
    await renamedTwoHunkFile(true);
    expect((await k.service.changes(k.id)).staged).toMatchObject([{ path: "g.txt", oldPath: "f.txt", status: "R" }]);
    const staged = await k.service.fileDiff(k.id, "g.txt", true, "f.txt");
    expect(staged.oldPath).toBe("f.txt");
    expect(headers(staged)).toEqual(["@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@ line 24"]);

    await k.service.hunk(k.id, { path: "g.txt", oldPath: "f.txt", index: 0, header: staged.hunks[0]?.header ?? "", action: "unstage" });
    expect((await k.service.changes(k.id)).staged).toMatchObject([{ path: "g.txt", oldPath: "f.txt", status: "R", additions: 1, deletions: 1 }]);
    const index = await git(k.cwd, ["show", ":g.txt"]);
    expect(index).toContain("TWENTY-EIGHT");
    expect(index).not.toContain("TWO\n");
    expect(read("g.txt")).toContain("TWO\n");
    expect(await git(k.cwd, ["ls-files", "--", "f.txt"])).toBe("");
  });

  it("a hunk unstaged moves the session's git state, though no file's status or counts against HEAD do: every device's Git panel reads again", async () => {
    await renamedTwoHunkFile(true);
    const stateOf = () => JSON.stringify({ ...k.kit.sessions.get(k.id).git, checkedAt: 0 });
    await k.kit.sessions.refreshGit(k.id);
    const before = stateOf();
    const staged = await k.service.fileDiff(k.id, "g.txt", true, "f.txt");
    await k.service.hunk(k.id, { path: "g.txt", oldPath: "f.txt", index: 0, header: staged.hunks[0]?.header ?? "", action: "unstage" });
    expect(k.kit.sessions.get(k.id).git?.files).toEqual(JSON.parse(before).files);
    expect(stateOf()).not.toBe(before);
  });

  it("stages one hunk of a rename made only on disk together with the move, and discards another in the new file alone", async () => {
    await renamedTwoHunkFile(false);
    expect((await k.service.changes(k.id)).unstaged).toMatchObject([{ path: "g.txt", oldPath: "f.txt", status: "R" }]);
    const unstaged = await k.service.fileDiff(k.id, "g.txt", false, "f.txt");
    expect(headers(unstaged)).toEqual(["@@ -1,5 +1,5 @@", "@@ -25,6 +25,6 @@ line 24"]);

    await k.service.hunk(k.id, { path: "g.txt", oldPath: "f.txt", index: 1, header: unstaged.hunks[1]?.header ?? "", action: "discard" });
    expect(read("g.txt")).toContain("TWO\n");
    expect(read("g.txt")).not.toContain("TWENTY-EIGHT");
    expect(existsSync(join(k.cwd, "f.txt"))).toBe(false);
    expect(await git(k.cwd, ["diff", "--cached", "--name-only"])).toBe("");

    const left = await k.service.fileDiff(k.id, "g.txt", false, "f.txt");
    await k.service.hunk(k.id, { path: "g.txt", oldPath: "f.txt", index: 0, header: left.hunks[0]?.header ?? "", action: "stage" });
    expect((await k.service.changes(k.id)).staged).toMatchObject([{ path: "g.txt", oldPath: "f.txt", status: "R", additions: 1, deletions: 1 }]);
    expect(await git(k.cwd, ["show", ":g.txt"])).toContain("TWO\n");
  });
});

describe("files", () => {
  it("stages and unstages whole files, and discards a change and an untracked file", async () => {
    write("README.md", "# changed\n");
    write("new.txt", "new\n");
    await k.service.stage(k.id, ["README.md", "new.txt"]);
    expect((await k.service.changes(k.id)).staged.map((f) => `${f.status} ${f.path}`)).toEqual(["M README.md", "A new.txt"]);
    await k.service.unstage(k.id, ["README.md", "new.txt"]);
    const changes = await k.service.changes(k.id);
    expect(changes.staged).toEqual([]);
    expect(changes.unstaged.map((f) => `${f.status} ${f.path} +${f.additions}`)).toEqual(["M README.md +1", "? new.txt +1"]);
    await k.service.discard(k.id, ["README.md", "new.txt"]);
    expect(read("README.md")).toBe("# test\n");
    expect(existsSync(join(k.cwd, "new.txt"))).toBe(false);
  });

  it("shows a Latin-1 file's hunks as the diff view does, and stages and discards them byte for byte", async () => {
    const latin1 = (text: string) => Buffer.from(text, "latin1");
    const base = lines(20);
    writeFileSync(join(k.cwd, "menu.txt"), latin1(`thé\n${base.join("\n")}\n`));
    await git(k.cwd, ["add", "menu.txt"]);
    await git(k.cwd, ["commit", "--quiet", "-m", "menu"]);
    const edited = base.map((line, i) => (i === 19 ? "crème brûlée" : line));
    writeFileSync(join(k.cwd, "menu.txt"), latin1(`café\n${edited.join("\n")}\n`));
    const diff = await k.service.fileDiff(k.id, "menu.txt", false);
    // Shown as Windows-1252 (its `é` was `�`), and said so.
    expect(diff.encoding).toBe("windows-1252");
    expect(diff.hunks.map((hunk) => hunk.lines)).toEqual([
      ["@@ -1,4 +1,4 @@", "-thé", "+café", " line 1", " line 2", " line 3"],
      ["@@ -18,4 +18,4 @@ line 16", " line 17", " line 18", " line 19", "-line 20", "+crème brûlée"],
    ]);
    // Staged byte for byte (the é was staged as the UTF-8 of �).
    await k.service.hunk(k.id, { path: "menu.txt", index: 0, header: diff.hunks[0]?.header ?? "", action: "stage" });
    const staged = Bun.spawnSync(["git", "-C", k.cwd, "show", ":menu.txt"]).stdout;
    expect(Buffer.from(staged).equals(latin1(`café\n${base.join("\n")}\n`))).toBe(true);
    const left = await k.service.fileDiff(k.id, "menu.txt", false);
    await k.service.hunk(k.id, { path: "menu.txt", index: 0, header: left.hunks[0]?.header ?? "", action: "discard" });
    expect(readFileSync(join(k.cwd, "menu.txt")).equals(latin1(`café\n${base.join("\n")}\n`))).toBe(true);
    expect((await k.service.fileDiff(k.id, "menu.txt", true)).hunks[0]?.lines).toContain("+café");
  });

  it("still reads a UTF-8 file's hunks as UTF-8", async () => {
    write("utf8.txt", "thé\n");
    await git(k.cwd, ["add", "utf8.txt"]);
    write("utf8.txt", "café 🍰\n");
    const diff = await k.service.fileDiff(k.id, "utf8.txt", false);
    expect(diff.encoding).toBe("utf-8");
    expect(diff.hunks[0]?.lines).toEqual(["@@ -1 +1 @@", "-thé", "+café 🍰"]);
  });

  it("discards without running the repository's post-checkout hook, so a hook that hangs blocks neither it nor the lock", async () => {
    const hooks = join(k.cwd, ".hooks");
    mkdirSync(hooks);
    writeExecutable(join(hooks, "post-checkout"), `#!/bin/sh\necho ran >> "${join(hooks, "ran")}"\nexec sleep 30\n`);
    await git(k.cwd, ["config", "core.hooksPath", hooks]);
    write("README.md", "# changed\n");
    await k.service.discard(k.id, ["README.md"]);
    expect(read("README.md")).toBe("# test\n");
    expect(existsSync(join(hooks, "ran"))).toBe(false);
    // The repository's lock was let go: the next write goes through.
    write("README.md", "# changed again\n");
    await k.service.stage(k.id, ["README.md"]);
    expect((await k.service.changes(k.id)).staged.map((f) => f.path)).toEqual(["README.md"]);
  });

  it("acts on the file named, never on others its name would match as a git pattern", async () => {
    for (const name of ["u*.txt", "uX.txt", "b[1].txt", "b1.txt"]) write(name, "new\n");
    await k.service.discard(k.id, ["u*.txt"]);
    expect(["u*.txt", "uX.txt"].map((name) => existsSync(join(k.cwd, name)))).toEqual([false, true]);

    await k.service.stage(k.id, ["b[1].txt"]);
    expect((await k.service.changes(k.id)).staged.map((f) => f.path)).toEqual(["b[1].txt"]);
    await git(k.cwd, ["add", "b1.txt"]);
    await k.service.unstage(k.id, ["b[1].txt"]);
    expect((await k.service.changes(k.id)).staged.map((f) => f.path)).toEqual(["b1.txt"]);

    await git(k.cwd, ["add", "b[1].txt"]);
    await git(k.cwd, ["commit", "--quiet", "-m", "two look-alikes"]);
    write("b[1].txt", "edited\n");
    write("b1.txt", "edited\n");
    expect((await k.service.fileDiff(k.id, "b[1].txt", false)).hunks).toHaveLength(1);
    await k.service.discard(k.id, ["b[1].txt"]);
    expect([read("b[1].txt"), read("b1.txt")]).toEqual(["new\n", "edited\n"]);
  });
});

describe("commit", () => {
  it("says a commit a hook refused was not made, with the hook's words, and keeps what is staged", async () => {
    const hook = join(await git(k.cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"]), "hooks", "pre-commit");
    mkdirSync(join(hook, ".."), { recursive: true });
    writeExecutable(hook, "#!/bin/sh\necho 'lint: README.md:1 heading too short' >&2\nexit 1\n");
    write("README.md", "# mine\n");
    await k.service.stage(k.id, ["README.md"]);
    const head = await git(k.cwd, ["rev-parse", "HEAD"]);
    await expect(k.service.commit(k.id, { message: "x", isAmend: false })).rejects.toMatchObject({
      code: "conflict",
      message: "Nothing was committed: the repository's pre-commit hook refused it. What is staged and your message are kept.\nlint: README.md:1 heading too short",
    });
    expect(await git(k.cwd, ["rev-parse", "HEAD"])).toBe(head);
    expect((await k.service.changes(k.id)).staged.map((f) => f.path)).toEqual(["README.md"]);
  });

  it("shows a commit whose hook hangs as running to every device; Cancel stops the hook, commits nothing, keeps the stage and frees the repository", async () => {
    const hooks = join(await git(k.cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"]), "hooks");
    const marker = join(hooks, "hook-started");
    mkdirSync(hooks, { recursive: true });
    writeExecutable(join(hooks, "pre-commit"), `#!/bin/sh\ntouch "${marker}"\nsleep 300\n`);
    write("README.md", "# mine\n");
    await k.service.stage(k.id, ["README.md"]);
    const head = await git(k.cwd, ["rev-parse", "HEAD"]);
    const committing = k.service.commit(k.id, { message: "x", isAmend: false });
    while (!existsSync(marker)) await Bun.sleep(20);
    expect(k.service.operation(k.id)).toMatchObject({ kind: "commit", status: "running" });
    expect(k.service.cancel(k.id)).toEqual({ isCancelled: true });
    await expect(committing).rejects.toMatchObject({ code: "cancelled", message: expect.stringMatching(/^The commit was stopped before it was made .* Nothing was committed; what is staged and your message are kept\.$/) });
    expect(k.operations.at(-1)).toMatchObject({ kind: "commit", status: "cancelled" });
    expect(await git(k.cwd, ["rev-parse", "HEAD"])).toBe(head);
    // The repository's lock is free again: the next write runs (it waited behind the hung hook for good before).
    rmSync(join(hooks, "pre-commit"));
    const { sha } = await k.service.commit(k.id, { message: "after the hang", isAmend: false });
    expect(k.operations.at(-1)).toMatchObject({ kind: "commit", status: "done", message: `Committed (${sha.slice(0, 7)}).` });
    expect(await git(k.cwd, ["log", "-1", "--format=%s"])).toBe("after the hang");
  });

  it("shows all of a refusing hook's output — a linter's file names too, not only its lines that say error", async () => {
    const hook = join(await git(k.cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"]), "hooks", "pre-commit");
    mkdirSync(join(hook, ".."), { recursive: true });
    const lint = ["Checking 2 files…", "error: unused variable: `x`", " --> src/app.rs:3:9", "", "error: unused import: `std::fs`", " --> src/util.rs:1:5", "", "lint failed in src/app.rs, src/util.rs"];
    writeExecutable(hook, `#!/bin/sh\ncat <<'OUT'\n${lint.join("\n")}\nOUT\nexit 1\n`);
    write("README.md", "# mine\n");
    await k.service.stage(k.id, ["README.md"]);
    const error = await k.service.commit(k.id, { message: "x", isAmend: false }).then(() => null, (e: Error) => e);
    expect(error?.message).toBe(`Nothing was committed: the repository's pre-commit hook refused it. What is staged and your message are kept.\n${lint.filter(Boolean).join("\n")}`);
  });

  it("cuts a refusing hook's very long output, saying how much was left out", async () => {
    const hook = join(await git(k.cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"]), "hooks", "pre-commit");
    mkdirSync(join(hook, ".."), { recursive: true });
    writeExecutable(hook, "#!/bin/sh\nfor i in $(seq 1 100); do echo \"src/f$i.ts: bad\"; done\nexit 1\n");
    write("README.md", "# mine\n");
    await k.service.stage(k.id, ["README.md"]);
    const error = await k.service.commit(k.id, { message: "x", isAmend: false }).then(() => null, (e: Error) => e);
    const shown = error?.message.split("\n").slice(1) ?? [];
    expect(shown[0]).toBe("src/f1.ts: bad");
    expect(shown.at(-1)).toBe(`… and ${100 - shown.length + 1} more lines`);
    expect(shown.length).toBeLessThan(100);
  });

  it("refuses a commit with nothing staged and keeps the unstaged work", async () => {
    write("README.md", "# mine\n");
    await expect(k.service.commit(k.id, { message: "x", isAmend: false })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/Nothing is staged/) });
    expect(read("README.md")).toBe("# mine\n");
  });

  it("commits with a message Claude drafted from the staged diff, amends it, and publishes the new head", async () => {
    write("hello.txt", "hello\n");
    await k.service.stage(k.id, ["hello.txt"]);
    const draft = await k.service.draftMessage(k.id);
    expect(draft).toBe("Add the greeting\n\nSays hello.");
    expect(k.oneShots[0]).toMatchObject({ model: "haiku", foreground: true, prompt: expect.stringContaining("+hello") });
    expect(k.oneShots[0]?.prompt).toContain("[chatml:commit-message]");

    const { sha } = await k.service.commit(k.id, { message: draft, isAmend: false });
    expect(await git(k.cwd, ["log", "-1", "--format=%B"])).toBe(draft);
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ headSha: sha, headSubject: "Add the greeting", ahead: 1, files: [] });

    write("hello.txt", "hello, world\n");
    await k.service.stage(k.id, ["hello.txt"]);
    const amended = await k.service.commit(k.id, { message: "Greet the world", isAmend: true });
    expect(await git(k.cwd, ["rev-list", "--count", "main..HEAD"])).toBe("1");
    expect(await git(k.cwd, ["show", "HEAD:hello.txt"])).toBe("hello, world");
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ headSha: amended.sha, headSubject: "Greet the world" });
    expect(await k.service.lastMessage(k.id)).toBe("Greet the world");
  });

  it("refuses to amend the base's last commit when the session has none of its own, and changes nothing", async () => {
    const head = await git(k.cwd, ["rev-parse", "HEAD"]);
    write("hello.txt", "hello\n");
    await k.service.stage(k.id, ["hello.txt"]);
    await expect(k.service.commit(k.id, { message: "init", isAmend: true })).rejects.toMatchObject({
      code: "bad_request",
      message: "The last commit here is main's, not this session's: amending it would rewrite main's history. Commit instead; nothing was changed.",
    });
    expect(await git(k.cwd, ["rev-parse", "HEAD"])).toBe(head);
    expect(await git(k.cwd, ["diff", "--cached", "--name-only"])).toBe("hello.txt");
  });

  it("keeps lines that start with # (an issue number, a Markdown heading) in the message", async () => {
    write("hello.txt", "hello");
    await k.service.stage(k.id, ["hello.txt"]);
    const message = "#42 Fix login\n\n## Summary\n- the cookie\n\n## Test plan\n- ran it";
    await k.service.commit(k.id, { message: `\n${message}\n\n`, isAmend: false });
    expect(await git(k.cwd, ["log", "-1", "--format=%B"])).toBe(message);
  });

  it("refuses to commit on a detached HEAD and leaves the staged change staged", async () => {
    write("hello.txt", "hello\n");
    await git(k.cwd, ["add", "hello.txt"]);
    await git(k.cwd, ["checkout", "--quiet", "--detach"]);
    await expect(k.service.commit(k.id, { message: "x", isAmend: false })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/HEAD is detached/) });
    expect(await git(k.cwd, ["diff", "--cached", "--name-only"])).toBe("hello.txt");
  });
});
