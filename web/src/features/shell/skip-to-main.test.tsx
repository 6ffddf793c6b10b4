// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SkipToMain } from "./skip-to-main.tsx";

isolateDomTests();

describe("SkipToMain", () => {
  it("moves focus into the screen's main landmark past the sidebar's links, and leaves the route alone", () => {
    window.location.hash = "#/w/wsp_skip00000001";
    render(
      <>
        <SkipToMain />
        <nav aria-label="Conversations menu"><a href="#/">Home</a><a href="#/w/wsp_other">Other</a></nav>
        <main aria-label="Screen"><button type="button">First control</button></main>
      </>,
    );
    const skip = screen.getByRole("link", { name: "Skip to main content" });
    skip.focus();
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByRole("main"));
    expect(window.location.hash).toBe("#/w/wsp_skip00000001");
  });
});
