import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { parseFileDiff, parseFileHunk } from "./hunks.ts";
import { applyHunk, readFileDiff } from "./index-actions.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

const repos: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

/** Lines 1–60, each under a `section N:` line git names the hunks after; `changed` lines upper-cased. */
function text(changed: number[], extra = ""): string {
  const lines = Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? `section ${i / 10}${extra}:` : `  line ${i + 1}`));
  return `${lines.map((line, i) => (changed.includes(i + 1) ? line.toUpperCase() : line)).join("\n")}\n`;
}

async function repoWith(before: string | Buffer, after: string | Buffer): Promise<string> {
  const repo = await makeTempRepo();
  repos.push(repo);
  await commitFile(repo, "f.txt", "");
  writeFileSync(join(repo, "f.txt"), before);
  await git(repo, ["commit", "--quiet", "-am", "sections"]);
  writeFileSync(join(repo, "f.txt"), after);
  return repo;
}

describe("one hunk of a file's diff read alone", () => {
  it("is the same hunk, header and file header as the whole diff's, and none past the last", async () => {
    const repo = await repoWith(text([]), text([3, 25, 48]));
    const diffText = await git(repo, ["diff", "--no-color", "-U3", "--", "f.txt"]);
    const whole = parseFileDiff("f.txt", diffText);
    expect(whole.hunks).toHaveLength(3);
    for (const hunk of whole.hunks) {
      const one = parseFileHunk("f.txt", diffText, hunk.index);
      expect(one.hunks).toEqual([hunk]);
      expect(one.headerLines).toEqual(whole.headerLines);
    }
    expect(parseFileHunk("f.txt", diffText, 3).hunks).toEqual([]);
    expect(parseFileHunk("f.txt", "", 0)).toMatchObject({ headerLines: [], hunks: [], hunksText: "" });
  });
});

describe("a hunk action on a file of many hunks", () => {
  it("stages the hunk asked for alone, by the header the panel showed", async () => {
    const repo = await repoWith(text([]), text([3, 25, 48]));
    const { hunks } = await readFileDiff(repo, "f.txt", false);
    await applyHunk(repo, { path: "f.txt", index: 2, header: hunks[2]?.header ?? "" }, "stage");
    expect(await git(repo, ["show", ":f.txt"])).toBe(text([48]).trimEnd());
  });

  it("refuses a hunk whose header changed since it was shown, or one past the last, and stages nothing", async () => {
    const repo = await repoWith(text([]), text([3, 25, 48]));
    const { hunks } = await readFileDiff(repo, "f.txt", false);
    // Two lines more in hunk 1: hunk 2 now starts two lines further down.
    writeFileSync(join(repo, "f.txt"), text([3, 25, 48]).replace("  LINE 3\n", "  LINE 3\nnew\nnew\n"));
    const stale = applyHunk(repo, { path: "f.txt", index: 1, header: hunks[1]?.header ?? "" }, "stage");
    await expect(stale).rejects.toMatchObject({ code: "conflict", message: "The diff of f.txt changed since it was shown; it is shown again as it is now." });
    await expect(applyHunk(repo, { path: "f.txt", index: 3, header: hunks[2]?.header ?? "" }, "stage")).rejects.toMatchObject({ code: "conflict" });
    expect(await git(repo, ["diff", "--cached"])).toBe("");
  });

  it("compares a header that is not ASCII as the panel showed it, in the file's encoding, and applies the hunk", async () => {
    // Git keeps a section name's bytes when they are valid UTF-8: in a Windows-1252 file (an é changed below) the
    // bytes of "é" in UTF-8 read as "Ã©", and in a UTF-8 file as "é".
    const cases = [
      { encoding: "latin1", name: "cafÃ©", shown: "@@ -22,7 +22,7 @@ section 2 cafÃ©:" },
      { encoding: "utf8", name: "café", shown: "@@ -22,7 +22,7 @@ section 2 café:" },
    ] as const;
    for (const { encoding, name, shown } of cases) {
      const before = Buffer.from(text([], ` ${name}`), encoding);
      const repo = await repoWith(before, Buffer.from(text([], ` ${name}`).replace("  line 25\n", "  line 25 é\n"), encoding));
      const { hunks } = await readFileDiff(repo, "f.txt", false);
      expect(hunks[0]?.header).toBe(shown);
      await applyHunk(repo, { path: "f.txt", index: 0, header: shown }, "discard");
      expect(readFileSync(join(repo, "f.txt"))).toEqual(before);
    }
  });

  it("refuses a hunk of a file in conflict with what to do instead, and leaves the conflict as it was", async () => {
    const repo = await makeTempRepo();
    repos.push(repo);
    await git(repo, ["checkout", "--quiet", "-b", "side"]);
    await commitFile(repo, "README.md", "# test\nfrom the side\n");
    await git(repo, ["checkout", "--quiet", "main"]);
    await commitFile(repo, "README.md", "# test\nfrom main\n");
    await expect(git(repo, ["merge", "side"])).rejects.toThrow();
    const markers = readFileSync(join(repo, "README.md"), "utf8");
    const { hunks } = await readFileDiff(repo, "README.md", false);
    for (const action of ["stage", "discard"] as const) {
      const refused = applyHunk(repo, { path: "README.md", index: 0, header: hunks[0]?.header ?? "" }, action);
      await expect(refused).rejects.toMatchObject({ code: "bad_request", message: "README.md is in conflict: fix its conflict markers, then mark it resolved; git stages or discards no hunk of it alone." });
    }
    expect(readFileSync(join(repo, "README.md"), "utf8")).toBe(markers);
    expect(await git(repo, ["status", "--porcelain"])).toBe("UU README.md");
  });
});
