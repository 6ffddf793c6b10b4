// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useStoredText } from "./use-stored-text.ts";

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("useStoredText", () => {
  it("saves after a pause, at once when its screen goes or the page is hidden, and not while it is the initial text", async () => {
    const first = renderHook(() => useStoredText("chatml.test", "Untitled"));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(localStorage.getItem("chatml.test")).toBeNull();
    act(() => first.result.current[1]("Fix the login"));
    expect(localStorage.getItem("chatml.test")).toBeNull();
    await waitFor(() => expect(localStorage.getItem("chatml.test")).toBe("Fix the login"));
    act(() => first.result.current[1]("Fix the login page"));
    first.unmount();
    expect(localStorage.getItem("chatml.test")).toBe("Fix the login page");
    const second = renderHook(() => useStoredText("chatml.test", "Untitled"));
    expect(second.result.current[0]).toBe("Fix the login page");
    act(() => second.result.current[1]("Fix the login page, then the sign-up"));
    window.dispatchEvent(new Event("pagehide"));
    expect(localStorage.getItem("chatml.test")).toBe("Fix the login page, then the sign-up");
    act(() => second.result.current[2]());
    second.unmount();
    expect(localStorage.getItem("chatml.test")).toBeNull();
  });

  it("forgets for good: a save still waiting for the pause does not store the text again while the form stays open", async () => {
    const form = renderHook(() => useStoredText("chatml.test", ""));
    act(() => form.result.current[1]("Saved, then typed on"));
    act(() => form.result.current[2]());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(localStorage.getItem("chatml.test")).toBeNull();
    act(() => form.result.current[1]("A new draft"));
    await waitFor(() => expect(localStorage.getItem("chatml.test")).toBe("A new draft"));
  });
});
