// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { COPIED_FOR_MS } from "../../lib/use-copied-moment.ts";
import { expectCopiedMoment } from "../../test-support/copied-moment.ts";
import { CopyButton } from "./copy-button.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, "clipboard");
});

it("says Copied for a moment, then offers to copy again (it kept saying Copied for as long as Devices was open)", async () => {
  render(<CopyButton text="https://laptop.local:4000/pair#code" label="Copy the pairing link" />);
  const button = screen.getByRole("button", { name: "Copy the pairing link" });
  expect(await expectCopiedMoment(button, { copied: "Copied", idle: "Copy" })).toEqual(["https://laptop.local:4000/pair#code"]);
});

it("a second copy while Copied shows starts the moment again, instead of ending with the first one's", async () => {
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async () => undefined } });
  vi.useFakeTimers();
  render(<CopyButton text="bunx chatml --lan" label="Copy the LAN command" />);
  const button = screen.getByRole("button", { name: "Copy the LAN command" });
  await act(async () => fireEvent.click(button));
  await act(async () => vi.advanceTimersByTime(COPIED_FOR_MS - 100));
  await act(async () => fireEvent.click(button));
  await act(async () => vi.advanceTimersByTime(200));
  expect(button.textContent).toBe("Copied");
  await act(async () => vi.advanceTimersByTime(COPIED_FOR_MS));
  expect(button.textContent).toBe("Copy");
});
