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
});
