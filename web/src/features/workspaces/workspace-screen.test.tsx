// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { WorkspaceScreen } from "./workspace-screen.tsx";

isolateDomTests();
afterEach(() => useConversationsStore.setState({ workspaces: {}, isLoaded: false, loadError: null }));

describe("WorkspaceScreen", () => {
  it("opened by a link while the lists load, says it is loading, not that the workspace does not exist", () => {
    useConversationsStore.setState({ workspaces: {}, isLoaded: false, loadError: null });
    const { rerender } = render(<WorkspaceScreen id="wsp_notloadedyet1" />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    expect(screen.queryByText(/does not exist/)).toBeNull();

    useConversationsStore.setState({ isLoaded: true });
    rerender(<WorkspaceScreen id="wsp_notloadedyet1" />);
    expect(screen.getByText("This workspace does not exist (any more).")).toBeTruthy();
  });

  it("names its settings button apart from the app's own Settings", () => {
    const workspace = {
      id: "wsp_named00001", name: "parser", path: "/repo/parser", createdAt: 1, isGitRepo: true, defaultBranch: "main", branchPrefixMode: "none", branchPrefix: "",
    };
    useConversationsStore.setState({ workspaces: { [workspace.id]: workspace as never }, isLoaded: true, loadError: null });
    render(<WorkspaceScreen id={workspace.id} />);
    expect(screen.getByRole("button", { name: "Workspace settings" }).textContent).toBe("Settings");
    expect(screen.queryByRole("button", { name: "Settings" })).toBeNull();
  });
});
