import { describe, expect, it } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { sessionState } from "./session-labels.tsx";

const session = (patch: Partial<Session> = {}) => ({ problem: null, setup: null, ...patch }) as Session;

describe("a session's dot", () => {
  it("turns amber while one of its conversations waits for the user, even beside a running one", () => {
    expect(sessionState(session(), ["running", "waiting", "ready"]).label).toBe("waiting for you");
    expect(sessionState(session(), ["running", "ready"]).label).toBe("working");
    expect(sessionState(session(), ["ready", "idle"]).label).toBe("idle");
  });

  it("puts a problem first, and a finished setup's error after live work", () => {
    expect(sessionState(session({ problem: "gone" }), ["waiting"]).label).toBe("has a problem");
    const setupError = { status: "ready", steps: [], log: "", error: "script failed" } as Session["setup"];
    expect(sessionState(session({ setup: setupError }), ["running"]).label).toBe("working");
    expect(sessionState(session({ setup: setupError }), []).label).toBe("setup had a problem");
  });
});
