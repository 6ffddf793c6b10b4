// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { Session, SessionSetup } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useJobsStore } from "../../stores/jobs-store.ts";
import { SetupPanel } from "./setup-panel.tsx";

const SESSION = { id: "ses_setup0000001", workspaceId: "wsp_setup0000001", name: "vela", title: null, kind: "worktree", branch: "vela", cwd: "/tmp/vela", worktreePath: "/tmp/vela", archivedAt: null } as unknown as Session;
const setup = (status: SessionSetup["status"], worktree: SessionSetup["steps"][number]["status"]): SessionSetup => ({
  status,
  steps: [{ name: "fetch", status: "done", detail: null }, { name: "worktree", status: worktree, detail: worktree === "failed" ? "ChatML stopped" : null }],
  log: "",
  error: status === "failed" ? "ChatML stopped during setup." : null,
});

beforeEach(() => {
  useConversationsStore.setState({ sessions: { [SESSION.id]: SESSION }, conversations: {}, isLoaded: true });
  useJobsStore.setState({ jobs: {}, runs: {}, isLoaded: true });
});
isolateDomTests();

describe("SetupPanel", () => {
  it("offers to delete a session whose setup failed (no usable worktree), through the delete dialog", () => {
    render(<SetupPanel session={SESSION} setup={setup("failed", "failed")} />);
    expect(screen.getByText("This session has no usable worktree: delete it, then start a new session.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Delete session…" }));
    expect(screen.getByRole("dialog", { name: "Delete the session “vela”?" })).toBeTruthy();
  });

  it("offers no delete while the setup runs or once it is done", () => {
    for (const [status, worktree] of [["running", "running"], ["ready", "done"]] as const) {
      const { unmount } = render(<SetupPanel session={SESSION} setup={setup(status, worktree)} />);
      expect(screen.queryByRole("button", { name: "Delete session…" })).toBeNull();
      unmount();
    }
  });
});
