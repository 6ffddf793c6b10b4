import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { applyStash, dropStash, listStashes, pushStash, showStash } from "./stash.ts";
import { readGitStatus } from "./status.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

let repo: string;
beforeEach(async () => {
  repo = await makeTempRepo("chatml-stash-");
  await git(repo, ["checkout", "--quiet", "-b", "work"]);
  await commitFile(repo, "notes.txt", "one\n");
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const read = (path: string) => readFileSync(join(repo, path), "utf8");

describe("stashes of a real repository", () => {
  it("stashes with a message and untracked files, lists it with its branch, and shows its files", async () => {
    writeFileSync(join(repo, "notes.txt"), "two\n");
    writeFileSync(join(repo, "fresh.txt"), "new\n");
    const made = await pushStash(repo, { message: "before Claude tries again", includeUntracked: true });
    expect(made).toMatchObject({ index: 0, branch: "work", message: "before Claude tries again" });
    expect(read("notes.txt")).toBe("one\n");
    expect((await readGitStatus(repo, null)).fileCount).toBe(0);
    const detail = await showStash(repo, made.sha);
    expect(detail.files.map((f) => [f.path, f.status, f.additions, f.deletions]).sort()).toEqual([["fresh.txt", "A", 1, 0], ["notes.txt", "M", 1, 1]]);
    expect(detail.patch).toContain("+two");
  });

  it("says there is nothing to stash (and why untracked files were not) instead of making nothing", async () => {
    writeFileSync(join(repo, "fresh.txt"), "new\n");
    await expect(pushStash(repo, { message: "", includeUntracked: false })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/nothing to stash.*Include untracked files/) });
    expect(await listStashes(repo)).toEqual([]);
  });

  it("pops a stash back and drops it; drops the stash named even after the indexes moved", async () => {
    writeFileSync(join(repo, "notes.txt"), "first\n");
    const first = await pushStash(repo, { message: "first", includeUntracked: false });
    writeFileSync(join(repo, "notes.txt"), "second\n");
    const second = await pushStash(repo, { message: "second", includeUntracked: false });
    expect((await listStashes(repo)).map((s) => [s.message, s.index])).toEqual([["second", 0], ["first", 1]]);
    await dropStash(repo, second.sha);
    expect((await listStashes(repo)).map((s) => s.message)).toEqual(["first"]);
    await applyStash(repo, first.sha, true);
    expect(read("notes.txt")).toBe("first\n");
    expect(await listStashes(repo)).toEqual([]);
  });

  it("refuses to overwrite uncommitted changes, and on a conflict says where and keeps a popped stash", async () => {
    writeFileSync(join(repo, "notes.txt"), "stashed\n");
    const stash = await pushStash(repo, { message: "mine", includeUntracked: false });
    writeFileSync(join(repo, "notes.txt"), "typed since\n");
    await expect(applyStash(repo, stash.sha, true)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/not applied: it would overwrite your uncommitted changes to notes\.txt/) });
    expect(read("notes.txt")).toBe("typed since\n");
    await git(repo, ["commit", "--quiet", "-am", "typed since"]);
    await expect(applyStash(repo, stash.sha, true)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/conflicts in notes\.txt.*The stash is kept/) });
    expect(read("notes.txt")).toContain("<<<<<<<");
    expect((await listStashes(repo)).map((s) => s.sha)).toEqual([stash.sha]);
  });

  it("refuses, touching nothing, a stash whose new files exist again, so the next try still works", async () => {
    writeFileSync(join(repo, "notes.txt"), "stashed\n");
    writeFileSync(join(repo, "draft.txt"), "stashed draft\n");
    const stash = await pushStash(repo, { message: "with a draft", includeUntracked: true });
    writeFileSync(join(repo, "notes.txt"), "typed since\n");
    await expect(applyStash(repo, stash.sha, true)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/overwrite your uncommitted changes to notes\.txt/) });
    expect(existsSync(join(repo, "draft.txt"))).toBe(false);
    writeFileSync(join(repo, "draft.txt"), "another draft\n");
    await git(repo, ["checkout", "--", "notes.txt"]);
    await expect(applyStash(repo, stash.sha, true)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/new files that exist in the work tree now \(draft\.txt\)/) });
    expect(read("notes.txt")).toBe("one\n");
    rmSync(join(repo, "draft.txt"));
    await applyStash(repo, stash.sha, true);
    expect([read("notes.txt"), read("draft.txt")]).toEqual(["stashed\n", "stashed draft\n"]);
  });

  it("says a stash is gone once another device dropped it, and every device's git state moves with the list", async () => {
    writeFileSync(join(repo, "notes.txt"), "two\n");
    const before = (await readGitStatus(repo, null)).stashes;
    const stash = await pushStash(repo, { message: "", includeUntracked: false });
    const made = (await readGitStatus(repo, null)).stashes;
    expect(made).not.toBe(before);
    expect(stash.message).toMatch(/^[0-9a-f]+ add notes\.txt$/);
    await dropStash(repo, stash.sha);
    expect((await readGitStatus(repo, null)).stashes).toBe(before);
    await expect(applyStash(repo, stash.sha, false)).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/no longer there/) });
    await expect(dropStash(repo, stash.sha)).rejects.toMatchObject({ code: "not_found" });
  });
});
