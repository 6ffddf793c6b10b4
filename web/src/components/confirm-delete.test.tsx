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
