// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationId, EffortLevel, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
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

  describe("Restart to apply", () => {
    /** The notice of the terminal as the store has it, as the panel shows it. */
    function Shown() {
      const terminal = useTerminalsStore((st) => st.bySession[claude.sessionId]?.[0]);
      return terminal ? <EffortChangedNotice terminal={terminal} /> : null;
    }
    /**
     * Shows the notice of a TUI whose conversation's level is now High and clicks "Restart to apply" on it, the server's
     * answer held until `answer` is called; the notice went at the click.
     */
    function restartHeld(): { answer: (response: Response) => void } {
      chosen("high");
      useTerminalsStore.getState().setSession(claude.sessionId, [claude]);
      render(<Shown />);
      let answer: (response: Response) => void = () => undefined;
      vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))));
      fireEvent.click(screen.getByRole("button", { name: "Restart Claude 1 to apply the effort" }));
      // Gone at the click: the TUI is still stopping, and the server has not answered yet.
      expect(screen.queryByRole("note")).toBeNull();
      return { answer: (response) => answer(response) };
    }

    it("goes as the restart begins and stays gone once the TUI runs at the new level", async () => {
      const restart = restartHeld();
      restart.answer(jsonResponse({ terminal: { ...claude, effort: "high", launchedEffort: "high" } }));
      await waitFor(() => expect(useTerminalsStore.getState().bySession[claude.sessionId]?.[0]?.launchedEffort).toBe("high"));
      expect(screen.queryByRole("note")).toBeNull();
    });

    it("comes back with the reason when the restart fails", async () => {
      const restart = restartHeld();
      restart.answer(jsonResponse({ error: { code: "not_found", message: "Terminal trm_effort01 does not exist (any more)." } }, 404));
      await waitFor(() => expect(screen.getByRole("note").textContent).toContain("Terminal trm_effort01 does not exist (any more)."));
    });
  });
});
