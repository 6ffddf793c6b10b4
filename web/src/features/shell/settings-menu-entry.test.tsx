// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { useNavStore } from "../../stores/nav-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SettingsMenuEntry } from "./settings-menu-entry.tsx";

isolateDomTests();

it("is a link to the Settings screen: opens it in place, closes the phone's drawer, and marks itself as the current page", () => {
  history.replaceState(null, "", "/");
  useNavStore.getState().sync();
  useUiStore.setState({ isDrawerOpen: true, selectedId: null });
  render(<SettingsMenuEntry />);
  const entry = screen.getByRole("link", { name: "Settings" });
  expect(entry.getAttribute("href")).toBe("#/settings");
  expect(entry.getAttribute("aria-current")).toBeNull();
  expect(fireEvent.click(entry)).toBe(false);
  expect(location.hash).toBe("#/settings");
  expect(useNavStore.getState().hash).toBe("#/settings");
  expect(useUiStore.getState().isDrawerOpen).toBe(false);
  expect(entry.getAttribute("aria-current")).toBe("page");
});
