// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { runBuild } from "../../test-support/page-builds.ts";
import { offerReloadIfReplaced } from "./replaced-build.ts";

isolateDomTests();
beforeEach(() => useConnectionStore.setState({ updateAvailable: null }));
afterEach(() => document.head.querySelectorAll("script").forEach((s) => s.remove()));

describe("a page whose chunk did not load", () => {
  it("offers the reload when the server serves another build, asking it past every cache", async () => {
    const fetch = runBuild("/assets/index-old11.js", "/assets/index-new22.js");
    expect(await offerReloadIfReplaced()).toBe(true);
    expect(fetch).toHaveBeenCalledWith("/", expect.objectContaining({ cache: "no-store" }));
    expect(useConnectionStore.getState().updateAvailable).toEqual({ serverVersion: null, change: "stale" });
    // Asked again (the socket's next frame), the offer stands without asking the server again.
    expect(await offerReloadIfReplaced()).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("offers nothing when the server serves the page's build (a blip: the chunk is tried again) or cannot be reached", async () => {
    runBuild("/assets/index-old11.js", "/assets/index-old11.js");
    expect(await offerReloadIfReplaced()).toBe(false);
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    expect(await offerReloadIfReplaced()).toBe(false);
    expect(useConnectionStore.getState().updateAvailable).toBeNull();
  });
});
