// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Conversation, Session } from "../../../shared/index.ts";
import { useConversationsStore } from "../stores/conversations-store.ts";
import { useNavStore } from "../stores/nav-store.ts";
import { useUiStore } from "../stores/ui-store.ts";
import { useWaitingElsewhere } from "./use-waiting-elsewhere.ts";

describe("useWaitingElsewhere", () => {
  it("leaves out the conversation the address shows, before ui-store's selection has caught up with it", () => {
    const session = { id: "ses_wait00000001", workspaceId: "wsp_wait00000001", jobId: null, archivedAt: null } as unknown as Session;
    const waiting = (n: number) => ({ id: `cnv_wait0000000${n}`, sessionId: session.id, status: "waiting", updatedAt: n, closedAt: null }) as unknown as Conversation;
    useConversationsStore.setState({ workspaces: {}, sessions: { [session.id]: session }, conversations: { [waiting(1).id]: waiting(1), [waiting(2).id]: waiting(2) } });
    useUiStore.setState({ selectedId: null });
    const { result } = renderHook(() => useWaitingElsewhere());
    expect(result.current).toBe(2);
    // A link to the first followed as the page boots: the address (and the screen) show it, the selection still null.
    act(() => {
      history.pushState(null, "", "#/c/cnv_wait00000001");
      useNavStore.getState().sync();
    });
    expect(result.current).toBe(1);
  });
});
