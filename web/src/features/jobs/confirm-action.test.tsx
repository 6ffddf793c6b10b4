// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ConfirmAction } from "./confirm-action.tsx";

isolateDomTests();

it("takes the keyboard into its question and gives it back to the button on Confirm, Keep it and Escape", () => {
  const onConfirm = vi.fn();
  render(<ConfirmAction label="Pause goal" question="Pause this goal?" confirmLabel="Pause it" isBusy={false} onConfirm={onConfirm} />);
  const ask = () => screen.getByRole("button", { name: "Pause goal" });

  act(() => ask().focus());
  fireEvent.click(ask());
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Pause it" }));
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  expect(screen.queryByRole("group")).toBeNull();
  expect(document.activeElement).toBe(ask());

  fireEvent.click(ask());
  fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
  expect(document.activeElement).toBe(ask());

  fireEvent.click(ask());
  fireEvent.click(screen.getByRole("button", { name: "Pause it" }));
  expect(onConfirm).toHaveBeenCalledTimes(1);
  expect(document.activeElement).toBe(ask());
});
