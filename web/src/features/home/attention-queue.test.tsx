// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { AttentionQueue } from "./attention-queue.tsx";

beforeEach(() => {
  useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: false, loadError: null });
  useJobsStore.setState({ goals: {}, jobs: {}, runs: {}, isLoaded: false, loadError: null });
});
isolateDomTests();

describe("AttentionQueue", () => {
  it("says nothing waits only once both lists are read (it said so while a prompt waiting for you was still loading)", () => {
    render(<AttentionQueue />);
    expect(screen.getByRole("status").textContent).toBe("Loading…");
    expect(screen.queryByText("Nothing is waiting for you.")).toBeNull();
    act(() => useConversationsStore.setState({ isLoaded: true }));
    expect(screen.queryByText("Nothing is waiting for you.")).toBeNull();
    act(() => useJobsStore.setState({ isLoaded: true }));
    expect(screen.getByText("Nothing is waiting for you.")).toBeTruthy();
  });

  it("says a list that could not be read, not that nothing waits", () => {
    useJobsStore.setState({ loadError: "HTTP 503" });
    render(<AttentionQueue />);
    expect(screen.getByRole("alert").textContent).toBe("Could not load what needs you: HTTP 503");
    expect(screen.queryByText("Nothing is waiting for you.")).toBeNull();
  });
});
