// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../../shared/index.ts";
import { isolateDomTests } from "../../../test-support/dom-tests.ts";
import { TasksPanel } from "./tasks-panel.tsx";
import type { Todo } from "./todo-list.tsx";

isolateDomTests();

const TODOS: Todo[] = [{ content: "Ship it", status: "pending", activeForm: "Shipping it" }];

/** A window `width` px wide, as the panel's media query sees it. */
function windowOf(width: number): void {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: query === "(min-width: 1024px)" && width >= 1024, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
}

/** The header's Tasks button and the panel it opens, as the chat screen has them. */
function Opener() {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setIsOpen(!isOpen)}>Tasks</button>
      {isOpen ? <TasksPanel conversationId={"cnv_tasks0000001" as ConversationId} todos={TODOS} agents={[]} onClose={() => setIsOpen(false)} /> : null}
    </>
  );
}

/** Opens the panel from the keyboard in a window `width` px wide; the Tasks button that opened it. */
function openFromKeyboard(width: number): HTMLElement {
  windowOf(width);
  render(<Opener />);
  const opener = screen.getByRole("button", { name: "Tasks" });
  act(() => opener.focus());
  fireEvent.click(opener);
  return opener;
}

describe("TasksPanel", () => {
  it("on a phone is a sheet that takes focus, keeps Tab inside and gives focus back when closed", () => {
    const opener = openFromKeyboard(390);
    const sheet = screen.getByRole("dialog", { name: "Tasks panel" });
    expect(document.activeElement).toBe(sheet);
    const close = screen.getByRole("button", { name: "Close tasks" });
    act(() => close.focus());
    // The only control: Tab goes round to it, not on to the page behind.
    expect(fireEvent.keyDown(sheet, { key: "Tab" })).toBe(false);
    fireEvent.click(close);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("beside the conversation on a wide screen is a column that leaves focus where it is", () => {
    const opener = openFromKeyboard(1440);
    expect(screen.getByRole("complementary", { name: "Tasks panel" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
