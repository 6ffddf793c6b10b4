import { afterEach, describe, expect, it, vi } from "vitest";
import { atBackgroundPriority, BACKGROUND_NICENESS, lowerSessionPriority } from "./background-priority.ts";

// The priority a background CLI really runs at, and its session's, is proven with real processes in one-shot-cli.test.ts.
describe("background priority", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs a background CLI under nice, and where there is none runs it unchanged and says so once", () => {
    expect(atBackgroundPriority(["claude", "-p"], "/usr/bin/nice")).toEqual(["/usr/bin/nice", "-n", String(BACKGROUND_NICENESS), "claude", "-p"]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(atBackgroundPriority(["claude", "-p"], null)).toEqual(["claude", "-p"]);
    expect(atBackgroundPriority(["claude", "-p"], null)).toEqual(["claude", "-p"]);
    expect(warn.mock.calls).toEqual([["[one-shot] no `nice` command on this system: background CLIs (titles, summaries) run at normal priority"]]);
  });

  it("lets a CLI that is already gone be, without a warning", async () => {
    const gone = Bun.spawn(["true"]);
    await gone.exited;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(lowerSessionPriority(gone.pid)).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});
