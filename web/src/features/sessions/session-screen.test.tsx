// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SessionScreen } from "./session-screen.tsx";

isolateDomTests();
afterEach(() => useConversationsStore.setState({ sessions: {}, isLoaded: false, loadError: null }));

it("opened by a link while the lists load, says it is loading, not that the session does not exist; then offers Home", () => {
  useConversationsStore.setState({ sessions: {}, isLoaded: false, loadError: null });
  location.hash = "#/s/ses_notloadedyet1";
  useNavStore.getState().sync();
  const { rerender } = render(<SessionScreen id="ses_notloadedyet1" />);
  expect(screen.getByText("Loading…")).toBeTruthy();
  expect(screen.queryByText(/does not exist/)).toBeNull();

  useConversationsStore.setState({ isLoaded: true });
  rerender(<SessionScreen id="ses_notloadedyet1" />);
  expect(screen.getByText("This session does not exist (any more).")).toBeTruthy();
  expect(screen.getByRole("link", { name: "Go to Home" }).getAttribute("href")).toBe("#/");
  fireEvent.click(screen.getByRole("link", { name: "Go to Home" }));
  expect(useNavStore.getState().hash).toBe("");
});
