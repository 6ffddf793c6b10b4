// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationId, EffortLevel, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { EffortChangedNotice } from "./effort-changed-notice.tsx";

isolateDomTests();

const CONVERSATION = "cnv_effort01" as ConversationId;
/** An interactive Claude started at Medium effort, its status line showing Medium. */
const claude: TerminalInfo = { id: "trm_effort01" as TerminalId, sessionId: "ses_effort01" as SessionId, name: "Claude 1", kind: "claude", conversationId: CONVERSATION, command: ["claude"], status: "running", exitCode: null, problem: null, effort: "medium", launchedEffort: "medium", cols: 80, rows: 24, createdAt: 1 };

/** The conversation as the store knows it, its effort now `effort` (chosen in Session controls). */
function chosen(effort: EffortLevel | null, status = "idle"): void {
  useConversationsStore.setState({ conversations: { [CONVERSATION]: { id: CONVERSATION, status, effort } as unknown as Conversation } });
}

describe("EffortChangedNotice (an effort chosen while the interactive Claude runs)", () => {
  it("says the new level applies after a restart, and restarts the terminal when asked", async () => {
    chosen("high");
    const fetch = vi.fn(async () => jsonResponse({ terminal: { ...claude } }));
    vi.stubGlobal("fetch", fetch);
    render(<EffortChangedNotice terminal={claude} />);
    expect(screen.getByRole("note").textContent).toContain("Effort changed to High: restart “Claude 1” to apply. Until then it runs at Medium effort.");
    fireEvent.click(screen.getByRole("button", { name: "Restart Claude 1 to apply the effort" }));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(String(url)).toContain(`/api/terminals/${claude.id}/restart`);
    expect(init.method).toBe("POST");
  });

  it("names the CLI's default both ways", () => {
    chosen(null);
    const { unmount } = render(<EffortChangedNotice terminal={claude} />);
    expect(screen.getByRole("note").textContent).toContain("Effort changed to Default: restart “Claude 1” to apply. Until then it runs at Medium effort.");
    unmount();
    chosen("low");
    render(<EffortChangedNotice terminal={{ ...claude, effort: null, launchedEffort: null }} />);
    expect(screen.getByRole("note").textContent).toContain("Until then it runs at Claude Code's default effort.");
  });

  it("says nothing when the level is the one it started with, or the one `/effort` in the TUI set, or it is not running", () => {
    chosen("medium");
    const { container, rerender } = render(<EffortChangedNotice terminal={claude} />);
    expect(container.textContent).toBe("");
    chosen("high");
    rerender(<EffortChangedNotice terminal={{ ...claude, effort: "high" }} />);
    expect(container.textContent).toBe("");
    rerender(<EffortChangedNotice terminal={{ ...claude, status: "exited", exitCode: 0 }} />);
    expect(container.textContent).toBe("");
    // Its conversation is not loaded here: nothing is guessed.
    useConversationsStore.setState({ conversations: {} });
    rerender(<EffortChangedNotice terminal={claude} />);
    expect(container.textContent).toBe("");
  });

  it("does not offer the restart while Claude is in a turn (it would cut it off)", () => {
    chosen("high", "running");
    render(<EffortChangedNotice terminal={claude} />);
    expect(screen.queryByRole("button", { name: "Restart Claude 1 to apply the effort" })).toBeNull();
    expect(screen.getByRole("note").textContent).toContain("Restart it once Claude has finished its turn.");
  });
});
