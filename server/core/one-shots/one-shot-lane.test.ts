import { describe, expect, it } from "vitest";
import { OneShotLane, type LaneAction } from "./one-shot-lane.ts";

const LIMITS = { width: 2, holdAt: 3, holdCapMs: 60_000 };
const start = (...ids: number[]): LaneAction[] => ids.map((id) => ({ kind: "start", id }));
const pause = (...ids: number[]): LaneAction[] => ids.map((id) => ({ kind: "pause", id }));
const resume = (...ids: number[]): LaneAction[] => ids.map((id) => ({ kind: "resume", id }));

describe("OneShotLane", () => {
  it("starts two calls at once with no turn running; the third waits for a place, first come first served", () => {
    const lane = new OneShotLane(LIMITS);
    expect([...lane.ask(1, 0), ...lane.ask(2, 0), ...lane.ask(3, 0), ...lane.ask(4, 0)]).toEqual(start(1, 2));
    expect(lane.finished(2, 500)).toEqual(start(3));
    expect(lane.finished(1, 600)).toEqual(start(4));
  });

  it("still starts a title at once while one or two turns run", () => {
    const lane = new OneShotLane(LIMITS);
    expect(lane.turnsChanged(2, 0)).toEqual([]);
    expect(lane.ask(1, 0)).toEqual(start(1));
    expect(lane.nextDeadline()).toBeNull();
  });

  it("while three turns or more run, starts nothing and pauses what runs; when they end, resumes and starts again", () => {
    const lane = new OneShotLane(LIMITS);
    expect(lane.ask(1, 0)).toEqual(start(1));
    expect(lane.turnsChanged(3, 100)).toEqual(pause(1));
    expect(lane.ask(2, 200)).toEqual([]);
    expect(lane.turnsChanged(20, 300)).toEqual([]);
    expect(lane.turnsChanged(2, 400)).toEqual([...resume(1), ...start(2)]);
  });

  it("holds a paused call's place: a call asked later does not start in it", () => {
    const lane = new OneShotLane({ ...LIMITS, width: 1 });
    lane.ask(1, 0);
    lane.turnsChanged(5, 10);
    expect(lane.ask(2, 20)).toEqual([]);
    expect(lane.turnsChanged(0, 30)).toEqual(resume(1));
    expect(lane.finished(1, 40)).toEqual(start(2));
  });

  it("holds a call at most holdCapMs from when it was asked, then resumes or starts it for good, whatever the turns do", () => {
    const lane = new OneShotLane(LIMITS);
    lane.turnsChanged(5, 0);
    lane.ask(1, 0);
    lane.ask(2, 10_000);
    lane.ask(3, 20_000);
    expect(lane.nextDeadline()).toBe(60_000);
    expect(lane.expire(59_999)).toEqual([]);
    expect(lane.expire(60_000)).toEqual(start(1));
    // Overdue, it runs on through a rise of the turns; the one asked later is held until its own deadline.
    expect(lane.turnsChanged(8, 61_000)).toEqual([]);
    expect(lane.nextDeadline()).toBe(70_000);
    expect(lane.expire(70_000)).toEqual(start(2));
    // Both places taken: the third, overdue too, waits for a place as before.
    expect(lane.expire(80_000)).toEqual([]);
    expect(lane.finished(1, 81_000)).toEqual(start(3));
  });

  it("resumes a paused call once its hold runs out, and does not pause it again", () => {
    const lane = new OneShotLane(LIMITS);
    lane.ask(1, 0);
    expect(lane.turnsChanged(4, 30_000)).toEqual(pause(1));
    expect(lane.expire(60_000)).toEqual(resume(1));
    expect(lane.turnsChanged(3, 61_000)).toEqual([]);
    expect(lane.nextDeadline()).toBeNull();
  });

  it("a call paused, resumed and paused again is still held only until its deadline from when it was asked", () => {
    const lane = new OneShotLane(LIMITS);
    lane.ask(1, 0);
    lane.turnsChanged(3, 1_000);
    lane.turnsChanged(0, 2_000);
    expect(lane.turnsChanged(3, 3_000)).toEqual(pause(1));
    expect(lane.nextDeadline()).toBe(60_000);
  });

  it("answers no deadline when not held, so nothing wakes for nothing", () => {
    const lane = new OneShotLane(LIMITS);
    lane.ask(1, 0);
    lane.ask(2, 0);
    lane.ask(3, 0);
    expect(lane.nextDeadline()).toBeNull();
    lane.turnsChanged(3, 0);
    expect(lane.nextDeadline()).toBe(60_000);
  });

  it("never holds a lane whose holdAt is infinite (the foreground lane)", () => {
    const lane = new OneShotLane({ width: 2, holdAt: Number.POSITIVE_INFINITY, holdCapMs: 0 });
    expect(lane.turnsChanged(50, 0)).toEqual([]);
    expect(lane.ask(1, 0)).toEqual(start(1));
  });

  it("a call that ends while paused (cut off) frees its place", () => {
    const lane = new OneShotLane({ ...LIMITS, width: 1 });
    lane.ask(1, 0);
    lane.ask(2, 0);
    lane.turnsChanged(3, 10);
    expect(lane.finished(1, 20)).toEqual([]);
    expect(lane.turnsChanged(0, 30)).toEqual(start(2));
  });
});
