// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadWireSchemas } from "./load-wire-schemas.ts";
import { ChatSocket, type SocketStatus } from "./socket.ts";

/** A WebSocket the test drives: it opens, fails or closes when told. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static made: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(): void {}
  close(): void {
    this.readyState = FakeSocket.CLOSED;
  }
  /** Refused before it began (as Chromium does for an address the page's policy forbids): an error, no close. */
  refuse(): void {
    this.readyState = FakeSocket.CLOSED;
    this.onerror?.();
  }
  /** Failed the usual way: an error, then a close. */
  fail(): void {
    this.readyState = FakeSocket.CLOSED;
    this.onerror?.();
    this.onclose?.(new CloseEvent("close", { code: 1006 }));
  }
}

let statuses: SocketStatus[];
let details: (string | null)[];
let refusals: number;
let socket: ChatSocket;
beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
  vi.stubGlobal("WebSocket", FakeSocket);
  statuses = [];
  details = [];
  refusals = 0;
  const onStatus = (status: SocketStatus, detail: string | null) => (statuses.push(status), details.push(detail));
  socket = new ChatSocket({ url: "ws://127.0.0.1:1/ws", getAfterSeq: () => 0, onFrame: () => {}, onStatus, onRefused: () => (refusals += 1) });
  socket.start();
});
afterEach(() => {
  socket.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("ChatSocket's reconnects", () => {
  it("tries again after an attempt refused with an error and no close event", () => {
    FakeSocket.made[0]?.refuse();
    expect(statuses.at(-1)).toBe("closed");
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it("tries again once, not twice, after an attempt that fails with an error and a close", () => {
    FakeSocket.made[0]?.fail();
    // The banner's words: not "code 1006".
    expect(details.at(-1)).toBe("the connection to ChatML was lost");
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.made).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it("gives up an attempt that neither opens nor fails, and tries again", () => {
    const stuck = FakeSocket.made[0];
    vi.advanceTimersByTime(14_000);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(stuck?.readyState).toBe(FakeSocket.CLOSED);
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it("says when an attempt ends before it opened (a refused upgrade: a signed-out device), not when an open socket drops", () => {
    FakeSocket.made[0]?.fail();
    expect(refusals).toBe(1);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.made[1];
    if (!second) throw new Error("no second attempt");
    second.readyState = FakeSocket.OPEN;
    second.onopen?.();
    second.fail();
    expect(refusals).toBe(1);
    expect(statuses.at(-1)).toBe("closed");
  });
});

describe("ChatSocket when the device goes offline", () => {
  it("says so at once, closing the open socket a heartbeat would take 30 s to find dead, and reconnects once online", () => {
    const ws = FakeSocket.made.at(-1)!;
    ws.readyState = FakeSocket.OPEN;
    ws.onopen?.();
    expect(statuses.at(-1)).toBe("open");
    const offline = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    window.dispatchEvent(new Event("offline"));
    expect([statuses.at(-1), details.at(-1)]).toEqual(["closed", "this device is offline"]);
    expect(ws.readyState).toBe(FakeSocket.CLOSED);
    // A try made while still offline fails as a lost connection: the banner keeps the reason it knows.
    vi.advanceTimersByTime(1_000);
    FakeSocket.made.at(-1)!.fail();
    expect(details.at(-1)).toBe("this device is offline");
    offline.mockRestore();
    const tries = FakeSocket.made.length;
    window.dispatchEvent(new Event("online"));
    expect(FakeSocket.made.length).toBe(tries + 1);
  });
});

describe("ChatSocket back from a short loss of network", () => {
  it("says the server is reachable again when the socket that stayed open answers the check made on waking", async () => {
    await loadWireSchemas();
    // Only this test's own wake counts: jsdom fires the page's `pageshow` once its load task runs, which on a loaded
    // machine can come during this test; a hidden page ignores such events (reconnectNow below is called directly).
    const hidden = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    let reached = 0;
    const watched = new ChatSocket({ url: "ws://127.0.0.1:1/ws", getAfterSeq: () => 0, onFrame: () => {}, onStatus: () => {}, onReached: () => (reached += 1) });
    watched.start();
    const ws = FakeSocket.made.at(-1)!;
    ws.readyState = FakeSocket.OPEN;
    ws.onopen?.();
    const pong = async () => {
      ws.onmessage?.(new MessageEvent("message", { data: JSON.stringify({ type: "pong", t: 1 }) }));
      await vi.advanceTimersByTimeAsync(0);
    };
    // The everyday heartbeat's pong says nothing new.
    await pong();
    expect(reached).toBe(0);
    // Back online: the socket never closed (no reopen to count), and the server answers the wake's ping.
    watched.reconnectNow();
    await pong();
    expect(reached).toBe(1);
    await pong();
    expect(reached).toBe(1);
    watched.stop();
    hidden.mockRestore();
  });
});
