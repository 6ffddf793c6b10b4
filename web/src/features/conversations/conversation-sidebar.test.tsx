// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, expect, it, vi } from "vitest";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ConversationSidebar } from "./conversation-sidebar.tsx";

isolateDomTests();

// A phone: narrow, so the sidebar is a drawer behind "Open menu".
beforeEach(() => {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: true, loadError: null });
});

function PhoneScreen() {
  return (
    <>
      <ConversationSidebar />
      <button type="button" onClick={() => useUiStore.getState().setDrawerOpen(true)}>Open menu</button>
    </>
  );
}

it("on a phone, gives the keyboard back to Open menu when the drawer closes by Escape or Close menu", () => {
  render(<PhoneScreen />);
  const opener = screen.getByRole("button", { name: "Open menu" });
  for (const close of [() => fireEvent.keyDown(document.activeElement!, { key: "Escape" }), () => fireEvent.click(screen.getByRole("button", { name: "Close menu" }))]) {
    act(() => opener.focus());
    fireEvent.click(opener);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close menu" }));
    close();
    expect(useUiStore.getState().isDrawerOpen).toBe(false);
    expect(document.activeElement).toBe(opener);
  }
});
