import { describe, expect, it } from "vitest";
import { IdleCollector } from "./idle-collector.ts";

function collector() {
  let collections = 0;
  return { idle: new IdleCollector(() => void collections++), collections: () => collections };
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
});

