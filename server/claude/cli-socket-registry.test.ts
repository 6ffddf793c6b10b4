import { describe, expect, it } from "vitest";
import { CliSocketRegistry, type CliSocket, type CliSocketHandler } from "./cli-socket-registry.ts";

/** A recording socket; `isDropping` makes send report a dropped frame like Bun does on a closing socket. */
class TestSocket implements CliSocket {
  sent: string[] = [];
  closes: Array<number | undefined> = [];
  isDropping = false;
  send(data: string): number {
    if (this.isDropping) return 0;
    this.sent.push(data);
    return data.length;
  }
  close(code?: number): void {
    this.closes.push(code);
  }
}

function setup() {
  const registry = new CliSocketRegistry();
  const events: string[] = [];
  const handler: CliSocketHandler = {
    onAttach: () => events.push("attach"),
    onFrame: (data) => events.push(`frame:${String(data)}`),
    onDetach: (code) => events.push(`detach:${code}`),
  };
  const { secret } = registry.expect("k1", handler);
  return { registry, events, secret };
}

describe("CliSocketRegistry", () => {
  it("authorizes only a known key with its own secret", () => {
    const { registry, secret } = setup();
    expect(registry.authorize("k1", `Bearer ${secret}`)).toBe(true);
    expect(registry.authorize("k1", `Bearer ${secret}x`)).toBe(false);
    expect(registry.authorize("k1", secret)).toBe(false);
    expect(registry.authorize("k1", null)).toBe(false);
    expect(registry.authorize("other", `Bearer ${secret}`)).toBe(false);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a second registration of the same key", () => {
    const { registry } = setup();
    expect(() => registry.expect("k1", { onAttach() {}, onFrame() {}, onDetach() {} })).toThrow(/already/);
  });

  it("queues sends until a socket attaches, then flushes in order", () => {
    const { registry, events } = setup();
    expect(registry.send("k1", "a\n")).toBe(true);
    expect(registry.send("k1", "b\n")).toBe(true);
    const socket = new TestSocket();
    expect(registry.onOpen("k1", socket)).toBe(true);
    expect(socket.sent).toEqual(["a\n", "b\n"]);
    expect(events).toEqual(["attach"]);
    expect(registry.isAttached("k1")).toBe(true);
  });

  it("replaces the socket on reconnect and ignores the old one", () => {
    const { registry, events } = setup();
    const first = new TestSocket();
    const second = new TestSocket();
    registry.onOpen("k1", first);
    registry.onOpen("k1", second);
    expect(first.closes).toEqual([1000]);
    registry.onMessage("k1", first, "stale");
    registry.onClose("k1", first, 1006);
    registry.onMessage("k1", second, "fresh");
    expect(events).toEqual(["attach", "attach", "frame:fresh"]);
    registry.onClose("k1", second, 1006);
    expect(events.at(-1)).toBe("detach:1006");
    expect(registry.isAttached("k1")).toBe(false);
  });

  it("re-queues a frame the socket dropped and delivers it on the next attach", () => {
    const { registry } = setup();
    const dying = new TestSocket();
    registry.onOpen("k1", dying);
    dying.isDropping = true;
    registry.send("k1", "lost?\n");
    registry.onClose("k1", dying, 1006);
    const next = new TestSocket();
    registry.onOpen("k1", next);
    expect(next.sent).toEqual(["lost?\n"]);
  });

  it("close() sends 4001 now and to any later attach, and refuses sends", () => {
    const { registry } = setup();
    const socket = new TestSocket();
    registry.onOpen("k1", socket);
    registry.close("k1");
    expect(socket.closes).toEqual([4001]);
    expect(registry.send("k1", "x\n")).toBe(false);
    const late = new TestSocket();
    expect(registry.onOpen("k1", late)).toBe(false);
    expect(late.closes).toEqual([4001]);
  });

  it("release() forgets the key", () => {
    const { registry, secret } = setup();
    const socket = new TestSocket();
    registry.onOpen("k1", socket);
    registry.release("k1");
    expect(socket.closes).toEqual([4001]);
    expect(registry.authorize("k1", `Bearer ${secret}`)).toBe(false);
    expect(registry.send("k1", "x\n")).toBe(false);
    const stray = new TestSocket();
    expect(registry.onOpen("unknown", stray)).toBe(false);
    expect(stray.closes).toEqual([4001]);
  });
});
