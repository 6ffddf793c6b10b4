// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { ApiError } from "../../lib/http.ts";
import { useViewStore } from "../../stores/view-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useConversation } from "./use-conversation.ts";

const watched = vi.hoisted(() => ({ ids: [] as string[] }));
vi.mock("../../lib/api.ts", () => ({
  api: {
    history: async () => {
      throw new ApiError("network", "Cannot reach the ChatML server. Check the connection; this page retries when it is back.", 0);
    },
    conversation: () => new Promise(() => {}),
  },
}));
vi.mock("../../stores/socket-sync.ts", () => ({ watchConversation: (id: string) => (watched.ids.push(id), () => {}) }));

isolateDomTests();
beforeEach(() => {
  watched.ids.length = 0;
});

describe("useConversation's load error", () => {
  it("goes once the socket has caught up with the conversation after the newest page failed", async () => {
    const id = "cnv_pagefail1" as ConversationId;
    const { result } = renderHook(() => useConversation(id));
    await vi.waitFor(() => expect(result.current.loadError).toMatch(/Cannot reach the ChatML server/));
    // Not found is the only failure with nothing to watch: a network failure still subscribes.
    expect(watched.ids).toContain(id);

    act(() => useViewStore.getState().markReplayed(id));
    expect(result.current.loadError).toBeNull();
  });

  it("stays while the socket has not caught up since the failure, even when it had before", async () => {
    const id = "cnv_pagefail2" as ConversationId;
    useViewStore.getState().markReplayed(id);
    const { result } = renderHook(() => useConversation(id));
    await vi.waitFor(() => expect(result.current.loadError).toMatch(/Cannot reach the ChatML server/));
  });
});
