import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { writeServerRecord } from "./data-dir.ts";

describe("data-dir lock", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "chatml-lock-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("refuses a second holder while the first lives, and frees on release", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    expect(() => acquireDataDirLock(dir)).toThrow(/Another ChatML server \(pid \d+\) is already using/);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it("says where the running server is and how to get a sign-in link for it", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    writeServerRecord(dir, { url: "http://127.0.0.1:3999", pid: process.pid });
    expect(() => acquireDataDirLock(dir)).toThrow(`is already using ${dir}, at http://127.0.0.1:3999. To sign a browser in to it, run \`bunx chatml login-link --data-dir ${dir}\``);
    // Started from a checkout, the command is the checkout's own bin (bunx would fetch the published package).
    expect(() => acquireDataDirLock(dir, "bun bin/chatml.ts")).toThrow(`run \`bun bin/chatml.ts login-link --data-dir ${dir}\``);
    lock.release();
  });

  it("refuses a lock held by another live process", () => {
    const dir = tempDir();
    const other = Bun.spawn(["sleep", "30"]);
    try {
      writeFileSync(join(dir, "chatml.lock"), JSON.stringify({ pid: other.pid }));
      expect(() => acquireDataDirLock(dir)).toThrow(`pid ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock whose process died", async () => {
    const dir = tempDir();
    const dead = Bun.spawn(["true"]);
    await dead.exited;
    writeFileSync(join(dir, "chatml.lock"), JSON.stringify({ pid: dead.pid }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });
});
