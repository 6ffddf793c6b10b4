// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Conversation, ConversationId, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { HooksOffNotice } from "./hooks-off-notice.tsx";

isolateDomTests();

const claude: TerminalInfo = { id: "trm_hooks01" as TerminalId, sessionId: "ses_hooks01" as SessionId, name: "Claude 1", kind: "claude", conversationId: null, command: ["claude"], status: "running", exitCode: null, problem: null, cols: 80, rows: 24, createdAt: 1 };
const WHY = "the managed Claude Code settings (/etc/claude-code/managed-settings.json) allow HTTP hooks only to http://127.0.0.1:3456/hooks/permission-request, and ChatML's skill check posts to http://127.0.0.1:3456/hooks/user-prompt-submit";

describe("HooksOffNotice (what managed settings keep ChatML's TUI hooks from doing)", () => {
  it("says nothing when every hook runs", () => {
    const { container } = render(<HooksOffNotice terminal={claude} />);
    expect(container.textContent).toBe("");
  });

  it("says that the Skills screen's switches are not checked in the TUI, and why, when only its skill check is blocked", () => {
    render(<HooksOffNotice terminal={{ ...claude, skillChecksOff: WHY }} />);
    const notes = screen.getAllByRole("note");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toContain(`The Skills screen's switches are not checked in “Claude 1”: ${WHY}. It was told only which skills were off when it started, and Claude Code may still run one of them typed into it.`);
    // A switch made since reaches it only by a restart, which the notice says and offers.
    expect(notes[0]?.textContent).toContain("A switch made since takes effect when it restarts (it continues the same Claude session).");
    expect(screen.getByRole("button", { name: "Restart Claude 1 to apply the skill switches" })).toBeTruthy();
  });

  it("does not offer the restart while its conversation is in a turn or waiting for an answer (it would cut that off)", () => {
    const conversation = { id: "cnv_hooks01", status: "running" } as unknown as Conversation;
    useConversationsStore.setState({ conversations: { [conversation.id]: conversation } });
    render(<HooksOffNotice terminal={{ ...claude, conversationId: conversation.id as ConversationId, skillChecksOff: WHY }} />);
    expect(screen.queryByRole("button", { name: "Restart Claude 1 to apply the skill switches" })).toBeNull();
    expect(screen.getByRole("note").textContent).toContain("Restart it once Claude has finished its turn.");
  });

  it("says both when both are blocked", () => {
    render(<HooksOffNotice terminal={{ ...claude, approvalsOff: "the managed Claude Code settings (x) set disableAllHooks, so ChatML's permission hook does not run", skillChecksOff: WHY }} />);
    expect(screen.getAllByRole("note").map((note) => note.textContent?.slice(0, 40))).toEqual(["Approvals from other devices are off for", "The Skills screen's switches are not che"]);
  });
});
