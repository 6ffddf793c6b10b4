import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { IdleSleepTimer } from "./idle-sleep.ts";

/** The idle time as the Settings screen sets it, changed while a conversation already counts (every device's one). */
function setup(minutes: number) {
  const setting = { afterMs: minutes * 60_000 };
  const fired: number[] = [];
  const timer = new IdleSleepTimer(() => setting.afterMs, (afterMs) => fired.push(afterMs));
  return { setting, fired, timer };
}

describe("IdleSleepTimer", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("puts an idle CLI to sleep once the time is up", () => {
    const t = setup(10);
    t.timer.arm();
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(t.fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.fired).toEqual([10 * 60_000]);
  });

  it("keeps a CLI running once the setting says never, though it counted already", () => {
    const t = setup(10);
    t.timer.arm();
    vi.advanceTimersByTime(5 * 60_000);
    t.setting.afterMs = 0;
    vi.advanceTimersByTime(60 * 60_000);
    expect(t.fired).toEqual([]);
  });

  it("waits out a longer time set while it counted, from when it started counting", () => {
    const t = setup(10);
    t.timer.arm();
    vi.advanceTimersByTime(5 * 60_000);
    t.setting.afterMs = 30 * 60_000;
    vi.advanceTimersByTime(25 * 60_000 - 1);
    expect(t.fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.fired).toEqual([30 * 60_000]);
  });

  it("counts nothing while never is set, and nothing after a cancel", () => {
    const t = setup(0);
    t.timer.arm();
    vi.advanceTimersByTime(24 * 60 * 60_000);
    t.setting.afterMs = 60_000;
    t.timer.arm();
    t.timer.cancel();
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(t.fired).toEqual([]);
  });

  it("applies a shorter time at once, counted from when the conversation became ready", () => {
    const t = setup(30);
    t.timer.arm();
    vi.advanceTimersByTime(6 * 60_000);
    t.setting.afterMs = 10 * 60_000;
    t.timer.settingChanged();
    vi.advanceTimersByTime(4 * 60_000 - 1);
    expect(t.fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.fired).toEqual([10 * 60_000]);
  });

  it("puts a CLI to sleep at once when a shorter time set meanwhile has already passed", () => {
    const t = setup(30);
    t.timer.arm();
    vi.advanceTimersByTime(12 * 60_000);
    t.setting.afterMs = 5 * 60_000;
    t.timer.settingChanged();
    vi.advanceTimersByTime(0);
    expect(t.fired).toEqual([5 * 60_000]);
  });

  it("starts counting an idle conversation that was ready under never once a time is set", () => {
    const t = setup(0);
    t.timer.arm();
    vi.advanceTimersByTime(20 * 60_000);
    t.setting.afterMs = 15 * 60_000;
    t.timer.settingChanged();
    vi.advanceTimersByTime(0);
    expect(t.fired).toEqual([15 * 60_000]);
  });

  it("ignores a changed setting once it fired or was cancelled", () => {
    const t = setup(1);
    t.timer.arm();
    vi.advanceTimersByTime(60_000);
    t.timer.settingChanged();
    t.timer.arm();
    t.timer.cancel();
    t.setting.afterMs = 1;
    t.timer.settingChanged();
    vi.advanceTimersByTime(60 * 60_000);
    expect(t.fired).toEqual([60_000]);
  });
});
