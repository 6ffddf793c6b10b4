import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzyScore, listFiles, searchFiles } from "./file-search.ts";

describe("file search for @ mentions", () => {
  it("lists files under the folder, skipping node_modules and never following symlinks out", () => {
    const root = mkdtempSync(join(tmpdir(), "chatml-files-"));
    const outside = mkdtempSync(join(tmpdir(), "chatml-outside-"));
    writeFileSync(join(outside, "secret.txt"), "x");
    mkdirSync(join(root, "src/components"), { recursive: true });
    mkdirSync(join(root, "node_modules/dep"), { recursive: true });
    writeFileSync(join(root, "src/components/button.tsx"), "");
    writeFileSync(join(root, "src/app.tsx"), "");
    writeFileSync(join(root, "node_modules/dep/index.js"), "");
    symlinkSync(outside, join(root, "link"));
    expect(listFiles(root, 1)).toEqual(["src/app.tsx", "src/components/button.tsx"]);
    expect(searchFiles(root, "btn")).toEqual(["src/components/button.tsx"]);
    expect(searchFiles(root, "../secret")).toEqual([]);
  });

  it("skips the .git file of a worktree as it skips a repository's .git folder", () => {
    const root = mkdtempSync(join(tmpdir(), "chatml-files-"));
    writeFileSync(join(root, ".git"), "gitdir: /somewhere/.git/worktrees/lima\n");
    writeFileSync(join(root, ".gitignore"), "dist\n");
    expect(listFiles(root, 1)).toEqual([".gitignore"]);
  });

  it("scores consecutive and file-name matches higher", () => {
    expect(fuzzyScore("src/app.tsx", "app")).toBeGreaterThan(fuzzyScore("a/p/p.ts", "app"));
    expect(fuzzyScore("src/app.tsx", "zzz")).toBe(-1);
  });
});
