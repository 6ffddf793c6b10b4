import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { securePrivateDir } from "./data-dir.ts";

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("securePrivateDir on a data dir it cannot use", () => {
  it("says a file given as the data dir is a file, names the flag to change, and leaves the file as it was", () => {
    root = mkdtempSync(join(tmpdir(), "chatml-data-dir-"));
    const file = join(root, "notes.txt");
    writeFileSync(file, "mine");
    expect(() => securePrivateDir(file)).toThrow(`the data dir ${file} is a file, not a folder`);
    expect(() => securePrivateDir(file)).toThrow("Pass --data-dir (or set CHATML_HOME) with a folder");
    expect(() => securePrivateDir(join(file, "chatml"))).toThrow(`the data dir ${join(file, "chatml")} is a file, not a folder`);
    expect(readFileSync(file, "utf8")).toBe("mine");
  });

  it("says a data dir it may not create must be one the user owns and can write (even root may not write /sys)", () => {
    const dir = "/sys/chatml-data-dir-test";
    expect(() => securePrivateDir(dir)).toThrow(`ChatML cannot write its data dir ${dir}`);
    expect(() => securePrivateDir(dir)).toThrow("fix its owner or permissions, or pass --data-dir (or set CHATML_HOME) with another one");
    expect(existsSync(dir)).toBe(false);
  });
});
