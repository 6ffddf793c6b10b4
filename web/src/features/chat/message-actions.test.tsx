// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationId, MessageId, PartId, Session } from "../../../../shared/index.ts";
import type { ViewMessage } from "../../protocol/conversation-view.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { expectCopiedMoment } from "../../test-support/copied-moment.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { NO_CLIPBOARD } from "../../lib/copy-text.ts";
import { MessageActions } from "./message-actions.tsx";

isolateDomTests();
afterEach(() => vi.unstubAllGlobals());

const CONVERSATION = { id: "cnv_actions000001", sessionId: "ses_actions000001" } as unknown as Conversation;
const MESSAGE: ViewMessage = {
  id: "msg_actions000001" as MessageId,
  role: "user",
  parentToolUseId: null,
  model: null,
  createdAt: 1,
  isPlaceholder: false,
  parts: [{ id: "prt_actions000001" as PartId, kind: "text", text: "Fix the parser", isStreaming: false }],
};
const withSession = (archivedAt: number | null) =>
  useConversationsStore.setState({
    conversations: { [CONVERSATION.id]: CONVERSATION },
    sessions: { [CONVERSATION.sessionId]: { id: CONVERSATION.sessionId, archivedAt } as unknown as Session },
  });
const renderActions = () => render(<MessageActions message={MESSAGE} conversationId={CONVERSATION.id as ConversationId} isLastUserMessage isBusy={false} />);

describe("MessageActions", () => {
  it("says why Copy copied nothing where the browser gives no clipboard (a plain-HTTP LAN address), instead of nothing", async () => {
    withSession(null);
    vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
    renderActions();
    fireEvent.click(screen.getByRole("button", { name: "Copy message" }));
    expect((await screen.findByRole("alert")).textContent).toBe(NO_CLIPBOARD);
    expect(screen.getByRole("button", { name: "Copy message" }).textContent).toBe("Copy");
  });

  it("says Copied for a moment once the text is on the clipboard, announced by a live region there before the tap", async () => {
    withSession(null);
    renderActions();
    // The button keeps its name: renamed "Copied", it was not read out.
    expect(await expectCopiedMoment(screen.getByRole("button", { name: "Copy message" }), { copied: "Copied", idle: "Copy" })).toEqual(["Fix the parser"]);
  });

  it("in an archived session, Edit, Fork and Retry say why they do nothing, and a tap sends nothing", () => {
    withSession(5);
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    renderActions();
    for (const name of [/^Edit and resend/, /^Fork from here/, /^Retry/]) {
      const button = screen.getByRole("button", { name });
      expect(button.getAttribute("aria-disabled")).toBe("true");
      expect(button.getAttribute("aria-label")).toContain("unavailable: The session is archived: unarchive it to edit, fork or retry.");
      fireEvent.click(button);
    }
    expect(screen.getByRole("alert").textContent).toBe("The session is archived: unarchive it to edit, fork or retry.");
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Copy message" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("while Claude works, Retry stays focusable and says it waits for the turn; a tap sends nothing and says why until the turn ends", () => {
    withSession(null);
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const actions = (isBusy: boolean) => <MessageActions message={MESSAGE} conversationId={CONVERSATION.id as ConversationId} isLastUserMessage isBusy={isBusy} />;
    const { rerender } = render(actions(true));
    const retry = screen.getByRole("button", { name: /^Retry/ });
    expect(retry.hasAttribute("disabled")).toBe(false);
    expect(retry.getAttribute("aria-disabled")).toBe("true");
    expect(retry.getAttribute("aria-label")).toBe("Retry: send this message again (unavailable: Claude is working: Retry once this turn ends.)");
    fireEvent.click(retry);
    expect(screen.getByRole("alert").textContent).toBe("Claude is working: Retry once this turn ends.");
    expect(fetch).not.toHaveBeenCalled();
    rerender(actions(false));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("button", { name: "Retry: send this message again" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("in a live session offers them as they are", () => {
    withSession(null);
    renderActions();
    for (const name of ["Edit and resend", "Fork from here: a new conversation with what came before this message", "Retry: send this message again"]) {
      expect(screen.getByRole("button", { name }).getAttribute("aria-disabled")).toBeNull();
    }
  });
});
