import { afterEach, describe, expect, it } from "vitest";
import { processFamily } from "./process-tree.ts";

const spawned: Bun.Subprocess[] = [];
afterEach(() => {
  for (const proc of spawned.splice(0)) proc.kill("SIGKILL");
});

describe("processFamily", () => {
  it("counts a process with the shell's pid as family only while the shell lives (after, the pid may be another's)", () => {
    // A process that is not a session leader: what an exited shell's reused pid could belong to.
    const stranger = Bun.spawn(["sh", "-c", "sleep 30 & wait"], { stdout: "ignore" });
    spawned.push(stranger);
    expect(processFamily(stranger.pid, true).has(stranger.pid)).toBe(true);
    expect([...processFamily(stranger.pid, false).keys()]).toEqual([]);
  });
});
