import { rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listChanges } from "./changes-list.ts";
import { git } from "./git.ts";
import { makeTempRepo } from "./test-support.ts";

let repo: string;
beforeEach(async () => {
  repo = await makeTempRepo();
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("the Git panel's counts of an untracked symbolic link", () => {
  it("are git's once it is staged (one line, its target), not the lines of the file it points at", async () => {
    writeFileSync(join(repo, "notes.txt"), "one\ntwo\nthree\n");
    await git(repo, ["add", "notes.txt"]);
    await git(repo, ["commit", "--quiet", "-m", "notes"]);
    symlinkSync("notes.txt", join(repo, "link"));
    const untracked = (await listChanges(repo)).unstaged.find((file) => file.path === "link");
    await git(repo, ["add", "link"]);
    const staged = (await listChanges(repo)).staged.find((file) => file.path === "link");
    expect(staged).toMatchObject({ additions: 1, deletions: 0, isBinary: false });
    expect(untracked).toMatchObject({ status: "?", additions: staged?.additions, deletions: 0, isBinary: false });
  });
});

describe("the Git panel's counts of small untracked files (read as a stream, as large ones are)", () => {
  it("are git's once they are staged: lines with and without a last newline, an empty file, a binary one", async () => {
    const files: Record<string, string | Buffer> = {
      "ends.txt": "one\ntwo\nthree\n",
      "open-end.txt": "one\ntwo",
      "empty.txt": "",
      "tiny.bin": Buffer.from([0x89, 0x50, 0x00, 0x0a, 0x41]),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(repo, name), content);
    const counts = (list: { path: string; additions: number; deletions: number; isBinary: boolean }[]) =>
      Object.fromEntries(list.filter((file) => file.path in files).map(({ path, additions, deletions, isBinary }) => [path, { additions, deletions, isBinary }]));
    const untracked = counts((await listChanges(repo)).unstaged);
    await git(repo, ["add", "."]);
    const staged = counts((await listChanges(repo)).staged);
    expect(untracked).toEqual({
      "ends.txt": { additions: 3, deletions: 0, isBinary: false },
      "open-end.txt": { additions: 2, deletions: 0, isBinary: false },
      "empty.txt": { additions: 0, deletions: 0, isBinary: false },
      "tiny.bin": { additions: 0, deletions: 0, isBinary: true },
    });
    expect(untracked).toEqual(staged);
  });
});

describe("the Git panel's counts of a large untracked file", () => {
  it("counts the lines of a text file over 1 MB as git does once it is staged (it said +0)", async () => {
    // About 3.4 MB over several chunks, its last line without a newline.
    const text = `${Array.from({ length: 120_000 }, (_, i) => `line ${i} of a log`).join("\n")}`;
    writeFileSync(join(repo, "big.log"), text);
    const untracked = (await listChanges(repo)).unstaged.find((file) => file.path === "big.log");
    await git(repo, ["add", "big.log"]);
    const staged = (await listChanges(repo)).staged.find((file) => file.path === "big.log");
    expect(staged).toMatchObject({ additions: 120_000, isBinary: false });
    expect(untracked).toMatchObject({ status: "?", additions: 120_000, deletions: 0, isBinary: false });
    expect(untracked?.isTooLarge).toBeUndefined();
  });

  it("says a file over 1 MB with a NUL byte far in is binary, and one past the cap is too large rather than empty", async () => {
    writeFileSync(join(repo, "data.bin"), Buffer.concat([Buffer.alloc(3 * 1024 * 1024, "a"), Buffer.from([0]), Buffer.from("\n")]));
    // Sparse: 60 MB on paper, nothing written; never read.
    writeFileSync(join(repo, "huge.txt"), "");
    truncateSync(join(repo, "huge.txt"), 60 * 1024 * 1024);
    const { unstaged } = await listChanges(repo);
    expect(unstaged.find((file) => file.path === "data.bin")).toMatchObject({ additions: 0, isBinary: true });
    expect(unstaged.find((file) => file.path === "huge.txt")).toMatchObject({ additions: 0, deletions: 0, isBinary: false, isTooLarge: true });
  });
});
