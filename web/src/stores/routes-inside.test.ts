import { describe, expect, it } from "vitest";
import { routesInside, useConversationsStore } from "./conversations-store.ts";

describe("the screens inside a removed entity (their tabs close)", () => {
  it("covers a workspace's sessions and conversations, a session's conversations, and nothing of others", () => {
    const state = {
      ...useConversationsStore.getState(),
      sessions: { s1: { id: "s1", workspaceId: "w1" }, s2: { id: "s2", workspaceId: "w2" } },
      conversations: { c1: { id: "c1", sessionId: "s1" }, c2: { id: "c2", sessionId: "s2" } },
    } as never;
    expect(routesInside(state, "workspace", "w1")).toEqual(["#/w/w1", "#/s/s1", "#/c/c1"]);
    expect(routesInside(state, "session", "s2")).toEqual(["#/s/s2", "#/c/c2"]);
    expect(routesInside(state, "conversation", "c1")).toEqual(["#/c/c1"]);
    expect(routesInside(state, "goal", "g1")).toEqual(["#/g/g1"]);
  });
});
