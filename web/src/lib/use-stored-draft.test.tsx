// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textTag, useStoredDraft } from "./use-stored-draft.ts";
import { isolateDomTests } from "../test-support/dom-tests.ts";

const FRESH = { name: "", retries: "3", tags: [] as string[], schedule: { every: 1 } };
type Form = typeof FRESH;
const keepPositive = (form: Form, fresh: Form): Form => ({ ...form, schedule: form.schedule.every > 0 ? form.schedule : fresh.schedule });

isolateDomTests();

describe("useStoredDraft", () => {
  it("keeps a form's fields when its screen goes, and forgets them when asked", () => {
    const first = renderHook(() => useStoredDraft("chatml.test-draft", FRESH));
    act(() => first.result.current[1]((form) => ({ ...form, name: "Nightly deps", tags: ["deps"] })));
    first.unmount();
    const second = renderHook(() => useStoredDraft("chatml.test-draft", FRESH));
    expect(second.result.current[0]).toEqual({ ...FRESH, name: "Nightly deps", tags: ["deps"] });
    act(() => second.result.current[2]());
    second.unmount();
    expect(localStorage.getItem("chatml.test-draft")).toBeNull();
  });

  it("reads a stored draft field by field over the fresh form: wrong types, unknown fields and broken text lose nothing else", () => {
    localStorage.setItem("chatml.test-draft", JSON.stringify({ name: 42, retries: "5", tags: "deps", schedule: { every: -1 }, extra: true }));
    const { result, unmount } = renderHook(() => useStoredDraft("chatml.test-draft", FRESH, keepPositive));
    expect(result.current[0]).toEqual({ ...FRESH, retries: "5" });
    unmount();
    localStorage.setItem("chatml.test-draft", "{not json");
    expect(renderHook(() => useStoredDraft("chatml.test-draft", FRESH)).result.current[0]).toEqual(FRESH);
  });

  it("tags texts so a key changes with them", () => {
    expect(textTag("body one")).toBe(textTag("body one"));
    expect(textTag("body one")).not.toBe(textTag("body two"));
  });
});
