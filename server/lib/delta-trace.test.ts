import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeltaTrace, deltaTrace, type DeltaTraceDump } from "./delta-trace.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function traceFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "delta-trace-"));
  dirs.push(dir);
  return join(dir, "trace.jsonl");
}

const dumps = (file: string) => readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as DeltaTraceDump);
const cliDelta = (stamps: string) => JSON.stringify({ type: "stream_event", event: { type: "content_block_delta", delta: { type: "text_delta", text: stamps } } });

describe("DeltaTrace", () => {
  it("is off unless CHATML_DELTA_TRACE names a file", () => {
    expect(process.env.CHATML_DELTA_TRACE).toBeUndefined();
    expect(deltaTrace).toBeNull();
  });

  it("notes when each stamped delta was read and handed to a socket, with the socket's buffer and ws.send's answer", () => {
    const file = traceFile();
    const trace = new DeltaTrace(file);
    trace.read(cliDelta("1765000000000.125:0|....1765000000001.500:1|"));
    // The assistant line repeats the stamps later: the first read counts.
    trace.read(JSON.stringify({ type: "assistant", message: { content: [{ type: "text_delta", text: "1765000000000.125:0|" }] } }));
    trace.sent(JSON.stringify({ type: "delta", conversationId: "cnv_1", event: { type: "message.part.delta", delta: "1765000000000.125:0|1765000000001.500:1|" } }), 512, -1);
    trace.dump();
    const [dump] = dumps(file);
    expect(Object.keys(dump!.reads)).toEqual(["1765000000000.125:0", "1765000000001.500:1"]);
    expect(dump!.reads["1765000000000.125:0"]).toBe(dump!.reads["1765000000001.500:1"]);
    expect(dump!.sends["1765000000001.500:1"]!.slice(1)).toEqual([512, -1]);
    expect(dump!.sends["1765000000001.500:1"]![0]).toBeGreaterThanOrEqual(dump!.reads["1765000000001.500:1"]!);
  });

  it("names other frames, marks and timed work, a task inside another marked as such, and starts afresh after a dump", () => {
    const file = traceFile();
    const trace = new DeltaTrace(file);
    trace.mark("http POST /api/conversations/:id/messages");
    const answer = trace.time("cli chunk", () => trace.time("commit", () => 42));
    trace.sent(JSON.stringify({ type: "event", conversationId: "cnv_1", seq: 3, at: 1, event: { type: "turn.started" } }), 0, 10);
    trace.dump();
    trace.dump();
    const [first, second] = dumps(file);
    expect(answer).toBe(42);
    expect(first!.tasks.map(([, what]) => what)).toEqual(["http POST /api/conversations/:id/messages", "↳ commit", "cli chunk", "frame event turn.started"]);
    expect(first!.tasks.every(([at, , ms, cpu]) => at > 0 && ms >= 0 && cpu >= 0)).toBe(true);
    expect(second).toEqual({ reads: {}, sends: {}, tasks: [], gaps: [], cpu: [] });
  });

  it("notes an event-loop gap longer than 2 ms with the CPU the process used in it", async () => {
    const file = traceFile();
    const trace = new DeltaTrace(file);
    const stop = trace.watchLoop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const busyUntil = performance.now() + 30;
    while (performance.now() < busyUntil);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    trace.dump();
    const longest = dumps(file)[0]!.gaps.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0, 0]);
    expect(longest[1]).toBeGreaterThanOrEqual(30);
    expect(longest[2]).toBeGreaterThan(0);
    const cpu = dumps(file)[0]!.cpu;
    expect(cpu.length).toBeGreaterThan(1);
    expect(cpu.at(-1)![1] - cpu[0]![1]).toBeGreaterThanOrEqual(longest[2]);
  });
});
