// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PROTOCOL_VERSION } from "../../../../shared/protocol/version.ts";
import { loadWireSchemas } from "../../lib/load-wire-schemas.ts";
import { APP_VERSION, ChatSocket } from "../../lib/socket.ts";
import { useConnectionStore, type UpdateOffer } from "../../stores/connection-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { runBuild } from "../../test-support/page-builds.ts";
import { PhoneNetworkBanner, RemoteBar, RemoteStrip, UpdateBanner } from "./remote-bar.tsx";
import { useUiStore } from "../../stores/ui-store.ts";
import type { ConversationId } from "../../../../shared/index.ts";

isolateDomTests();
let socket: ChatSocket | null = null;
let stopRecording = () => {};
afterEach(() => {
  stopRecording();
  socket?.stop();
  socket = null;
  document.head.querySelectorAll("script").forEach((s) => s.remove());
  useConnectionStore.setState({ updateAvailable: null });
});

/** A WebSocket whose frames the test sends, under the app's real socket client (so its frame listeners hear them). */
class ServerSide {
  static OPEN = 1;
  static CONNECTING = 0;
  static CLOSED = 3;
  static last: ServerSide | null = null;
  readyState = ServerSide.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    ServerSide.last = this;
  }
  send(): void {}
  close(): void {
    this.readyState = ServerSide.CLOSED;
  }
}

/** Connects the app's socket and has the server answer its hello with `frames` (once the page holds the frame schema, as at boot). */
async function serverAnswers(...frames: object[]) {
  await loadWireSchemas();
  vi.stubGlobal("WebSocket", ServerSide);
  socket = new ChatSocket({ url: "ws://chatml.test/ws", getAfterSeq: () => 0, onFrame: () => {}, onStatus: () => {}, onRefused: () => {} });
  socket.start();
  const ws = ServerSide.last!;
  ws.readyState = ServerSide.OPEN;
  act(() => {
    ws.onopen?.();
    for (const frame of frames) ws.onmessage?.(new MessageEvent("message", { data: JSON.stringify(frame) }));
  });
}

/** Every offer the banner is given, in order (each is an announcement: the status line changes or is said again). */
function recordOffers(): UpdateOffer[] {
  const offers: UpdateOffer[] = [];
  stopRecording = useConnectionStore.subscribe((state, before) => {
    if (state.updateAvailable && state.updateAvailable !== before.updateAvailable) offers.push(state.updateAvailable);
  });
  return offers;
}

/** Lets whatever the page started at its start (reads, checks) finish before the server answers. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** A page whose shell is of an older build than the server serves, with the bar and the banner, settled. */
async function staleShellPage(): Promise<UpdateOffer[]> {
  runBuild("/assets/index-old11.js", "/assets/index-new22.js");
  const offers = recordOffers();
  render(
    <>
      <RemoteBar />
      <UpdateBanner />
    </>,
  );
  await settle();
  return offers;
}

describe("RemoteBar", () => {
  it("announces a page running a stale shell (a new build of the same version) once: the server's offer alone", async () => {
    const offers = await staleShellPage();
    await serverAnswers({ type: "welcome", protocol: PROTOCOL_VERSION, serverVersion: APP_VERSION }, { type: "update_available", serverVersion: APP_VERSION, appVersion: APP_VERSION, change: "rebuilt" });
    await settle();
    expect(offers).toEqual([{ serverVersion: APP_VERSION, change: "rebuilt" }]);
    expect(screen.getByTestId("update-available").textContent).toBe("A new build of ChatML is running on the server.Reload to update");
  });

  it("announces a newer server once, naming its version (the page's own check said 'a new build' first)", async () => {
    const offers = await staleShellPage();
    await serverAnswers({ type: "welcome", protocol: PROTOCOL_VERSION, serverVersion: "99.0.0" }, { type: "update_available", serverVersion: "99.0.0", appVersion: APP_VERSION, change: "newer" });
    await settle();
    expect(offers).toEqual([{ serverVersion: "99.0.0", change: "newer" }]);
    expect(screen.getByTestId("update-available").textContent).toBe("A newer ChatML (99.0.0) is running on the server.Reload to update");
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

describe("RemoteStrip", () => {
  it("says who was here, no more, while the connection is lost, and who is here again once it opens", async () => {
    const id = "cnv_presence00001" as ConversationId;
    const network = { isNetworkReachable: false, lanUrls: [], publicUrl: null, isHttps: false, howToReach: null };
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ network })));
    act(() => {
      useUiStore.getState().select(id);
      useConnectionStore.getState().setSocket("open", null);
      useConnectionStore.getState().setPresence(id, [{ id: "dev_pixel", name: "Pixel", kind: "device" }, { id: "dev_mac", name: "MacBook", kind: "device" }]);
    });
    render(<RemoteStrip />);
    await act(() => Promise.resolve()); // the network facts are in
    expect(screen.getByTestId("presence").textContent).toBe("2 devices here: Pixel, MacBook");

    act(() => useConnectionStore.getState().setSocket("closed", "server gone"));
    expect(screen.getByTestId("presence").textContent).toBe("Last known: 2 devices here: Pixel, MacBook");
    expect(screen.getByTestId("presence").dataset.lastKnown).toBe("true");

    act(() => useConnectionStore.getState().setSocket("open", null));
    expect(screen.getByTestId("presence").textContent).toBe("2 devices here: Pixel, MacBook");
  });
});
