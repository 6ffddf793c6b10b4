// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { lazy, Suspense } from "react";
import { describe, expect, it, vi } from "vitest";
import { isolateDomTests } from "../test-support/dom-tests.ts";
import { ScreenErrorBoundary } from "./screen-error-boundary.tsx";

isolateDomTests();

/** A lazy screen whose chunk is gone (the build changed under an open page). */
const MissingScreen = lazy(() => Promise.reject(new TypeError("Failed to fetch dynamically imported module: http://127.0.0.1:3456/assets/jobs-screen-abc123.js")));

function Broken(): never {
  throw new Error("items is undefined");
}

describe("ScreenErrorBoundary", () => {
  it("says a screen whose code cannot be loaded needs a reload, instead of blanking the page, and reloads on request", async () => {
    const onReload = vi.fn();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    render(
      <ScreenErrorBoundary resetKey="#/jobs" onReload={onReload}>
        <Suspense fallback={<p>Loading</p>}>
          <MissingScreen />
        </Suspense>
      </ScreenErrorBoundary>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This screen could not be loaded");
    expect(alert.textContent).toContain("updated");
    fireEvent.click(screen.getByRole("button", { name: "Reload ChatML" }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it("names a render error, and shows the next screen again once the user goes elsewhere", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { rerender } = render(
      <ScreenErrorBoundary resetKey="#/skills">
        <Broken />
      </ScreenErrorBoundary>,
    );
    expect(screen.getByRole("alert").textContent).toContain("This screen ran into a problem");
    expect(screen.getByRole("alert").textContent).toContain("items is undefined");
    rerender(
      <ScreenErrorBoundary resetKey="#/jobs">
        <p>Jobs</p>
      </ScreenErrorBoundary>,
    );
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("Jobs")).toBeTruthy();
  });
});
