// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { forgetKeptEdit, keepEdit, MAX_KEPT_CHARS, MAX_KEPT_FILES, readKeptEdit } from "./unsaved-edits.ts";

const SESSION = "ses_kept0001" as SessionId;

isolateDomTests();

describe("unsaved edits kept on the device", () => {
  it("keeps the text with the version it was made on, until forgotten", () => {
    expect(keepEdit(SESSION, "a.md", "mine", "v1")).toBe(true);
    expect(readKeptEdit(SESSION, "a.md")).toMatchObject({ text: "mine", baseVersion: "v1" });
    expect(readKeptEdit("ses_other0001" as SessionId, "a.md")).toBeNull();
    forgetKeptEdit(SESSION, "a.md");
    expect(readKeptEdit(SESSION, "a.md")).toBeNull();
  });

  it("keeps at most MAX_KEPT_FILES files, dropping the oldest", () => {
    for (let i = 0; i <= MAX_KEPT_FILES; i += 1) keepEdit(SESSION, `f${i}.md`, `text ${i}`, "v1");
    const kept = Array.from({ length: MAX_KEPT_FILES + 1 }, (_, i) => readKeptEdit(SESSION, `f${i}.md`) !== null);
    expect(kept.filter(Boolean)).toHaveLength(MAX_KEPT_FILES);
    expect(readKeptEdit(SESSION, `f${MAX_KEPT_FILES}.md`)?.text).toBe(`text ${MAX_KEPT_FILES}`);
  });

  it("does not keep a text over MAX_KEPT_CHARS, and drops the file's older, shorter record", () => {
    keepEdit(SESSION, "big.md", "short", "v1");
    expect(keepEdit(SESSION, "big.md", "x".repeat(MAX_KEPT_CHARS + 1), "v1")).toBe(false);
    expect(readKeptEdit(SESSION, "big.md")).toBeNull();
  });

  it("takes a record it cannot read for none, instead of failing", () => {
    localStorage.setItem(`chatml.unsaved-edit.${SESSION}:bad.md`, "{not json");
    expect(readKeptEdit(SESSION, "bad.md")).toBeNull();
  });
});
