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
});
