import { act, fireEvent, screen } from "@testing-library/react";
import { expect, vi } from "vitest";
import { COPIED_FOR_MS } from "../lib/use-copied-moment.ts";

/**
 * Taps a rendered Copy `button` with a working clipboard and checks the whole moment: the live region waits in the page
 * empty (one inserted with "Copied" already in it is skipped by some screen readers), the button shows `copied` and
 * the region says "Copied", and after COPIED_FOR_MS both are back. Returns what was written to the clipboard. Expects
 * the only live region in the page to be the button's.
 * @example expect(await expectCopiedMoment(screen.getByRole("button", { name: "Copy path" }), { copied: "Path copied", idle: "Copy path" })).toEqual([path]);
 */
export async function expectCopiedMoment(button: HTMLElement, shown: { copied: string; idle: string }): Promise<string[]> {
  const written: string[] = [];
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: async (text: string) => void written.push(text) } });
  vi.useFakeTimers();
  try {
    expect(screen.getByRole("status").textContent).toBe("");
    await act(async () => fireEvent.click(button));
    expect(button.textContent).toBe(shown.copied);
    expect(screen.getByRole("status").textContent).toBe("Copied");
    await act(async () => vi.advanceTimersByTime(COPIED_FOR_MS));
    expect(button.textContent).toBe(shown.idle);
    expect(screen.getByRole("status").textContent).toBe("");
  } finally {
    vi.useRealTimers();
  }
  return written;
}
