// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../../shared/index.ts";
import { ApiError } from "../../../lib/http.ts";
import { useBudgetStore } from "../../../stores/budget-store.ts";
import { useConnectionStore } from "../../../stores/connection-store.ts";
import { isolateDomTests } from "../../../test-support/dom-tests.ts";
import { useSteering } from "./use-steering.ts";

const calls = vi.hoisted(() => ({ sendError: null as unknown }));
vi.mock("../../../lib/api.ts", () => ({
  api: {
    sendMessage: async () => {
      if (calls.sendError) throw calls.sendError;
    },
    interrupt: async () => undefined,
  },
}));
vi.mock("../../../lib/queue-api.ts", () => ({ queueApi: { get: async () => ({ conversationId: "cnv_steer", items: [] }), enqueue: async () => ({ conversationId: "cnv_steer", items: [] }) } }));

isolateDomTests();
beforeEach(() => {
  calls.sendError = null;
  useConnectionStore.setState({ socket: "open" });
});

const id = "cnv_steer" as ConversationId;

describe("useSteering's error after a failed send", () => {
  it("goes once the socket is open again when the server was stopping, as when it could not be reached", async () => {
    for (const error of [new ApiError("server_stopping", "ChatML is stopping, so it did not start this: try again once it has restarted.", 503), new ApiError("network", "ChatML could not be reached.", 0)]) {
      calls.sendError = error;
      const { result } = renderHook(() => useSteering(id));
      await act(async () => void (await result.current.send("fix the parser", [])));
      expect(result.current.error).toBe(error.message);
      await act(async () => useConnectionStore.setState({ socket: "closed" }));
      await act(async () => useConnectionStore.setState({ socket: "open" }));
      expect(result.current.error).toBeNull();
    }
  });

  it("stays when the server refused the message itself", async () => {
    calls.sendError = new ApiError("bad_request", "Text must be at most 500000 characters.", 400);
    const { result } = renderHook(() => useSteering(id));
    await act(async () => void (await result.current.send("x", [])));
    await act(async () => useConnectionStore.setState({ socket: "closed" }));
    await act(async () => useConnectionStore.setState({ socket: "open" }));
    expect(result.current.error).toBe("Text must be at most 500000 characters.");
  });

  it("puts a budget the refusal carries into the budget store, whose notice says it, instead of an error under the box", async () => {
    const budgeted = "cnv_steerbudget01" as ConversationId;
    const budget = { conversationId: budgeted, limits: { maxCostUsd: 0.05, maxTurns: null, maxThinkingTokens: null }, isOwn: true, totals: { costUsd: 0.06, turns: 1, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, contextTokens: null, runs: 1, unpricedRuns: 0 }, exhausted: "cost" };
    calls.sendError = new ApiError("conflict", "The cost budget of $0.05 is used up ($0.06 spent). Raise it in Session controls to continue.", 409, { budget });
    const { result } = renderHook(() => useSteering(budgeted));
    let isSent = true;
    await act(async () => void (isSent = await result.current.send("go on", [])));
    expect(isSent).toBe(false);
    expect(result.current.error).toBeNull();
    expect(useBudgetStore.getState().byConversation[budgeted]?.exhausted).toBe("cost");
  });
});
