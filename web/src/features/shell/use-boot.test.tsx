// @vitest-environment jsdom
import { renderHook, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { useBoot } from "./use-boot.ts";

isolateDomTests();

const SETTINGS = { transport: "auto", claudeBin: null, jobConcurrency: 2, cliSleepAfterMinutes: 10, defaultConversationMode: "chat", promptSuggestions: false, aiTitles: true, aiSummaries: true };

/**
 * A server whose CLI facts (`/api/info`: `claude --version` and `claude auth status` on its first ask) have not come
 * yet; `settingsStatus` is what `/api/settings` answers. Every path asked is recorded.
 */
function serverStillCheckingCli(settingsStatus: 200 | 401) {
  const asked: string[] = [];
  const fetch = vi.fn((input: RequestInfo | URL) => {
    const path = new URL(String(input), "http://chatml.test").pathname;
    asked.push(path);
    if (path === "/api/info") return new Promise<Response>(() => undefined);
    if (path === "/api/settings") {
      return Promise.resolve(settingsStatus === 200 ? jsonResponse({ settings: SETTINGS }) : jsonResponse({ error: { code: "unauthorized", message: "Sign in again." } }, 401));
    }
    return Promise.resolve(jsonResponse({ error: { code: "not_found", message: `no ${path}` } }, 404));
  });
  vi.stubGlobal("fetch", fetch);
  return asked;
}

beforeEach(() => useConnectionStore.setState({ auth: "unknown" }));

describe("useBoot", () => {
  it("shows the app once the sign-in is checked, while the server is still asking the CLI about itself", async () => {
    const asked = serverStillCheckingCli(200);
    renderHook(() => useBoot());
    await waitFor(() => expect(useConnectionStore.getState().auth).toBe("ok"));
    expect(asked).not.toContain("/api/info");
  });

  it("shows the sign-in screen when the check is refused", async () => {
    serverStillCheckingCli(401);
    renderHook(() => useBoot());
    await waitFor(() => expect(useConnectionStore.getState().auth).toBe("unauthorized"));
  });
});
