// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { ChangesPanel } from "./changes-panel.tsx";

isolateDomTests();

describe("the Changes panel", () => {
  it("says there is nothing in the chosen scope at the top of the panel, not under the list that fills it", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ changes: { scope: "base", from: "main", note: null, files: [], isTruncated: false } })));
    render(<ChangesPanel sessionId={"ses_changes001" as SessionId} />);
    const empty = await screen.findByText("No changes since the base.");
    const list = screen.getByRole("list", { name: "Changed files" });
    expect(empty.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("lists a rename with the name the file has now first, and its old name on a line of its own under it", async () => {
    const rename = { path: "docs/a-much-longer-name-for-the-phone.txt", oldPath: "shared.txt", change: "renamed", additions: 1, deletions: 1, isBinary: false, isTooLarge: false, oldMode: "100644", newMode: "100644", isUntracked: false, isStaged: false, isUnstaged: false };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ changes: { scope: "base", from: "main", note: null, files: [rename], isTruncated: false } })));
    render(<ChangesPanel sessionId={"ses_changes001" as SessionId} />);
    const row = await screen.findByRole("button", { name: /docs\/a-much-longer-name-for-the-phone\.txt\s*renamed from shared\.txt/ });
    const [newPath, oldPath] = [row.querySelector("[data-testid=new-path]"), row.querySelector("[data-testid=old-path]")];
    expect(newPath?.textContent).toBe("docs/a-much-longer-name-for-the-phone.txt");
    expect(oldPath?.textContent).toBe("renamed from shared.txt");
    expect(newPath?.parentElement?.className).toContain("flex-col");
  });
});
