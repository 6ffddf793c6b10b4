import { describe, expect, it } from "vitest";
import { INITIAL_USAGE_POLICY, nextUsagePolicy, type UsagePolicyState, type UsageSignal } from "./context-usage-policy.ts";

/** Runs signals from the initial state; returns which of them asked the CLI, by index. */
function run(signals: UsageSignal[]): { asks: number[]; state: UsagePolicyState } {
  let state = INITIAL_USAGE_POLICY;
  const asks: number[] = [];
  signals.forEach((signal, index) => {
    const next = nextUsagePolicy(state, signal);
    state = next.state;
    if (next.ask) asks.push(index);
  });
  return { asks, state };
}

const turn: UsageSignal = { kind: "turn-ended" };
const watched: UsageSignal = { kind: "watched" };
const answered: UsageSignal = { kind: "settled", isAnswered: true };
const failed: UsageSignal = { kind: "settled", isAnswered: false };

describe("context usage policy", () => {
  it("does not ask after turns nobody looks at", () => {
    expect(run([turn, turn, turn]).asks).toEqual([]);
  });

  it("asks when someone looks and the figure is older than the conversation, once per change", () => {
    expect(run([watched, answered, watched, turn, watched, answered, watched, watched]).asks).toEqual([0, 4]);
  });

  it("asks after a model change and after a turn in which the CLI compacted, watched or not", () => {
    expect(run([{ kind: "model-changed" }]).asks).toEqual([0]);
    expect(run([turn, { kind: "compacting" }, turn, answered, turn]).asks).toEqual([2]);
  });

  it("keeps one question out at a time: a change meanwhile asks once more when it is answered", () => {
    const { asks } = run([watched, turn, watched, { kind: "model-changed" }, answered, answered]);
    expect(asks).toEqual([0, 4]);
  });

  it("a watcher while the current question is out asks nothing more", () => {
    expect(run([watched, watched, answered]).asks).toEqual([0]);
  });

  it("an answer to a question asked before the turn ended does not count as current", () => {
    const { state } = run([watched, turn, answered]);
    expect(state.figureOf).toBe(0);
    expect(state.version).toBe(1);
    expect(run([watched, turn, answered, watched]).asks).toEqual([0, 3]);
  });

  it("a question that failed leaves the figure out of date, so the next look asks again", () => {
    expect(run([watched, failed, watched]).asks).toEqual([0, 2]);
  });
});
