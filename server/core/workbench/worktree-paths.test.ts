import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { confine } from "./worktree-paths.ts";

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "chatml-confine-")));
  // In a linked worktree `.git` is a file that names the repository's folder.
  writeFileSync(join(root, ".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
  writeFileSync(join(root, "notes.txt"), "notes\n");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it("refuses paths in .git also where .git is a file, as forbidden and not as a server error", () => {
  for (const path of [".git", ".git/config", "./.git/hooks/pre-commit", "src/../.git/x"]) {
    expect(() => confine(root, path), path).toThrow(expect.objectContaining({ code: "forbidden", message: expect.stringMatching(/inside \.git/) }));
  }
  expect(confine(root, ".github/workflows/ci.yml").relative).toBe(".github/workflows/ci.yml");
});

it("takes a path through a file as one that does not exist, for the caller to answer", () => {
  expect(confine(root, "notes.txt/x")).toEqual({ absolute: join(root, "notes.txt", "x"), relative: "notes.txt/x" });
});
