import { describe, expect, it } from "vitest";
import { ListCoverage } from "./list-coverage.ts";

const at = (revision: number, boot = "boot-a") => ({ boot, revision });

/** A coverage whose loads answer at the given counts, counting how many ran. */
function withLoads() {
  const coverage = new ListCoverage();
  let loads = 0;
  const loadAt = (...points: (ReturnType<typeof at> | null)[]) => async () => {
    loads += 1;
    coverage.loaded(points);
  };
  return { coverage, loadAt, loads: () => loads };
}

describe("whether a welcome loads the lists again", () => {
  it("skips the load when the boot load's answers were read at the welcome's count, and loads when something changed in between", async () => {
    const { coverage, loadAt, loads } = withLoads();
    await coverage.track(loadAt(at(7), at(7), at(8)));
    expect(await coverage.welcome(at(7), loadAt(at(7), at(7), at(7)))).toBe(false);
    expect(loads()).toBe(1);

    const other = withLoads();
    await other.coverage.track(other.loadAt(at(6), at(7), at(7))); // one list was read before change 7
    expect(await other.coverage.welcome(at(7), other.loadAt(at(7), at(7), at(7)))).toBe(true);
    expect(other.loads()).toBe(2);
    expect(other.coverage.covers(at(7))).toBe(true);
  });

  it("follows the frames of a whole socket, so a reconnect after nothing changed loads nothing", async () => {
    const { coverage, loadAt, loads } = withLoads();
    await coverage.track(loadAt(at(3), at(3), at(3)));
    await coverage.welcome(at(3), loadAt(at(3)));
    coverage.entity(4);
    coverage.entity(5);
    coverage.closed(); // a phone slept
    expect(await coverage.welcome(at(5), loadAt(at(5)))).toBe(false);
    coverage.entity(6);
    coverage.closed();
    expect(await coverage.welcome(at(8), loadAt(at(8), at(8), at(8)))).toBe(true); // 7 and 8 happened while away
    expect(loads()).toBe(2);
  });

  it("loads again after a missed frame, a frame while closed, or a frame without a number", async () => {
    for (const frames of [[4, 6], [5], [undefined]]) {
      const { coverage, loadAt } = withLoads();
      await coverage.track(loadAt(at(3)));
      await coverage.welcome(at(3), loadAt(at(3)));
      if (frames[0] === 5) coverage.closed();
      for (const revision of frames) coverage.entity(revision);
      coverage.closed();
      const last = at(frames.at(-1) ?? 4);
      expect(await coverage.welcome(last, loadAt(last)), `frames ${JSON.stringify(frames)}`).toBe(true);
    }
  });

  it("loads again for another server process, a welcome without a count, or an answer without one", async () => {
    const restarted = withLoads();
    await restarted.coverage.track(restarted.loadAt(at(9)));
    expect(await restarted.coverage.welcome(at(9, "boot-b"), restarted.loadAt(at(9, "boot-b")))).toBe(true);
    expect(restarted.coverage.covers(at(9, "boot-b"))).toBe(true);
    expect(restarted.coverage.covers(at(9))).toBe(false);

    const older = withLoads();
    await older.coverage.track(older.loadAt(at(2)));
    expect(await older.coverage.welcome(undefined, older.loadAt(null))).toBe(true);

    const partial = withLoads();
    await partial.coverage.track(partial.loadAt(at(2), null, at(2)));
    expect(await partial.coverage.welcome(at(2), partial.loadAt(at(2)))).toBe(true);

    const mixed = withLoads();
    await mixed.coverage.track(mixed.loadAt(at(2), at(2, "boot-b")));
    expect(mixed.coverage.covers(at(2))).toBe(false);
  });

  it("waits for a load still running at the welcome instead of starting a second one", async () => {
    const { coverage, loadAt, loads } = withLoads();
    let answer = () => {};
    const slow = coverage.track(async () => {
      await new Promise<void>((resolve) => (answer = resolve));
      await loadAt(at(5), at(5), at(5))();
    });
    const welcomed = coverage.welcome(at(4), loadAt(at(9)));
    coverage.entity(5); // arrived on the socket before the slow answers
    answer();
    await slow;
    expect(await welcomed).toBe(false);
    expect(loads()).toBe(1);
    coverage.entity(6);
    expect(coverage.covers(at(6))).toBe(true);
  });

  it("counts the frames that arrived while a welcome's load ran as held", async () => {
    const { coverage, loadAt } = withLoads();
    let answer = () => {};
    const welcomed = coverage.welcome(at(10), async () => {
      await new Promise<void>((resolve) => (answer = resolve));
      await loadAt(at(11), at(10), at(11))();
    });
    await Promise.resolve();
    coverage.entity(11);
    coverage.entity(12); // after the answers were read: merged into the lists as a live change
    answer();
    expect(await welcomed).toBe(true);
    expect(coverage.covers(at(12))).toBe(true);
    expect(coverage.covers(at(13))).toBe(false);
  });
});
