import { describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/index.ts";
import { textDelta } from "../protocol/test-fixtures.ts";
import { hasView, useViewStore } from "./view-store.ts";

const A = "cnv_a" as ConversationId;
const B = "cnv_b" as ConversationId;

describe("the view store", () => {
  it("forgets a deleted conversation's view and keeps the others", () => {
    const store = useViewStore.getState();
    store.applyDeltas(A, [textDelta("m", "p", "a long answer")]);
    store.applyDeltas(B, [textDelta("n", "q", "another")]);
    store.markReplayed(A);
    useViewStore.getState().forget([A]);
    expect(hasView(A)).toBe(false);
    expect(useViewStore.getState().isReplayed[A]).toBeUndefined();
    expect(hasView(B)).toBe(true);
    const before = useViewStore.getState();
    useViewStore.getState().forget([A]);
    expect(useViewStore.getState()).toBe(before);
  });
});
