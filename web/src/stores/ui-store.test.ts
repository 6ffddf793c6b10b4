import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NOTICE_MS, useUiStore } from "./ui-store.ts";

const notice = () => useUiStore.getState().notice;
const show = useUiStore.getState().showNotice;

describe("the notice banner's text", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    show(null);
    vi.useRealTimers();
  });

  it("goes by itself a few seconds later, and can still be dismissed before", () => {
    show("Deleted “Job: Fake job” and its branch draco.");
    vi.advanceTimersByTime(NOTICE_MS - 1);
    expect(notice()).toBe("Deleted “Job: Fake job” and its branch draco.");
    vi.advanceTimersByTime(1);
    expect(notice()).toBeNull();
    show("Deleted “Other”.");
    show(null);
    expect(notice()).toBeNull();
  });

  it("keeps a newer notice its full time: the older one's timer does not take it away", () => {
    show("first");
    vi.advanceTimersByTime(NOTICE_MS - 1_000);
    show("second");
    vi.advanceTimersByTime(1_000);
    expect(notice()).toBe("second");
    vi.advanceTimersByTime(NOTICE_MS - 1_000);
    expect(notice()).toBeNull();
  });
});
