import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";

describe("file access confined to the session's worktree", () => {
  let k: WorkbenchKit;
  let outside: string;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
    outside = mkdtempSync(join(tmpdir(), "chatml-outside-"));
    writeFileSync(join(outside, "secret.txt"), "top secret\n");
  });
  afterEach(() => {
    k.close();
    rmSync(outside, { recursive: true, force: true });
  });

  it("refuses paths outside, through symlinks out of it, and inside .git — and writes nothing there", () => {
    symlinkSync(join(outside, "secret.txt"), join(k.repo, "link-file"));
    symlinkSync(outside, join(k.repo, "link-dir"));
    symlinkSync(join(outside, "missing.txt"), join(k.repo, "dangling"));
    for (const path of ["../x.txt", join(outside, "secret.txt"), "link-file", "link-dir/secret.txt", "link-dir/new.txt", "dangling", ".git/config", "a/../../x"]) {
      expect(() => k.files.open(k.session.id, path), path).toThrow(expect.objectContaining({ code: "forbidden" }));
      expect(() => k.files.download(k.session.id, path), path).toThrow(expect.objectContaining({ code: "forbidden" }));
      expect(() => k.files.save(k.session.id, { path, content: "pwned", baseVersion: null, isForced: true }), path).toThrow(expect.objectContaining({ code: "forbidden" }));
    }
    expect(readFileSync(join(outside, "secret.txt"), "utf8")).toBe("top secret\n");
    expect(() => readFileSync(join(outside, "new.txt"))).toThrow();
  });

  it("follows symlinks that stay inside, and opens by absolute path inside", () => {
    mkdirSync(join(k.repo, "src"));
    writeFileSync(join(k.repo, "src", "a.ts"), "export {};\n");
    symlinkSync(join(k.repo, "src"), join(k.repo, "alias"));
    expect(k.files.open(k.session.id, "alias/a.ts")).toMatchObject({ path: "src/a.ts", content: "export {};\n" });
    expect(k.files.open(k.session.id, join(k.repo, "src", "a.ts"))).toMatchObject({ path: "src/a.ts" });
  });

  it("detects a save racing another writer, a file deleted while open, and an existing file saved as new", () => {
    const opened = k.files.open(k.session.id, "README.md");
    writeFileSync(join(k.repo, "README.md"), "# changed by Claude\n");
    expect(() => k.files.save(k.session.id, { path: "README.md", content: "mine", baseVersion: opened.version, isForced: false })).toThrow(
      expect.objectContaining({ code: "conflict", details: expect.objectContaining({ isDeleted: false }) }),
    );
    expect(readFileSync(join(k.repo, "README.md"), "utf8")).toBe("# changed by Claude\n");
    const reopened = k.files.open(k.session.id, "README.md");
    const saved = k.files.save(k.session.id, { path: "README.md", content: "mine\n", baseVersion: reopened.version, isForced: false });
    expect(readFileSync(join(k.repo, "README.md"), "utf8")).toBe("mine\n");
    expect(saved.version).not.toBe(reopened.version);
    unlinkSync(join(k.repo, "README.md"));
    expect(() => k.files.open(k.session.id, "README.md")).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => k.files.save(k.session.id, { path: "README.md", content: "again", baseVersion: saved.version, isForced: false })).toThrow(
      // Only saving it again is offered for a deleted file (nothing to reload or compare with), and the words say so.
      expect.objectContaining({ code: "conflict", message: "README.md was deleted since you opened it. Save it again with your edits, or close it to let it go.", details: expect.objectContaining({ isDeleted: true }) }),
    );
    k.files.save(k.session.id, { path: "README.md", content: "again\n", baseVersion: saved.version, isForced: true });
    expect(readFileSync(join(k.repo, "README.md"), "utf8")).toBe("again\n");
    expect(() => k.files.save(k.session.id, { path: ".gitignore", content: "x", baseVersion: null, isForced: false })).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(k.published.some((m) => m.kind === "workbench" && m.topic === "files")).toBe(true);
  });

  it("keeps a file's line endings through the editor: it edits with \\n and saves with the file's own", () => {
    writeFileSync(join(k.repo, "run.bat"), "@echo off\r\necho one\r\n");
    const opened = k.files.open(k.session.id, "run.bat");
    expect(opened.content).toBe("@echo off\necho one\n");
    // What CodeMirror hands back after an edit: its lines joined with \n.
    const saved = k.files.save(k.session.id, { path: "run.bat", content: "@echo off\necho one\necho two\n", baseVersion: opened.version, isForced: false });
    expect(readFileSync(join(k.repo, "run.bat"), "utf8")).toBe("@echo off\r\necho one\r\necho two\r\n");
    // The version it answers is the bytes on disk, so the next save is not a conflict.
    k.files.save(k.session.id, { path: "run.bat", content: "@echo on\n", baseVersion: saved.version, isForced: false });
    expect(readFileSync(join(k.repo, "run.bat"), "utf8")).toBe("@echo on\r\n");
    // In a file that mixes them, a new line gets the one most of its lines had; \n files and new files stay \n.
    writeFileSync(join(k.repo, "mixed.txt"), "a\r\nb\r\nc\n");
    const mixed = k.files.open(k.session.id, "mixed.txt");
    k.files.save(k.session.id, { path: "mixed.txt", content: "a\nb\nc\nd\n", baseVersion: mixed.version, isForced: false });
    expect(readFileSync(join(k.repo, "mixed.txt"), "utf8")).toBe("a\r\nb\r\nc\nd\r\n");
    k.files.save(k.session.id, { path: "new.txt", content: "x\ny\n", baseVersion: null, isForced: false });
    expect(readFileSync(join(k.repo, "new.txt"), "utf8")).toBe("x\ny\n");
  });

  it("saves a file that mixes line endings without touching the endings of lines the edit left alone", () => {
    const saveAsOpened = (path: string, edit: (content: string) => string) => {
      const opened = k.files.open(k.session.id, path);
      k.files.save(k.session.id, { path, content: edit(opened.content ?? ""), baseVersion: opened.version, isForced: false });
      return readFileSync(join(k.repo, path), "utf8");
    };
    // Saved unchanged, it is the same file byte for byte (it was "a\nb\nc\nd\n\n": a spurious diff on a and b).
    for (const text of ["a\r\nb\r\nc\nd\n\n", "mac\rline\r\nunix\n", "x\r\ny\n\r\nno ending at the end"]) {
      writeFileSync(join(k.repo, "mixed.txt"), text);
      expect(saveAsOpened("mixed.txt", (content) => content), JSON.stringify(text)).toBe(text);
    }
    // Lines added or changed get the most used ending (\r\n here); "three" keeps its \n.
    writeFileSync(join(k.repo, "mixed.txt"), "one\r\ntwo\r\nthree\nfour\r\n");
    expect(saveAsOpened("mixed.txt", () => "zero\none\ntwo\nthree\nFOUR\nfive")).toBe("zero\r\none\r\ntwo\r\nthree\nFOUR\r\nfive");
    // Deleting lines keeps the others' endings.
    expect(saveAsOpened("mixed.txt", () => "one\nthree\nFOUR\n")).toBe("one\r\nthree\nFOUR\r\n");
    // Text sent with a \r is written as sent.
    expect(saveAsOpened("mixed.txt", () => "p\r\nq\n")).toBe("p\r\nq\n");
  });

  it("gives up keeping mixed line endings on a rewrite of most of a big file: every line gets the most used one", () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `line ${i}`);
    writeFileSync(join(k.repo, "big-mixed.txt"), `${lines.join("\r\n")}\r\nlast\n`);
    const opened = k.files.open(k.session.id, "big-mixed.txt");
    const rewritten = lines.map((line) => line.toUpperCase());
    k.files.save(k.session.id, { path: "big-mixed.txt", content: `${rewritten.join("\n")}\nlast\n`, baseVersion: opened.version, isForced: false });
    expect(readFileSync(join(k.repo, "big-mixed.txt"), "utf8")).toBe(`${rewritten.join("\r\n")}\r\nlast\r\n`);
  });

  it("does not open a file that is not UTF-8 text, which saving from the editor would rewrite", () => {
    // "café" in Latin-1: the é is one byte that is not UTF-8; decoded, it would be saved back as U+FFFD.
    writeFileSync(join(k.repo, "legacy.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(k.files.open(k.session.id, "legacy.txt")).toMatchObject({ content: null, notice: expect.stringMatching(/not UTF-8/) });
    // A UTF-8 file keeps its byte order mark.
    writeFileSync(join(k.repo, "bom.txt"), "\ufeffhello\n");
    expect(k.files.open(k.session.id, "bom.txt").content).toBe("\ufeffhello\n");
  });

  it("lists and opens the files of a checked-out submodule (git tracks it as one entry)", async () => {
    const lib = await makeTempRepo("chatml-lib-");
    try {
      await git(k.repo, ["-c", "protocol.file.allow=always", "submodule", "add", "--quiet", lib, "libs/lib"]);
      const paths = (await k.files.tree(k.session.id, false)).entries.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(["libs/lib/README.md", "libs/lib/.gitignore", ".gitmodules"]));
      expect(paths).not.toContain("libs/lib");
      expect(k.files.open(k.session.id, "libs/lib/README.md")).toMatchObject({ content: "# test\n" });
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it("answers a notice for binary and large files, and lists the tree with ignored files only when asked", async () => {
    writeFileSync(join(k.repo, "pic.bin"), Buffer.from([1, 0, 2]));
    writeFileSync(join(k.repo, "big.log.txt"), "x".repeat(3 * 1024 * 1024));
    mkdirSync(join(k.repo, "node_modules", "dep"), { recursive: true });
    writeFileSync(join(k.repo, "node_modules", "dep", "index.js"), "");
    writeFileSync(join(k.repo, ".gitignore"), ".env\nnode_modules/\n");
    expect(k.files.open(k.session.id, "pic.bin")).toMatchObject({ content: null, notice: expect.stringMatching(/binary/) });
    expect(k.files.open(k.session.id, "big.log.txt")).toMatchObject({ content: null, notice: expect.stringMatching(/3\.0 MB/) });
    // Just over the limit, both sizes round to 2.0 MB: the notice says it in bytes, where they differ.
    writeFileSync(join(k.repo, "just-over.txt"), "x".repeat(2 * 1024 * 1024 + 42));
    expect(k.files.open(k.session.id, "just-over.txt").notice).toBe("This file is 2,097,194 bytes, just over the 2,097,152 bytes (2.0 MB) the editor opens.");
    const plain = (await k.files.tree(k.session.id, false)).entries.map((e) => e.path);
    expect(plain).toEqual(expect.arrayContaining(["README.md", "pic.bin", ".gitignore"]));
    expect(plain).not.toContain(".env");
    expect(plain.some((p) => p.startsWith("node_modules"))).toBe(false);
    const all = (await k.files.tree(k.session.id, true)).entries;
    expect(all).toEqual(expect.arrayContaining([{ path: ".env", isDir: false, isIgnored: true }, { path: "node_modules", isDir: true, isIgnored: true }]));
  });
});
