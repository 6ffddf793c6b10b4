import { afterEach, describe, expect, it, vi } from "vitest";
import { TurnEndWaiters } from "./turn-end-waiters.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** Whether `promise` has resolved once the microtasks queued so far have run. */
async function isSettled(promise: Promise<void>): Promise<boolean> {
  let isDone = false;
  void promise.then(() => (isDone = true));
  await Promise.resolve();
  await Promise.resolve();
  return isDone;
}

describe("the waiters for a turn's end", () => {
  it("resolve together at the turn's end, and their timers go with them", async () => {
    vi.useFakeTimers();
    const waiters = new TurnEndWaiters();
    const first = waiters.next(10_000);
    const second = waiters.next(10_000);
    expect(await isSettled(first.ended)).toBe(false);
    waiters.turnEnded();
    expect(await isSettled(first.ended)).toBe(true);
    expect(await isSettled(second.ended)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a waiter that asks after a turn ended waits for the next end", async () => {
    vi.useFakeTimers();
    const waiters = new TurnEndWaiters();
    waiters.next(10_000);
    waiters.turnEnded();
    const later = waiters.next(10_000);
    expect(await isSettled(later.ended)).toBe(false);
    waiters.turnEnded();
    expect(await isSettled(later.ended)).toBe(true);
  });

  it("resolves at its timeout when the turn never ends, and cancel resolves it at once", async () => {
    vi.useFakeTimers();
    const waiters = new TurnEndWaiters();
    const timed = waiters.next(10_000);
    const cancelled = waiters.next(10_000);
    cancelled.cancel();
    expect(await isSettled(cancelled.ended)).toBe(true);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(9_999);
    expect(await isSettled(timed.ended)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await isSettled(timed.ended)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
