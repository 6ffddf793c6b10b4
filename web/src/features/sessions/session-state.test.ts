import { describe, expect, it } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { pushState, sessionState } from "./session-labels.tsx";

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

describe("a session's push state", () => {
  const git = (upstream: { ahead: number; behind: number } | null, ahead = 1) => ({ branch: "feature", ahead, behind: 0, upstream: upstream && { name: "origin/feature", ...upstream } }) as NonNullable<Session["git"]>;

  it("says a pushed branch is pushed, though it is still ahead of its base", () => {
    expect(pushState(git({ ahead: 0, behind: 0 }))).toBe("pushed");
  });

  it("counts commits to push and to pull, and says nothing for a branch that tracks nothing", () => {
    expect(pushState(git({ ahead: 2, behind: 0 }))).toBe("2 to push");
    expect(pushState(git({ ahead: 1, behind: 3 }))).toBe("1 to push, 3 to pull");
    expect(pushState(git(null))).toBeNull();
  });
});
