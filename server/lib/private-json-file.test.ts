import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { PrivateJsonFile } from "./private-json-file.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function openIn(dir = mkdtempSync(join(tmpdir(), "chatml-private-json-"))) {
  dirs.push(dir);
  return new PrivateJsonFile(dir, "keys.json", z.object({ key: z.string() }), () => ({ key: "none" }), "using no key");
}

describe("PrivateJsonFile", () => {
  it("writes 0600 and reads back; a missing file reads as empty", () => {
    const file = openIn();
    expect(file.read()).toEqual({ key: "none" });
    file.write({ key: "s3cret" });
    expect(file.read()).toEqual({ key: "s3cret" });
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it("tightens a file that was readable by others when opened", () => {
    const dir = mkdtempSync(join(tmpdir(), "chatml-private-json-"));
    writeFileSync(join(dir, "keys.json"), JSON.stringify({ key: "old" }));
    chmodSync(join(dir, "keys.json"), 0o644);
    const file = openIn(dir);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(file.read()).toEqual({ key: "old" });
  });

  it("reads a damaged file (not JSON, or the wrong shape) as empty with a warning that shows no value", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const file = openIn();
    writeFileSync(file.path, "{ not json s3cret");
    expect(file.read()).toEqual({ key: "none" });
    writeFileSync(file.path, JSON.stringify({ key: 42 }));
    expect(file.read()).toEqual({ key: "none" });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0])).toBe("keys.json is malformed; using no key");
  });
});
