import { describe, expect, it } from "vitest";
import type { ConversationId, EphemeralEvent } from "../../../shared/index.ts";
import { textDelta } from "../protocol/test-fixtures.ts";
import { DeltaBatcher } from "./delta-batcher.ts";

const A = "cnv_a" as ConversationId;
const B = "cnv_b" as ConversationId;

function harness() {
  const applied: Array<[ConversationId, EphemeralEvent[]]> = [];
  const frames: Array<() => void> = [];
  const batcher = new DeltaBatcher((id, events) => applied.push([id, events]), (flush) => frames.push(flush));
  return { applied, frames, batcher };
}

describe("DeltaBatcher", () => {
  it("applies a frame's deltas once per conversation, folded into one delta per part", () => {
    const { applied, frames, batcher } = harness();
    for (const piece of ["Hel", "lo", " world"]) batcher.push(A, textDelta("m", "p", piece));
    batcher.push(B, textDelta("n", "q", "other"));
    expect(applied).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(applied.map(([id, events]) => [id, events.map((e) => (e.type === "message.part.delta" ? e.delta : e.type))])).toEqual([
      [A, ["Hello world"]],
      [B, ["other"]],
    ]);
  });

  it("flushes a conversation before its durable event so order is kept, and schedules again after a flush", () => {
    const { applied, frames, batcher } = harness();
    batcher.push(A, textDelta("m", "p", "a"));
    batcher.flush(A);
    expect(applied).toHaveLength(1);
    frames[0]?.();
    expect(applied).toHaveLength(1);
    batcher.push(A, textDelta("m", "p", "b"));
    expect(frames).toHaveLength(2);
  });

  it("a reset replaces what was folded before it; later deltas append to the reset", () => {
    const { applied, frames, batcher } = harness();
    batcher.push(A, textDelta("m", "p", "stale"));
    batcher.push(A, textDelta("m", "p", "Fresh", true));
    batcher.push(A, textDelta("m", "p", "!"));
    frames[0]?.();
    expect(applied[0]?.[1]).toEqual([textDelta("m", "p", "Fresh!", true)]);
  });

  it("keeps only the newest progress tick of a tool and of the turn", () => {
    const { applied, frames, batcher } = harness();
    batcher.push(A, { type: "tool.progressed", toolUseId: "t", elapsedSeconds: 1 });
    batcher.push(A, { type: "turn.progressed", outputTokens: 5 });
    batcher.push(A, { type: "tool.progressed", toolUseId: "t", elapsedSeconds: 2 });
    batcher.push(A, { type: "turn.progressed", outputTokens: 9 });
    frames[0]?.();
    expect(applied[0]?.[1]).toEqual([
      { type: "tool.progressed", toolUseId: "t", elapsedSeconds: 2 },
      { type: "turn.progressed", outputTokens: 9 },
    ]);
  });

  it("drops a deleted conversation's held deltas and still applies the others'", () => {
    const { applied, frames, batcher } = harness();
    batcher.push(A, textDelta("m", "p", "gone"));
    batcher.push(B, textDelta("n", "q", "kept"));
    batcher.discard(A);
    frames[0]?.();
    expect(applied.map(([id]) => id)).toEqual([B]);
  });
});
