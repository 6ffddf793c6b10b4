// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { GitState, Session, SessionId } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { ChangesPanel } from "./changes-panel.tsx";

isolateDomTests();

describe("the Changes panel", () => {
  it("says there is nothing in the chosen scope at the top of the panel, not under the list that fills it", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ changes: { scope: "base", from: "main", note: null, files: [], isTruncated: false, totalCount: 0, pathFilter: null } })));
    render(<ChangesPanel sessionId={"ses_changes001" as SessionId} />);
    const empty = await screen.findByText("No changes since the base.");
    const list = screen.getByRole("list", { name: "Changed files" });
    expect(empty.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("lists a rename with the name the file has now first, and its old name on a line of its own under it", async () => {
    const rename = { path: "docs/a-much-longer-name-for-the-phone.txt", oldPath: "shared.txt", change: "renamed", additions: 1, deletions: 1, isBinary: false, isTooLarge: false, oldMode: "100644", newMode: "100644", isUntracked: false, isStaged: false, isUnstaged: false };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ changes: { scope: "base", from: "main", note: null, files: [rename], isTruncated: false, totalCount: 1, pathFilter: null } })));
    render(<ChangesPanel sessionId={"ses_changes001" as SessionId} />);
    const row = await screen.findByRole("button", { name: /docs\/a-much-longer-name-for-the-phone\.txt\s*renamed from shared\.txt/ });
    const [newPath, oldPath] = [row.querySelector("[data-testid=new-path]"), row.querySelector("[data-testid=old-path]")];
    expect(newPath?.textContent).toBe("docs/a-much-longer-name-for-the-phone.txt");
    expect(oldPath?.textContent).toBe("renamed from shared.txt");
    expect(newPath?.parentElement?.className).toContain("flex-col");
    // One changed file is "Review 1 file", not "Review all 1 file".
    expect(screen.getByRole("button", { name: "Review 1 file" })).toBeTruthy();
  });
});

describe("Since base once the session's pull request is merged", () => {
  it("says the listed work is merged and nothing is left to ship (a squash merge left it reading as unshipped until main moved), or what is not in it", async () => {
    const SESSION = "ses_changes002" as SessionId;
    const show = (git: Partial<GitState>) => act(() => useConversationsStore.setState({ sessions: { [SESSION]: { id: SESSION, git: { files: [], ...git } } as unknown as Session } }));
    const added = { path: "gadget.ts", oldPath: null, change: "added", additions: 200_000, deletions: 0, isBinary: false, isTooLarge: false, oldMode: null, newMode: "100644", isUntracked: false, isStaged: false, isUnstaged: false };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ changes: { scope: "base", from: "main", note: null, files: [added], isTruncated: false, totalCount: 1, pathFilter: null } })));
    show({ mergedPullRequest: null });
    render(<ChangesPanel sessionId={SESSION} />);
    // Counts grouped in thousands, as the session's header says them.
    expect((await screen.findByRole("button", { name: /gadget\.ts/ })).textContent).toContain("+200,000 −0");
    expect(screen.queryByTestId("changes-merged")).toBeNull();
    show({ mergedPullRequest: { number: 4, baseRef: "main", unmergedCommits: 0 }, fileCount: 0 });
    expect(screen.getByTestId("changes-merged").textContent).toBe("Pull request #4 is merged into main with these changes: nothing here is left to ship.");
    show({ mergedPullRequest: { number: 4, baseRef: "main", unmergedCommits: 2 }, fileCount: 1 });
    expect(screen.getByTestId("changes-merged").textContent).toBe("Pull request #4 is merged into main; 2 commits here are not in it, and 1 changed file is not committed.");
    // Said of "Since base" only: the other scopes list what is not committed, or this turn's edits.
    fireEvent.click(screen.getByRole("radio", { name: "Uncommitted" }));
    expect(screen.queryByTestId("changes-merged")).toBeNull();
  });
});

describe("a file's letter", () => {
  it("is '?' for an untracked file, as in the Git panel, and says 'untracked' (it was 'U', which git and the Git panel use for a conflict)", async () => {
    const file = (path: string, change: string, isUntracked: boolean) => ({ path, oldPath: null, change, additions: 1, deletions: 0, isBinary: false, isTooLarge: false, oldMode: null, newMode: "100644", isUntracked, isStaged: false, isUnstaged: true });
    // A file moved and not added yet is untracked under its new name, and the Git panel calls it a rename.
    const moved = { ...file("moved.txt", "renamed", true), oldPath: "was.txt" };
    const files = [file("new.txt", "added", true), file("old.txt", "modified", false), file("staged.txt", "added", false), moved];
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ changes: { scope: "uncommitted", from: null, note: null, files, isTruncated: false, totalCount: 4, pathFilter: null } })));
    render(<ChangesPanel sessionId={"ses_changes001" as SessionId} />);
    await screen.findByRole("button", { name: /new\.txt/ });
    const letters = screen.getAllByTestId("git-status-letter");
    expect(letters.map((letter) => [letter.querySelector("[aria-hidden]")?.textContent, letter.title])).toEqual([
      ["?", "untracked"],
      ["M", "modified"],
      ["A", "added"],
      ["R", "renamed"],
    ]);
    // A screen reader hears the word, not a bare letter.
    expect(screen.getByRole("button", { name: /^untracked,\s*new\.txt/ })).toBeTruthy();
  });
});

describe("past the listing's 2,000 files", () => {
  const file = (path: string) => ({ path, oldPath: null, change: "added", additions: 1, deletions: 0, isBinary: false, isTooLarge: false, oldMode: null, newMode: "100644", isUntracked: true, isStaged: false, isUnstaged: false });

  it("says it lists 2,000 of how many, and a filter by path asks the server for the rest", async () => {
    const asked: (string | null)[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      const pathFilter = new URL(String(url), "http://x").searchParams.get("path");
      asked.push(pathFilter);
      if (pathFilter === "needle") return jsonResponse({ changes: { scope: "base", from: "main", note: null, files: [file("other/Needle.txt")], isTruncated: false, totalCount: 1, pathFilter } });
      // Three stand for the 2,000 listed (header-and-list-counts.test.ts lists a real repository's): what is said is the test.
      const files = Array.from({ length: 3 }, (_, i) => file(`many/f${i}.txt`));
      return jsonResponse({ changes: { scope: "base", from: "main", note: null, files, isTruncated: true, totalCount: 2_105, pathFilter: null } });
    }));
    render(<ChangesPanel sessionId={"ses_changes001" as SessionId} />);
    expect((await screen.findByTestId("listed-count")).textContent).toBe("Listing 3 of 2,105 changed files: filter by path to find the rest.");
    expect(screen.getByRole("button", { name: "Review all 2,105 files" })).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox", { name: "Part of a path to list" }), { target: { value: " needle " } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    await screen.findByRole("button", { name: /other\/Needle\.txt/ });
    expect(asked.at(-1)).toBe("needle");
    expect(screen.getByTestId("listed-count").textContent).toBe("1 changed file whose path holds “needle”.");
    expect(screen.getAllByTestId("changed-file")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Show all" }));
    await waitFor(() => expect(screen.getAllByTestId("changed-file")).toHaveLength(3));
    expect(asked.at(-1)).toBeNull();
  });
});
