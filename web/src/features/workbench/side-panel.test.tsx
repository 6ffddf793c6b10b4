// @vitest-environment jsdom
import { act, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SidePanel } from "./side-panel.tsx";

const SESSION = "ses_sidepanel01" as SessionId;

isolateDomTests();
beforeEach(() => useWorkbenchStore.setState({ sessions: {} }));

/** Serves the listing of every scope as `files` say now, and records which sides were asked for. */
function serve(files: { path: string; oldPath: string | null }[]) {
  const sidesAsked: Record<string, string>[] = [];
  vi.stubGlobal("fetch", vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input), "http://x");
    if (url.pathname.endsWith("/changes/file")) {
      const query = Object.fromEntries(url.searchParams);
      sidesAsked.push(query);
      const sides = { path: query.path, oldPath: query.oldPath ?? null, before: query.oldPath ? "one\n" : null, after: "one\ntwo\n", isBinary: false, isTooLarge: false, isDeleted: false, images: null };
      return jsonResponse({ sides });
    }
    if (url.pathname.endsWith("/changes")) {
      const listed = files.map((f) => ({ ...f, change: f.oldPath ? "renamed" : "added", additions: 1, deletions: 0, isBinary: false, isTooLarge: false, oldMode: null, newMode: "100644", isUntracked: false, isStaged: false, isUnstaged: true }));
      return jsonResponse({ changes: { scope: url.searchParams.get("scope"), from: "abc", note: null, files: listed, isTruncated: false } });
    }
    return jsonResponse({ comments: [] });
  }));
  return sidesAsked;
}

describe("diff tabs of one path", () => {
  it("opened from two scopes are two tabs a screen reader tells apart, each closed by its own name", async () => {
    serve([{ path: "docs/notes.txt", oldPath: null }]);
    const { openDoc } = useWorkbenchStore.getState();
    act(() => openDoc(SESSION, { kind: "diff", path: "docs/notes.txt", oldPath: null, scope: "base" }));
    act(() => openDoc(SESSION, { kind: "diff", path: "docs/notes.txt", oldPath: null, scope: "uncommitted" }));
    render(<SidePanel sessionId={SESSION} tools={[]} />);
    expect(screen.getByRole("tab", { name: "Δ notes.txt since base (docs/notes.txt)" }).getAttribute("aria-selected")).toBe("false");
    expect(screen.getByRole("tab", { name: "Δ notes.txt uncommitted (docs/notes.txt)" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("button", { name: "Close Δ notes.txt since base (docs/notes.txt)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Close Δ notes.txt uncommitted (docs/notes.txt)" })).toBeTruthy();
  });

  it("shows the file as the scope lists it now: opened as a new file that has since become a rename, it diffs against the old path", async () => {
    const sidesAsked = serve([{ path: "b.txt", oldPath: "a.txt" }]);
    act(() => useWorkbenchStore.getState().openDoc(SESSION, { kind: "diff", path: "b.txt", oldPath: null, scope: "uncommitted" }));
    render(<SidePanel sessionId={SESSION} tools={[]} />);
    expect(await screen.findByText("a.txt → b.txt")).toBeTruthy();
    await waitFor(() => expect(sidesAsked.at(-1)).toMatchObject({ path: "b.txt", oldPath: "a.txt", scope: "uncommitted" }));
  });

  it("opened again as what it is now takes the open tab's place, not a second tab for the same path", () => {
    serve([]);
    const { openDoc } = useWorkbenchStore.getState();
    act(() => openDoc(SESSION, { kind: "file", path: "x.ts" }));
    act(() => openDoc(SESSION, { kind: "diff", path: "b.txt", oldPath: null, scope: "turn" }));
    act(() => openDoc(SESSION, { kind: "file", path: "y.ts" }));
    act(() => openDoc(SESSION, { kind: "diff", path: "b.txt", oldPath: "a.txt", scope: "turn" }));
    expect(useWorkbenchStore.getState().sessions[SESSION]?.docs).toEqual([
      { kind: "file", path: "x.ts" },
      { kind: "diff", path: "b.txt", oldPath: "a.txt", scope: "turn" },
      { kind: "file", path: "y.ts" },
    ]);
  });
});
