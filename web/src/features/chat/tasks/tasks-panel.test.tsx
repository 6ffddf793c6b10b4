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
  it("on a phone is a panel that takes focus, lets Tab go on to the composer it leaves free, and gives focus back when closed", () => {
    const opener = openFromKeyboard(390);
    const panel = screen.getByRole("region", { name: "Tasks panel" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(panel);
    const close = screen.getByRole("button", { name: "Close tasks" });
    act(() => close.focus());
    // Nothing is behind it: Tab is the browser's, on to the composer below (a sheet over the composer kept it inside).
    expect(fireEvent.keyDown(panel, { key: "Tab" })).toBe(true);
    fireEvent.click(close);
    expect(screen.queryByRole("region", { name: "Tasks panel" })).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("beside the conversation on a wide screen is a column that leaves focus where it is", () => {
    const opener = openFromKeyboard(1440);
    expect(screen.getByRole("complementary", { name: "Tasks panel" })).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
