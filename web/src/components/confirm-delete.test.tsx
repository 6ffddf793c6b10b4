// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import { isolateDomTests } from "../test-support/dom-tests.ts";
import { ConfirmDelete } from "./confirm-delete.tsx";

isolateDomTests();

it("is kept by Escape as by Keep it, each giving the keyboard back to the button that asked, and deletes nothing", () => {
  const onConfirm = vi.fn(async () => undefined);
  render(<ConfirmDelete label="Delete" name="Delete Task" question="Delete “Task”?" onConfirm={onConfirm} />);
  const ask = () => screen.getByRole("button", { name: "Delete Task" });

  act(() => ask().focus());
  fireEvent.click(ask());
  screen.getByRole("group", { name: "Confirm: Delete Task" });
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  expect(screen.queryByRole("group")).toBeNull();
  expect(document.activeElement).toBe(ask());

  fireEvent.click(ask());
  fireEvent.click(screen.getByRole("button", { name: /Keep it/ }));
  expect(document.activeElement).toBe(ask());
  expect(onConfirm).not.toHaveBeenCalled();
});

it("keeps the keyboard on its yes while the action runs and after it fails, with the failure beside the question", async () => {
  let fail: (error: Error) => void = () => undefined;
  const onConfirm = vi.fn(() => new Promise<void>((_, reject) => (fail = reject)));
  render(<ConfirmDelete label="Delete" name="Delete Task" question="Delete “Task”?" onConfirm={onConfirm} />);
  fireEvent.click(screen.getByRole("button", { name: "Delete Task" }));
  const yes = screen.getByRole("button", { name: /Yes: Delete Task/ });
  expect(document.activeElement).toBe(yes);

  fireEvent.click(yes);
  expect(document.activeElement).toBe(yes);
  expect(yes.getAttribute("aria-disabled")).toBe("true");
  await act(async () => fail(new Error("The server refused it.")));
  expect(screen.getByText("The server refused it.")).toBeTruthy();
  expect(document.activeElement).toBe(screen.getByRole("button", { name: /Yes: Delete Task/ }));
  expect(screen.getByRole("button", { name: /Yes: Delete Task/ }).getAttribute("aria-disabled")).toBeNull();
});
