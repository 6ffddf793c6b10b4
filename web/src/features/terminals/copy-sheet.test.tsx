// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NO_CLIPBOARD } from "../../lib/copy-text.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { CopySheet } from "./copy-sheet.tsx";

isolateDomTests();

/** The browser's clipboard as a page on plain HTTP (`--lan`) sees it: none, or one that refuses. */
function giveClipboard(clipboard: Partial<Clipboard> | undefined): void {
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });
}

afterEach(() => giveClipboard(undefined));

describe("the terminal's copy sheet", () => {
  it("says why nothing was copied on a page the browser gives no clipboard (it threw and said nothing)", async () => {
    giveClipboard(undefined);
    render(<CopySheet text={"line one\nline two"} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy all" }));
    expect((await screen.findByRole("status")).textContent).toBe(NO_CLIPBOARD);
  });

  it("copies all of the text where there is a clipboard, and says the browser's refusal in the shared words", async () => {
    const written: string[] = [];
    giveClipboard({ writeText: async (text: string) => void written.push(text) });
    const { unmount } = render(<CopySheet text={"line one\nline two"} onClose={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy all" }));
    expect((await screen.findByRole("status")).textContent).toBe("Copied all of the terminal's text.");
    expect(written).toEqual(["line one\nline two"]);
    unmount();
    giveClipboard({ writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) });
    render(<CopySheet text="x" onClose={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy all" }));
    expect((await screen.findByRole("status")).textContent).toMatch(/^This browser did not allow writing to the clipboard: select the text and use your device's own Copy\.$/);
  });
});
