// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { expect, it, vi } from "vitest";
import { isolateDomTests } from "../test-support/dom-tests.ts";
import { Button } from "./button.tsx";

isolateDomTests();

/** A button that turns itself off while its action runs, as Push does; `finish` ends the action. */
function Push({ onPush }: { onPush: () => Promise<void> }) {
  const [isBusy, setIsBusy] = useState(false);
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <Button type="submit" disabled={isBusy} onClick={() => (setIsBusy(true), void onPush().finally(() => setIsBusy(false)))}>
        Push
      </Button>
      <input aria-label="Elsewhere" />
    </form>
  );
}

it("keeps the focus on a button that turns itself off while its action runs, said unavailable and deaf to clicks", async () => {
  let finish = () => {};
  const onPush = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  render(<Push onPush={onPush} />);
  const push = () => screen.getByRole<HTMLButtonElement>("button", { name: "Push" });
  act(() => push().focus());
  fireEvent.click(push());
  // Not `disabled`: a disabled button drops the focus to the page.
  expect(push().disabled).toBe(false);
  expect(push().getAttribute("aria-disabled")).toBe("true");
  expect(document.activeElement).toBe(push());
  fireEvent.click(push());
  expect(onPush).toHaveBeenCalledTimes(1);
  await act(async () => finish());
  expect(push().getAttribute("aria-disabled")).toBeNull();
  expect(push().disabled).toBe(false);
});

it("is disabled outright once the focus leaves it while its action runs, and when it never had the focus", async () => {
  let finish = () => {};
  render(<Push onPush={() => new Promise<void>((resolve) => (finish = resolve))} />);
  const push = () => screen.getByRole<HTMLButtonElement>("button", { name: "Push" });
  act(() => push().focus());
  fireEvent.click(push());
  act(() => screen.getByRole("textbox", { name: "Elsewhere" }).focus());
  expect(push().disabled).toBe(true);
  expect(push().getAttribute("aria-disabled")).toBeNull();
  await act(async () => finish());
  expect(push().disabled).toBe(false);
  fireEvent.click(push());
  expect(push().disabled).toBe(true);
  await act(async () => finish());
});
