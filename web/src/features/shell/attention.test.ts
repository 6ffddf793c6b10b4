import { describe, expect, it } from "vitest";
import type { ConversationStatus } from "../../../../shared/index.ts";
import { attentionChanges, attentionTitle } from "./attention.ts";

const before = new Map<string, ConversationStatus>([
  ["a", "running"],
  ["b", "running"],
  ["c", "waiting"],
  ["d", "ready"],
]);

describe("attention", () => {
  it("finds conversations that started waiting and turns that finished, in every conversation", () => {
    const now = [
      { id: "a", status: "waiting" as const },
      { id: "b", status: "ready" as const },
      { id: "c", status: "running" as const },
      { id: "d", status: "ready" as const },
      { id: "new", status: "waiting" as const },
    ];
    expect(attentionChanges(before, now)).toEqual({ asked: ["a"], finished: ["b"] });
  });

  it("counts one waiting request as (1), not (2)", () => {
    expect(attentionTitle(1, 0)).toBe("(1) ChatML");
    expect(attentionTitle(1, 2)).toBe("(3) ChatML");
    expect(attentionTitle(0, 0)).toBe("ChatML");
  });
});
