import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { applyHunk, readFileDiff } from "./index-actions.ts";
import { makeTempRepo } from "./test-support.ts";

const repos: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

async function repoWithNewFile(text: string | Buffer): Promise<string> {
  const repo = await makeTempRepo();
  repos.push(repo);
  writeFileSync(join(repo, "new.txt"), text);
  return repo;
}

const hunkOf = async (repo: string) => {
  const hunk = (await readFileDiff(repo, "new.txt", false)).hunks[0];
  if (!hunk) throw new Error("no hunk");
  return hunk;
};

/** An untracked file showed "No line changes" in the Git panel: git's own diff has no hunk for it. */
describe("an untracked file's hunk", () => {
  it("shows its lines as one added hunk", async () => {
    const repo = await repoWithNewFile("one\ntwo\nthree\n");
    const diff = await readFileDiff(repo, "new.txt", false);
    expect(diff.hunks.map((hunk) => hunk.lines)).toEqual([["@@ -0,0 +1,3 @@", "+one", "+two", "+three"]]);
    expect(diff.isNew).toBe(true);
    // Staged, nothing of it is (the staged side stays empty).
    expect((await readFileDiff(repo, "new.txt", true)).hunks).toEqual([]);
  });

  it("stages whole: the file is added with its bytes", async () => {
    const repo = await repoWithNewFile("one\ntwo\nthree");
    const hunk = await hunkOf(repo);
    await applyHunk(repo, { path: "new.txt", index: 0, header: hunk.header }, "stage");
    expect(await git(repo, ["diff", "--cached", "--name-status"])).toBe("A\tnew.txt");
    expect(await git(repo, ["diff", "--", "new.txt"])).toBe("");
    expect(readFileSync(join(repo, "new.txt"), "utf8")).toBe("one\ntwo\nthree");
  });

  it("stages the lines picked: the file is added with those, the rest stays unstaged", async () => {
    const repo = await repoWithNewFile("one\ntwo\nthree\n");
    const hunk = await hunkOf(repo);
    await applyHunk(repo, { path: "new.txt", index: 0, header: hunk.header, lines: [1, 3] }, "stage");
    expect(await git(repo, ["show", ":new.txt"])).toBe("one\nthree");
    expect((await readFileDiff(repo, "new.txt", false)).hunks[0]?.lines).toEqual(["@@ -1,2 +1,3 @@", " one", "+two", " three"]);
  });

  it("discards whole (the file goes), and refuses to discard some of its lines, changing nothing", async () => {
    const repo = await repoWithNewFile("one\ntwo\n");
    const hunk = await hunkOf(repo);
    await expect(applyHunk(repo, { path: "new.txt", index: 0, header: hunk.header, lines: [1] }, "discard")).rejects.toThrow(/new file git does not track: discard it whole/);
    expect(readFileSync(join(repo, "new.txt"), "utf8")).toBe("one\ntwo\n");
    await applyHunk(repo, { path: "new.txt", index: 0, header: hunk.header }, "discard");
    expect(existsSync(join(repo, "new.txt"))).toBe(false);
  });

  it("stages lines of new files whose names git quotes or splits (spaces, é, a quote, a tab, a leading dash)", async () => {
    const repo = await repoWithNewFile("");
    for (const name of ["my notes é.txt", 'q"uote.txt', "tab\there.txt", "-dash.txt"]) {
      writeFileSync(join(repo, name), "a\nb\n");
      const hunk = (await readFileDiff(repo, name, false)).hunks[0];
      await applyHunk(repo, { path: name, index: 0, header: hunk?.header ?? "", lines: [2] }, "stage");
      expect(await git(repo, ["show", `:${name}`])).toBe("b");
    }
  });

  it("a binary untracked file is binary, with no hunk", async () => {
    const repo = await repoWithNewFile(Buffer.from([0, 1, 2, 255]));
    const diff = await readFileDiff(repo, "new.txt", false);
    expect(diff.isBinary).toBe(true);
    expect(diff.hunks).toEqual([]);
  });
});
