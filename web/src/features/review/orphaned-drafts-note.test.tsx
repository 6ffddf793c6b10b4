// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { NO_CLIPBOARD } from "../../lib/copy-text.ts";
import { expectCopiedMoment } from "../../test-support/copied-moment.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { OrphanedDraftsNote } from "./orphaned-drafts-note.tsx";
import type { OrphanedDraft } from "./orphaned-drafts.ts";

isolateDomTests();

const ORPHAN: OrphanedDraft = { commentId: "rvc_1", kind: "reply", words: "Use a Map here", lines: { path: "src/a.ts", side: "new", startLine: 3, endLine: 3 } };
const renderNote = () => render(<OrphanedDraftsNote sessionId={"ses_orphans000001" as SessionId} orphans={[ORPHAN]} onDone={() => undefined} />);

it("says Copied for a moment, then offers to copy again (it said so for good); a screen reader hears Copied", async () => {
  renderNote();
  const button = screen.getByRole("button", { name: "Copy your words on src/a.ts L3" });
  expect(await expectCopiedMoment(button, { copied: "Copied", idle: "Copy" })).toEqual(["Use a Map here"]);
});

it("says why nothing was copied where the browser gives no clipboard, and keeps the words", async () => {
  vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
  renderNote();
  fireEvent.click(screen.getByRole("button", { name: /^Copy your words/ }));
  expect(await screen.findByText(NO_CLIPBOARD)).toBeTruthy();
  expect(screen.getByText("Use a Map here")).toBeTruthy();
});
