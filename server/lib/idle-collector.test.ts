import { describe, expect, it } from "vitest";
import { IdleCollector } from "./idle-collector.ts";

function collector(turnEndBound = 0) {
  let collections = 0;
  let turnEndCollections = 0;
  const deferred: Array<() => void> = [];
  const idle = new IdleCollector({ idle: () => void collections++, turnsEnded: () => void turnEndCollections++, later: (run) => void deferred.push(run), turnEndBound });
  /** Runs what the collector left for after the current task. */
  const runLater = () => deferred.splice(0).forEach((run) => run());
  return { idle, collections: () => collections, turnEndCollections: () => turnEndCollections, runLater };
}

describe("IdleCollector (ADR 0036)", () => {
  it("collects once after an interval without activity that follows activity", () => {
    const { idle, collections } = collector();
    idle.touch();
    idle.touch();
    expect(idle.tick()).toBe(false); // events flowed during this interval
    expect(idle.tick()).toBe(true); // a quiet interval after activity
    expect(idle.tick()).toBe(false); // still quiet: nothing new to return
    expect(collections()).toBe(1);
  });

  it("never collects on a server that stays idle, nor while events keep flowing", () => {
    const { idle, collections } = collector();
    for (let i = 0; i < 5; i++) idle.tick();
    for (let i = 0; i < 5; i++) {
      idle.touch();
      idle.tick();
    }
    expect(collections()).toBe(0);
  });

  it("collects again after the next burst", () => {
    const { idle, collections } = collector();
    idle.touch();
    idle.tick();
    idle.tick();
    idle.touch();
    expect(idle.tick()).toBe(false);
    expect(idle.tick()).toBe(true);
    expect(collections()).toBe(2);
  });

  describe("when the last turn ends (ADR 0271)", () => {
    it("collects once no turn runs, after the current task, and the idle collection still follows its quiet interval", () => {
      const { idle, collections, turnEndCollections, runLater } = collector();
      idle.turnsRunning(2);
      idle.touch();
      idle.turnsRunning(1);
      runLater();
      expect(turnEndCollections()).toBe(0); // a turn still streams
      idle.turnsRunning(0);
      expect(turnEndCollections()).toBe(0); // not inside the bus message that ended the turn
      runLater();
      expect(turnEndCollections()).toBe(1);
      idle.tick();
      expect(idle.tick()).toBe(true);
      expect(collections()).toBe(1);
    });

    it("collects only once enough text streamed since the last collection of either kind (ADR 0284)", () => {
      const { idle, turnEndCollections, runLater } = collector(100);
      idle.turnsRunning(1);
      idle.touch(60);
      idle.touch(); // an event: no streamed text
      idle.turnsRunning(0);
      runLater();
      expect(turnEndCollections()).toBe(0); // a short turn's end does not pause the loop
      idle.turnsRunning(1);
      idle.touch(40);
      idle.turnsRunning(0);
      runLater();
      expect(turnEndCollections()).toBe(1); // 100 since the last collection: the two turns' together
      idle.turnsRunning(1);
      idle.touch(99);
      idle.turnsRunning(0);
      runLater();
      expect(turnEndCollections()).toBe(1); // counted again from that collection
      idle.tick();
      expect(idle.tick()).toBe(true); // the idle collection takes it
      idle.turnsRunning(1);
      idle.touch(1);
      idle.turnsRunning(0);
      runLater();
      expect(turnEndCollections()).toBe(1); // and it counts as a collection: 1 since
    });

    it("does not collect when a turn starts before the collection runs", () => {
      const { idle, turnEndCollections, runLater } = collector();
      idle.turnsRunning(1);
      idle.turnsRunning(0);
      idle.turnsRunning(1);
      runLater();
      expect(turnEndCollections()).toBe(0);
    });
  });
});
