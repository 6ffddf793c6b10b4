import { describe, expect, it } from "vitest";
import { CorkedSends, type CorkableSocket } from "./corked-sends.ts";

/** A socket that records its writes: each uncorked send is a write; a cork's sends are one write together. */
class RecordingSocket implements CorkableSocket {
  writes: string[][] = [];
  closed: { code?: number; reason?: string } | null = null;
  buffered = 0;
  private corked: string[] | null = null;

  send(text: string): number {
    if (this.corked) this.corked.push(text);
    else this.writes.push([text]);
    return text.length;
  }

  cork<T>(callback: () => T): T {
    this.corked = [];
    try {
      return callback();
    } finally {
      this.writes.push(this.corked);
      this.corked = null;
    }
  }

  getBufferedAmount(): number {
    return this.buffered;
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("CorkedSends", () => {
  it("writes the frames one task sends to a socket in one corked write, in order, before the loop goes on", async () => {
    const sends = new CorkedSends<RecordingSocket>(1024);
    const a = new RecordingSocket();
    const b = new RecordingSocket();
    sends.send(a, "1");
    sends.send(b, "x");
    sends.send(a, "2");
    sends.send(a, "3");
    expect(a.writes).toEqual([]); // not yet: at the end of this task
    await Promise.resolve();
    expect(a.writes).toEqual([["1", "2", "3"]]);
    expect(b.writes).toEqual([["x"]]);
  });

  it("starts a new write for what a later task sends", async () => {
    const sends = new CorkedSends<RecordingSocket>(1024);
    const ws = new RecordingSocket();
    sends.send(ws, "1");
    await tick();
    sends.send(ws, "2");
    sends.send(ws, "3");
    await tick();
    expect(ws.writes).toEqual([["1"], ["2", "3"]]);
  });

  it("writes a socket's queue before closing it, so an error frame reaches the page before the close", async () => {
    const sends = new CorkedSends<RecordingSocket>(1024);
    const ws = new RecordingSocket();
    sends.send(ws, "error");
    sends.close(ws, 4000, "protocol mismatch");
    expect(ws.writes).toEqual([["error"]]);
    expect(ws.closed).toEqual({ code: 4000, reason: "protocol mismatch" });
    await tick();
    expect(ws.writes).toEqual([["error"]]); // nothing written twice
  });

  it("closes a socket too far behind (1013) instead of writing to it", async () => {
    const seen: number[] = [];
    const sends = new CorkedSends<RecordingSocket>(1024, (_text, buffered) => seen.push(buffered));
    const ws = new RecordingSocket();
    ws.buffered = 2048;
    sends.send(ws, "1");
    sends.send(ws, "2");
    await tick();
    expect(ws.writes).toEqual([]);
    expect(ws.closed?.code).toBe(1013);
    expect(seen).toEqual([]);
  });
});
