import { describe, expect, it } from "vitest";
import { MAX_FRAMES_PER_LOOP_TURN, MAX_RUN_FRAMES, TickBatch } from "./sdk-url-transport.ts";

describe("TickBatch (sdk-url: one batch per turn of the event loop)", () => {
  it("ends once for every frame delivered in the same turn, and again for a later turn", async () => {
    let ends = 0;
    const batch = new TickBatch(() => ends++);
    batch.add();
    batch.add();
    batch.add();
    expect(ends).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toBe(1);
    batch.add();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toBe(2);
  });

  it("ends a pending batch at once when asked (before an exit), and not a second time", async () => {
    const seen: string[] = [];
    const batch = new TickBatch(() => seen.push("batch end"));
    batch.add();
    batch.endNow();
    seen.push("exit");
    batch.endNow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(["batch end", "exit"]);
  });

  it("ends the other pending batches after MAX_FRAMES_PER_LOOP_TURN frames of any CLI in one turn, not only when the turn ends", async () => {
    // A loop that fell behind: frames of three CLIs interleaved, far more than the cap, all in one turn.
    const clis = watchedBatches(3);
    for (let frame = 0; frame < 2 * MAX_FRAMES_PER_LOOP_TURN + 3; frame++) clis.deliver(frame % 3);
    expect(clis.ends.every((count) => count >= 1)).toBe(true);
    expect(clis.linesWaiting()).toBeGreaterThan(0);
    await new Promise((resolve) => setImmediate(resolve));
    // The frames after the last cap still end with the turn.
    expect(clis.linesWaiting()).toBe(0);
    expect(clis.longestWait()).toBeLessThanOrEqual(MAX_FRAMES_PER_LOOP_TURN);
  });

  it("ends the batch being read after MAX_RUN_FRAMES frames of its own (one CLI's burst)", async () => {
    const cli = watchedBatches(1);
    for (let frame = 0; frame < 2 * MAX_RUN_FRAMES + 3; frame++) cli.deliver(0);
    expect(cli.ends).toEqual([2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cli.ends).toEqual([3]);
  });

  it("keeps a CLI's run of frames one batch and ends it at the next CLI's first frame (a burst, ADR 0244)", async () => {
    // A burst over --sdk-url: Bun hands on each socket's ready frames one after another, so 20 CLIs writing as fast as
    // they can arrive as runs of ~250 frames each. Cut every 16 frames of any CLI, each run was 7–16 batches: a browser
    // frame and a flush per 16 deltas, what sdk-url's burst spent beyond stdio's (bench/burst-turns.ts).
    const run = 100;
    expect(MAX_RUN_FRAMES).toBeGreaterThan(run);
    const clis = watchedBatches(20);
    for (let cli = 0; cli < 20; cli++) {
      for (let line = 0; line < run; line++) {
        clis.deliver(cli);
        // The previous run is one batch, ended by this CLI's first frame, not by the end of the loop turn.
        if (line === 0 && cli > 0) expect(clis.ends[cli - 1]).toBe(1);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(clis.ends).toEqual(clis.ends.map(() => 1));
    expect(clis.longestWait()).toBe(run + 1);
  });

  it("keeps a CLI's read of five lines one batch when the cap falls inside it, and hands every line on within the cap", async () => {
    // A turn's end over --sdk-url: each of 20 CLIs writes its last five lines (block stop, message delta and stop,
    // the assistant message, the result) and the loop reads them together. A batch cut inside a read was two commits
    // of that conversation (2.3–2.5 transactions a send over --sdk-url against stdio's 1.5–1.7, bench/send-statements.ts).
    const clis = watchedBatches(20);
    for (let cli = 0; cli < 20; cli++) for (let line = 0; line < 5; line++) clis.deliver(cli);
    await new Promise((resolve) => setImmediate(resolve));
    expect(clis.ends).toEqual(clis.ends.map(() => 1));
    expect(clis.longestWait()).toBeLessThanOrEqual(MAX_FRAMES_PER_LOOP_TURN);
  });

  it("hands a line on within 16 frames of any CLI when 20 CLIs' frames arrive together (ADR 0212)", async () => {
    // Issue 16's turn start over --sdk-url: a loop behind by a few ms finds frames of all 20 CLIs ready; a line waits
    // for the frames handled after it in its turn, ~3–13 ms at 64 (the top 1 %'s median, measured), where stdio hands
    // each read on at once.
    let framesUntilFirstEnd: number | null = null;
    let frames = 0;
    const batches = Array.from({ length: 20 }, () => new TickBatch(() => (framesUntilFirstEnd ??= frames)));
    for (; frames < 200; ) batches[frames++ % 20]!.add();
    expect(framesUntilFirstEnd).not.toBeNull();
    expect(framesUntilFirstEnd!).toBeLessThanOrEqual(16);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("counts a turn's frames afresh once its batches ended", async () => {
    let ends = 0;
    const batch = new TickBatch(() => ends++);
    for (let frame = 0; frame < MAX_FRAMES_PER_LOOP_TURN - 1; frame++) batch.add();
    await new Promise((resolve) => setImmediate(resolve));
    for (let frame = 0; frame < MAX_FRAMES_PER_LOOP_TURN - 1; frame++) batch.add();
    expect(ends).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toBe(2);
  });
});

/** `count` CLIs' batches: how often each ended, the most frames any line waited for (its own and those after it) until its batch ended, and the lines in no ended batch yet. */
function watchedBatches(count: number): { deliver: (cli: number) => void; ends: number[]; longestWait: () => number; linesWaiting: () => number } {
  const waiting: number[][] = Array.from({ length: count }, () => []);
  const ends = waiting.map(() => 0);
  let frames = 0;
  let longest = 0;
  const batches = waiting.map((_, cli) => new TickBatch(() => {
    ends[cli]!++;
    for (const at of waiting[cli]!) longest = Math.max(longest, frames - at);
    waiting[cli] = [];
  }));
  const deliver = (cli: number) => {
    waiting[cli]!.push(frames++);
    batches[cli]!.add();
  };
  return { deliver, ends, longestWait: () => longest, linesWaiting: () => waiting.flat().length };
}
