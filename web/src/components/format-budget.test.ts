import { describe, expect, it } from "vitest";
import { createFormatBudget } from "./format-budget.ts";

/** A budget on a hand-moved clock whose idle slots run when the test says. */
function budgetOnClock() {
  let clock = 0;
  const slots: (() => void)[] = [];
  const budget = createFormatBudget(
    () => clock,
    (run) => slots.push(run),
  );
  const work = (ms: number) => () => {
    clock += ms;
    return ms;
  };
  return { budget, work, advance: (ms: number) => (clock += ms), runSlot: () => slots.shift()?.(), slots };
}

describe("format budget", () => {
  it("formats until about 8 ms are spent in a 16 ms window, then refuses until the next window", () => {
    const { budget, work, advance } = budgetOnClock();
    expect(budget.tryFormat(work(5))).toBe(5);
    expect(budget.tryFormat(work(5))).toBe(5);
    let ran = false;
    expect(
      budget.tryFormat(() => {
        ran = true;
        return 1;
      }),
    ).toBeNull();
    expect(ran).toBe(false);
    advance(16);
    expect(budget.tryFormat(work(1))).toBe(1);
  });

  it("wakes waiting blocks newest first, about one budget of text per idle slot, and forgets cancelled ones", () => {
    const { budget, runSlot, slots } = budgetOnClock();
    const woken: string[] = [];
    budget.whenIdle(800, () => woken.push("oldest"));
    const cancel = budget.whenIdle(10, () => woken.push("cancelled"));
    budget.whenIdle(700, () => woken.push("middle"));
    budget.whenIdle(600, () => woken.push("newest"));
    cancel();
    expect(slots).toHaveLength(1);
    runSlot();
    expect(woken).toEqual(["newest", "middle"]);
    runSlot();
    expect(woken).toEqual(["newest", "middle", "oldest"]);
    expect(slots).toHaveLength(0);
  });

  it("wakes a block larger than a slot on its own", () => {
    const { budget, runSlot } = budgetOnClock();
    const woken: number[] = [];
    budget.whenIdle(50_000, () => woken.push(1));
    budget.whenIdle(50_000, () => woken.push(2));
    runSlot();
    expect(woken).toEqual([2]);
  });
});
