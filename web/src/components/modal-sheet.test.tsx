// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { expect, it } from "vitest";
import { isolateDomTests } from "../test-support/dom-tests.ts";
import { ModalSheet } from "./modal-sheet.tsx";

isolateDomTests();

function RemoveButton() {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>Remove workspace</button>
      <button type="button">Behind the dialog</button>
      {isOpen ? (
        <ModalSheet title="Remove nocommits?" onClose={() => setOpen(false)}>
          <button type="button" onClick={() => setOpen(false)}>Cancel</button>
          <button type="button">Remove, keep history</button>
        </ModalSheet>
      ) : null}
    </>
  );
}

const focused = () => document.activeElement as HTMLElement;

it("takes the keyboard as it opens, keeps Tab inside, and gives it back to the control that opened it", () => {
  render(<RemoveButton />);
  const opener = screen.getByRole("button", { name: "Remove workspace" });
  act(() => opener.focus());
  fireEvent.click(opener);
  const dialog = screen.getByRole("dialog", { name: "Remove nocommits?" });
  expect(dialog.contains(focused())).toBe(true);

  // From the card itself and from the first control, Shift+Tab goes round to the last; from the last, Tab to the first.
  fireEvent.keyDown(focused(), { key: "Tab", shiftKey: true });
  expect(focused().textContent).toBe("Remove, keep history");
  fireEvent.keyDown(focused(), { key: "Tab" });
  expect(focused().textContent).toBe("Cancel");
  fireEvent.keyDown(focused(), { key: "Tab", shiftKey: true });
  expect(focused().textContent).toBe("Remove, keep history");

  fireEvent.keyDown(focused(), { key: "Escape" });
  expect(screen.queryByRole("dialog")).toBeNull();
  expect(focused()).toBe(opener);

  fireEvent.click(opener);
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(focused()).toBe(opener);
});

it("leaves the focus a control inside took as it opened (autoFocus)", () => {
  render(
    <ModalSheet title="Rename" onClose={() => {}}>
      <input aria-label="Name" autoFocus />
    </ModalSheet>,
  );
  expect(focused()).toBe(screen.getByRole("textbox", { name: "Name" }));
});
