// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SkillsScreen } from "./skills-screen.tsx";

isolateDomTests();

describe("SkillsScreen", () => {
  it("without a workspace says to add one, with no search box or 'Loading…' that waits for a list never asked for", () => {
    const fetch = vi.fn(async () => new Response("{}"));
    vi.stubGlobal("fetch", fetch);
    useConversationsStore.setState({ workspaces: {}, sessions: {}, conversations: {}, isLoaded: false, loadError: null });
    const { unmount } = render(<SkillsScreen />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    unmount();

    useConversationsStore.setState({ isLoaded: true });
    render(<SkillsScreen />);
    expect(screen.getByText("Add a workspace first: skills are switched on and off per workspace.")).toBeTruthy();
    expect(screen.queryByText("Loading…")).toBeNull();
    expect(screen.queryByRole("searchbox")).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
