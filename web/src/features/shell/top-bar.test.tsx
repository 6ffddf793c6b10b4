// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useUiStore } from "../../stores/ui-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { TopBar } from "./top-bar.tsx";

isolateDomTests();

describe("TopBar", () => {
  it("gives its heading the keyboard when asked (what had it was deleted here), once", () => {
    useUiStore.getState().focusHeading(false);
    render(<TopBar title="Home" />);
    const heading = screen.getByRole("heading", { name: "Home" });
    expect(document.activeElement).not.toBe(heading);
    act(() => useUiStore.getState().focusHeading());
    expect(document.activeElement).toBe(heading);
    expect(useUiStore.getState().isHeadingFocusAsked).toBe(false);
  });

  it("takes the keyboard as the next screen appears when the last one was closed asking for it", () => {
    useUiStore.getState().focusHeading();
    render(<TopBar title="Jobs" />);
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Jobs" }));
  });
});
