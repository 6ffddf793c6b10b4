// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, expect, it, vi } from "vitest";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
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

it("links each of the menu's screens (a new tab, a copied link) and marks the one shown; a plain click opens it in place, a modified click is the browser's", () => {
  history.replaceState(null, "", "/#/jobs");
  useNavStore.getState().sync();
  useUiStore.setState({ selectedId: null });
  render(<ConversationSidebar />);
  const menu = screen.getByRole("list", { name: "Screens" });
  const entries = within(menu).getAllByRole("link");
  expect(entries.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
    ["Home", "#/"],
    ["All sessions", "#/sessions"],
    ["Jobs", "#/jobs"],
    ["Search", "#/search"],
    ["Skills", "#/skills"],
    ["Pull requests", "#/prs"],
    ["Integrations", "#/integrations"],
  ]);
  expect(within(menu).queryAllByRole("button")).toEqual([]);
  expect(entries.filter((link) => link.getAttribute("aria-current") === "page").map((link) => link.textContent)).toEqual(["Jobs"]);
  const newConversation = screen.getByRole("link", { name: "New conversation" });
  expect(newConversation.getAttribute("href")).toBe("#/new");
  const home = within(menu).getByRole("link", { name: "Home" });
  expect(fireEvent.click(home, { ctrlKey: true })).toBe(true);
  expect(fireEvent.click(home, { button: 1 })).toBe(true);
  expect(location.hash).toBe("#/jobs");
  expect(fireEvent.click(home)).toBe(false);
  expect(useNavStore.getState().hash).toBe("");
  expect(home.getAttribute("aria-current")).toBe("page");
  expect(fireEvent.click(newConversation)).toBe(false);
  expect(location.hash).toBe("#/new");
});
