// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { isNewBuildServed } from "../pwa/shell-freshness.ts";
import { PhoneNetworkBanner, RemoteBar, UpdateBanner } from "./remote-bar.tsx";

isolateDomTests();
afterEach(() => {
  document.head.querySelectorAll("script").forEach((s) => s.remove());
  useConnectionStore.setState({ updateAvailable: null });
});

/** The page runs the build whose entry is `entry`; the server's index page names `served`. */
function runBuild(entry: string, served: string) {
  const script = document.createElement("script");
  script.type = "module";
  script.setAttribute("src", entry);
  document.head.append(script);
  const fetch = vi.fn(async () => new Response(`<!doctype html><head><script type="module" crossorigin src="${served}"></script></head>`, { headers: { "content-type": "text/html" } }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("RemoteBar", () => {
  it("offers the update when the server serves a new build of the same version", async () => {
    const fetch = runBuild("/assets/index-old11.js", "/assets/index-new22.js");
    render(
      <>
        <RemoteBar />
        <UpdateBanner />
      </>,
    );
    expect(await screen.findByText("A new build of ChatML is running on the server.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reload to update" })).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith("/", expect.objectContaining({ cache: "no-store" }));
  });

  it("words the server's offer as it stands to this page: newer, older (a downgrade was 'a newer ChatML'), or rebuilt", () => {
    useConnectionStore.setState({ updateAvailable: { serverVersion: "0.9.0", change: "older" } });
    const banner = render(<UpdateBanner />);
    expect(screen.getByTestId("update-available").textContent).toContain("An older ChatML (0.9.0) is running on the server.");
    act(() => useConnectionStore.setState({ updateAvailable: { serverVersion: "1.1.0", change: "newer" } }));
    expect(screen.getByTestId("update-available").textContent).toContain("A newer ChatML (1.1.0) is running on the server.");
    expect(screen.getByRole("button", { name: "Reload to update" })).toBeTruthy();
    banner.unmount();
  });

  it("sees no new build while the page runs the one the server serves, or in development", async () => {
    runBuild("/assets/index-same33.js", "/assets/index-same33.js");
    expect(await isNewBuildServed()).toBe(false);
    document.head.querySelectorAll("script").forEach((s) => s.remove());
    const fetch = runBuild("/src/main.tsx", "/assets/index-new22.js");
    expect(await isNewBuildServed()).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("PhoneNetworkBanner", () => {
  it("tells a phone the server is reachable from the network until acknowledged, not only in the drawer it may never open", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }));
    const network = { isNetworkReachable: true, lanUrls: ["http://192.0.2.2:3730"], publicUrl: null, isHttps: false, howToReach: null };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ network })));
    const first = render(<PhoneNetworkBanner />);
    expect((await screen.findByTestId("network-banner")).textContent).toBe("Reachable from the network at http://192.0.2.2:3730 (plain HTTP)");
    expect(screen.getByRole("button", { name: "Devices" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Got it, hide the network notice" }));
    expect(screen.queryByTestId("network-banner")).toBeNull();
    first.unmount();
    render(<PhoneNetworkBanner />);
    await act(() => Promise.resolve()); // the network facts are in again
    expect(screen.queryByTestId("network-banner")).toBeNull();
  });
});
