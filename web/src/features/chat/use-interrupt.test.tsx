// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { ApiError } from "../../lib/http.ts";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { useInterrupt } from "./use-interrupt.ts";

const calls = vi.hoisted(() => ({ interruptError: null as unknown }));
vi.mock("../../lib/api.ts", () => ({
  api: {
    interrupt: async () => {
      if (calls.interruptError) throw calls.interruptError;
    },
  },
}));

isolateDomTests();
beforeEach(() => {
  calls.interruptError = null;
  useConnectionStore.setState({ socket: "open" });
});

const id = "cnv_stop" as ConversationId;
const unreachable = new ApiError("network", "Cannot reach the ChatML server.", 0);

/*
 * Stop pressed while the server was down (a restart, a lost network): the error said it could not be reached, and still
 * said so, under the composer, after the page had reconnected and the turn had long ended.
 */
describe("a Stop that did not reach the server", () => {
  it("says so until the socket is open again", async () => {
    calls.interruptError = unreachable;
    const { result } = renderHook(() => useInterrupt(id, true));
    await act(async () => useConnectionStore.setState({ socket: "closed" }));
    await act(() => result.current.interrupt());
    expect(result.current.error).toBe(unreachable.message);
    await act(async () => useConnectionStore.setState({ socket: "open" }));
    expect(result.current.error).toBeNull();
  });

  it("is forgotten once nothing runs, and a refusal stays while the turn does", async () => {
    calls.interruptError = new ApiError("conflict", "Nothing to stop.", 409);
    const { result, rerender } = renderHook(({ isRunning }) => useInterrupt(id, isRunning), { initialProps: { isRunning: true } });
    await act(() => result.current.interrupt());
    await act(async () => useConnectionStore.setState({ socket: "closed" }));
    await act(async () => useConnectionStore.setState({ socket: "open" }));
    expect(result.current.error).toBe("Nothing to stop.");
    rerender({ isRunning: false });
    expect(result.current.error).toBeNull();
  });
});
