// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../../shared/index.ts";
import { NO_CLIPBOARD } from "../../../lib/copy-text.ts";
import { expectCopiedMoment } from "../../../test-support/copied-moment.ts";
import { isolateDomTests } from "../../../test-support/dom-tests.ts";
import { SavedOutputNote } from "./saved-output-note.tsx";

isolateDomTests();

const SAVED = { path: "/home/ada/.claude/projects/x/tool-results/out-1.txt", bytes: 120_000 };
const renderNote = () => render(<SavedOutputNote saved={SAVED} shownChars={30_000} conversationId={"cnv_saved0000001" as ConversationId} />);

it("says Path copied for a moment, then offers to copy again (it said so for good); a screen reader hears Copied", async () => {
  renderNote();
  expect(await expectCopiedMoment(screen.getByRole("button", { name: "Copy path" }), { copied: "Path copied", idle: "Copy path" })).toEqual([SAVED.path]);
});

it("says why nothing was copied where the browser gives no clipboard (a plain-HTTP LAN address), instead of nothing", async () => {
  vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
  renderNote();
  fireEvent.click(screen.getByRole("button", { name: "Copy path" }));
  expect((await screen.findByRole("alert")).textContent).toBe(NO_CLIPBOARD);
  expect(screen.getByRole("button", { name: "Copy path" }).textContent).toBe("Copy path");
});

it("says the browser refused when writing to the clipboard fails, and drops that once a copy works", async () => {
  let refuses = true;
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: async () => { if (refuses) throw new DOMException("Document is not focused.", "NotAllowedError"); } } });
  renderNote();
  fireEvent.click(screen.getByRole("button", { name: "Copy path" }));
  expect((await screen.findByRole("alert")).textContent).toContain("did not allow writing to the clipboard");
  refuses = false;
  fireEvent.click(screen.getByRole("button", { name: "Copy path" }));
  expect(await screen.findByText("Path copied")).toBeTruthy();
  expect(screen.queryByRole("alert")).toBeNull();
});
