// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { DiffDoc, SessionDiffDoc } from "./diff-doc.tsx";

isolateDomTests();

/** A binary file: listed with its name, without a diff to fetch. */
const binary = (path: string) => ({ path, oldPath: null, isBinary: true, isTooLarge: false, additions: null, deletions: null });

/** Serves a session's changes (these files) and its review comments (none). */
function serve(files: unknown[]) {
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
    String(input instanceof Request ? input.url : input).includes("/changes")
      ? jsonResponse({ changes: { scope: "base", from: "main", note: null, files, isTruncated: false } })
      : jsonResponse({ comments: [] })));
}

describe("the whole session's diff", () => {
  it("counts one changed file in the singular, and more in the plural", async () => {
    serve([binary("logo.png")]);
    const { unmount } = render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    expect(await screen.findByText("1 changed file")).toBeTruthy();
    unmount();
    serve([binary("a.png"), binary("b.png")]);
    render(<SessionDiffDoc sessionId={"ses_diff0001" as SessionId} scope="base" />);
    expect(await screen.findByText("2 changed files")).toBeTruthy();
  });
});

describe("one file's diff", () => {
  it("does not invite comments on line numbers a binary file has none of", async () => {
    vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).includes("/changes/file")
        ? jsonResponse({ sides: { path: "logo.png", oldPath: null, before: null, after: null, isBinary: true, isTooLarge: false } })
        : jsonResponse({ comments: [] })));
    render(<DiffDoc sessionId={"ses_diff0001" as SessionId} path="logo.png" oldPath={null} scope="base" />);
    expect(await screen.findByText("Binary file; no text diff.")).toBeTruthy();
    expect(screen.queryByText(/Click a line number to comment/)).toBeNull();
  });
});
