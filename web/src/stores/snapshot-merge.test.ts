import { describe, expect, it } from "vitest";
import { failedLoad, SnapshotTracker } from "./snapshot-merge.ts";

describe("SnapshotTracker", () => {
  it("takes the snapshot's entities, so a change or removal made while the socket was away shows after a reload", () => {
    const tracker = new SnapshotTracker();
    tracker.begin();
    const current = { a: "planning (stale)", gone: "removed on the server while away" };
    const merged = tracker.merge("goal", { a: "proposed", b: "new" }, current);
    tracker.end();
    expect(merged).toEqual({ a: "proposed", b: "new" });
  });

  it("keeps what a live frame brought while the load ran: its value, or its absence when it was a removal", () => {
    const tracker = new SnapshotTracker();
    tracker.begin();
    tracker.touch("goal", "a");
    tracker.touch("goal", "c");
    tracker.touch("job", "b");
    const current = { a: "approved (live)" };
    expect(tracker.merge("goal", { a: "proposed", c: "removed live" }, current)).toEqual({ a: "approved (live)" });
    expect(tracker.removed("goal", current)).toEqual(new Set(["c"]));
    // Other kinds are untouched by goal ids; the job touched live is kept at its current (absent) value.
    expect(tracker.merge("job", { b: "x", d: "y" }, {})).toEqual({ d: "y" });
    tracker.end();
  });

  it("forgets touches made when no load runs, and keeps them while an overlapping load still runs", () => {
    const tracker = new SnapshotTracker();
    tracker.touch("run", "early");
    tracker.begin();
    expect(tracker.merge("run", { early: "snapshot" }, { early: "live" })).toEqual({ early: "snapshot" });
    tracker.touch("run", "r");
    tracker.begin();
    tracker.end();
    expect(tracker.merge("run", { r: "snapshot" }, { r: "live" })).toEqual({ r: "live" });
    tracker.end();
    tracker.begin();
    expect(tracker.merge("run", { r: "snapshot" }, { r: "live" })).toEqual({ r: "snapshot" });
  });

  it("a failed first load says why; a failed reload keeps the lists shown", () => {
    expect(failedLoad({ isLoaded: false, loadError: null }, new Error("offline"))).toEqual({ isLoaded: true, loadError: "offline" });
    expect(failedLoad({ isLoaded: true, loadError: null }, new Error("offline"))).toEqual({ isLoaded: true, loadError: null });
    expect(failedLoad({ isLoaded: true, loadError: "offline" }, new Error("still offline"))).toEqual({ isLoaded: true, loadError: "still offline" });
  });
});
