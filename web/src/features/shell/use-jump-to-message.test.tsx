// @vitest-environment jsdom
import { cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { JUMPED_MS, useJumpToMessage } from "./use-jump-to-message.ts";

beforeAll(() => {
  // jsdom lays nothing out, so it has no scrollIntoView.
  Element.prototype.scrollIntoView = () => undefined;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe("useJumpToMessage", () => {
  it("marks the message jumped to for a while (frame and label in CSS) and moves focus to it", () => {
    vi.useFakeTimers();
    document.body.innerHTML = `<div data-message-id="msg_1">The hit</div><div data-message-id="msg_2">Another</div>`;
    const target = document.querySelector<HTMLElement>('[data-message-id="msg_1"]')!;

    renderHook(() => useJumpToMessage("msg_1"));

    expect(target.hasAttribute("data-jumped")).toBe(true);
    expect(document.activeElement).toBe(target);
    expect(document.querySelector('[data-message-id="msg_2"]')?.hasAttribute("data-jumped")).toBe(false);
    vi.advanceTimersByTime(JUMPED_MS - 1);
    expect(target.hasAttribute("data-jumped")).toBe(true);
    vi.advanceTimersByTime(1);
    expect(target.hasAttribute("data-jumped")).toBe(false);
  });

  it("marks a message rendered after the jump, once it appears", async () => {
    renderHook(() => useJumpToMessage("msg_late"));
    const late = document.createElement("div");
    late.dataset.messageId = "msg_late";
    document.body.append(late);
    await vi.waitFor(() => expect(late.hasAttribute("data-jumped")).toBe(true));
  });
});
