import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { applyHunk, readFileDiff } from "./index-actions.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

const repos: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

const ORIGINAL = "one\ntwo\nthree\nfour\nfive\n";
/** `two` and `four` rewritten, `six` added: one hunk of three changes. */
const EDITED = "one\nTWO\nthree\nFOUR\nfive\nsix\n";

async function repoWith(text: string, edited: string): Promise<string> {
  const repo = await makeTempRepo();
  repos.push(repo);
  await commitFile(repo, "f.txt", text);
  writeFileSync(join(repo, "f.txt"), edited);
  return repo;
}

/** The positions in hunk 0 of the lines whose text is one of `texts` (the header is 0). */
async function positionsOf(repo: string, isStaged: boolean, texts: string[]): Promise<{ header: string; lines: number[] }> {
  const hunk = (await readFileDiff(repo, "f.txt", isStaged)).hunks[0];
  if (!hunk) throw new Error("no hunk");
  return { header: hunk.header, lines: texts.map((text) => hunk.lines.indexOf(text)) };
}

const staged = (repo: string) => git(repo, ["show", ":f.txt"]);
const onDisk = (repo: string) => readFileSync(join(repo, "f.txt"), "utf8");

describe("single lines of a hunk", () => {
  it("stage: only the lines picked reach the index, the rest of the hunk stays unstaged", async () => {
    const repo = await repoWith(ORIGINAL, EDITED);
    await applyHunk(repo, { path: "f.txt", index: 0, ...(await positionsOf(repo, false, ["-four", "+FOUR"])) }, "stage");
    expect(await staged(repo)).toBe("one\ntwo\nthree\nFOUR\nfive");
    expect(onDisk(repo)).toBe(EDITED);
  });

  it("unstage: only the lines picked leave the index", async () => {
    const repo = await repoWith(ORIGINAL, EDITED);
    await git(repo, ["add", "f.txt"]);
    await applyHunk(repo, { path: "f.txt", index: 0, ...(await positionsOf(repo, true, ["-two", "+TWO", "+six"])) }, "unstage");
    expect(await staged(repo)).toBe("one\ntwo\nthree\nFOUR\nfive");
    expect(onDisk(repo)).toBe(EDITED);
  });

  it("discard: only the lines picked go back on disk, a removed line alone comes back", async () => {
    const repo = await repoWith(ORIGINAL, EDITED);
    await applyHunk(repo, { path: "f.txt", index: 0, ...(await positionsOf(repo, false, ["+six", "-two"])) }, "discard");
    expect(onDisk(repo)).toBe("one\ntwo\nTWO\nthree\nFOUR\nfive\n");
  });

  it("a last line without a final newline keeps its marker where it goes, and loses it where a line now follows", async () => {
    const changedDiff = async (repo: string) => (await git(repo, ["diff", "--", "f.txt"])).split("\n").filter((line) => /^[-+\\][^-+]/.test(line));
    const lastLine = await repoWith("a\nb", "a\nB");
    await applyHunk(lastLine, { path: "f.txt", index: 0, ...(await positionsOf(lastLine, false, ["-b", "+B"])) }, "stage");
    expect(await changedDiff(lastLine)).toEqual([]);
    const followed = await repoWith("a\nb", "a\nB\nc");
    await applyHunk(followed, { path: "f.txt", index: 0, ...(await positionsOf(followed, false, ["-b", "+B"])) }, "stage");
    expect(await changedDiff(followed)).toEqual(["+c", "\\ No newline at end of file"]);
  });

  it("refuses a pick that is no changed line (context, the header, past the end) and changes nothing", async () => {
    const repo = await repoWith(ORIGINAL, EDITED);
    const { header } = await positionsOf(repo, false, []);
    for (const lines of [[1], [0], [99]]) {
      await expect(applyHunk(repo, { path: "f.txt", index: 0, header, lines }, "stage")).rejects.toMatchObject({ code: "bad_request" });
    }
    expect(await staged(repo)).toBe(ORIGINAL.trimEnd());
  });
});
