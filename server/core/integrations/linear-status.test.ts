import { describe, expect, it } from "vitest";
import type { LinearState } from "../../integrations/linear/linear-api.ts";
import { targetState } from "./linear-status.ts";

const STATES: LinearState[] = [
  { id: "done", name: "Done", type: "completed", position: 4 },
  { id: "todo", name: "Todo", type: "unstarted", position: 1 },
  { id: "review", name: "In Review", type: "started", position: 3 },
  { id: "progress", name: "In Progress", type: "started", position: 2 },
  { id: "canceled", name: "Canceled", type: "canceled", position: 5 },
];
const at = (id: string) => ({ id, type: STATES.find((s) => s.id === id)?.type ?? null });

describe("where a linked issue moves", () => {
  it("moves forward at each milestone", () => {
    expect(targetState(STATES, at("todo"), "started")?.name).toBe("In Progress");
    expect(targetState(STATES, at("progress"), "inReview")?.name).toBe("In Review");
    expect(targetState(STATES, at("todo"), "inReview")?.name).toBe("In Review");
    expect(targetState(STATES, at("review"), "done")?.name).toBe("Done");
  });

  it("never moves backwards, out of Done or Canceled, or to where it already is", () => {
    expect(targetState(STATES, at("review"), "started")).toBeNull();
    expect(targetState(STATES, at("progress"), "started")).toBeNull();
    expect(targetState(STATES, at("done"), "inReview")).toBeNull();
    expect(targetState(STATES, at("canceled"), "started")).toBeNull();
    expect(targetState(STATES, at("done"), "done")).toBeNull();
  });

  it("leaves the issue alone when the team has no review state", () => {
    const noReview = STATES.filter((s) => s.id !== "review");
    expect(targetState(noReview, at("progress"), "inReview")).toBeNull();
    expect(targetState(noReview, at("todo"), "started")?.name).toBe("In Progress");
  });
});
