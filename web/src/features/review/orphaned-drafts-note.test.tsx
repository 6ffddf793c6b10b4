// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { NO_CLIPBOARD } from "../../lib/copy-text.ts";
import { COPIED_FOR_MS } from "../../lib/use-copied-moment.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { OrphanedDraftsNote } from "./orphaned-drafts-note.tsx";
import type { OrphanedDraft } from "./orphaned-drafts.ts";

isolateDomTests();

const ORPHAN: OrphanedDraft = { commentId: "rvc_1", kind: "reply", words: "Use a Map here", lines: { path: "src/a.ts", side: "new", startLine: 3, endLine: 3 } };
const renderNote = () => render(<OrphanedDraftsNote sessionId={"ses_orphans000001" as SessionId} orphans={[ORPHAN]} onDone={() => undefined} />);

it("says Copied for a moment, then offers to copy again (it said so for good); a screen reader hears Copied", async () => {
  const written: string[] = [];
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: async (text: string) => void written.push(text) } });
  vi.useFakeTimers();
  try {
    renderNote();
    const button = screen.getByRole("button", { name: "Copy your words on src/a.ts L3" });
    expect(screen.getByRole("status").textContent).toBe("");
    await act(async () => fireEvent.click(button));
    expect(written).toEqual(["Use a Map here"]);
    expect(button.textContent).toBe("Copied");
    expect(screen.getByRole("status").textContent).toBe("Copied");
    await act(async () => vi.advanceTimersByTime(COPIED_FOR_MS));
    expect(button.textContent).toBe("Copy");
    expect(screen.getByRole("status").textContent).toBe("");
  } finally {
    vi.useRealTimers();
  }
});

it("says why nothing was copied where the browser gives no clipboard, and keeps the words", async () => {
  vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
  renderNote();
  fireEvent.click(screen.getByRole("button", { name: /^Copy your words/ }));
  expect(await screen.findByText(NO_CLIPBOARD)).toBeTruthy();
  expect(screen.getByText("Use a Map here")).toBeTruthy();
});
