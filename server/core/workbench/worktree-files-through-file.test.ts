import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";

describe("a path that goes through a file", () => {
  let k: WorkbenchKit;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
    writeFileSync(k.repo + "/crlf.txt", "one\r\ntwo\r\n");
  });
  afterEach(() => k.close());

  it("opens as a missing file (not_found), not as an internal error", () => {
    for (const path of ["crlf.txt/x", "crlf.txt/sub/x"]) {
      expect(() => k.files.open(k.session.id, path), path).toThrow(expect.objectContaining({ code: "not_found", details: { path, isDeleted: true } }));
    }
  });

  it("is refused on save (bad_request) naming the file in the way, and nothing is written", () => {
    for (const path of ["crlf.txt/new.txt", "crlf.txt/sub/new.txt"]) {
      for (const isForced of [false, true]) {
        expect(() => k.files.save(k.session.id, { path, content: "new\n", baseVersion: null, isForced }), path).toThrow(
          expect.objectContaining({ code: "bad_request", message: `crlf.txt is a file, so ${path} cannot be created.` }),
        );
      }
    }
    expect(readFileSync(k.repo + "/crlf.txt", "utf8")).toBe("one\r\ntwo\r\n");
    expect(existsSync(k.repo + "/crlf.txt/new.txt")).toBe(false);
    expect(k.published.some((m) => m.kind === "workbench" && m.topic === "files")).toBe(false);
  });
});
