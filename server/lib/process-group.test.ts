import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { pauseBelowLeaderOnceStarted, signalGroup } from "./process-group.ts";

const readText = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
const childrenOf = (pid: number) => readText(`/proc/${pid}/task/${pid}/children`).split(" ").filter(Boolean).map(Number);
/** The state letter of /proc/<pid>/stat (T: stopped). */
const stateOf = (pid: number) => readText(`/proc/${pid}/stat`).replace(/^.*\) /s, "")[0];

const leaders: { pid: number }[] = [];
afterEach(() => {
  for (const leader of leaders.splice(0)) signalGroup(leader.pid, "SIGKILL");
});

/**
 * A group leader that starts nothing until told, as the process guard is in its first milliseconds: it reads a line,
 * then starts `sleep` under it ("start") or exits ("exit").
 */
function startLeader() {
  const leader = Bun.spawn(["/bin/sh", "-c", 'read what; [ "$what" = start ] || exit 0; sleep 30 & wait'], { stdin: "pipe", detached: true, env: { ...process.env, HOME: tmpdir() } });
  leaders.push(leader);
  const tell = async (what: "start" | "exit") => {
    leader.stdin.write(`${what}\n`);
    await leader.stdin.flush();
  };
  return Object.assign(leader, { tell });
}

/** An `isWanted` that counts how often it was asked: once per look under the leader. */
function countedWish(isWanted: () => boolean) {
  const wish = Object.assign(() => (wish.looks++, isWanted()), { looks: 0 });
  return wish;
}

describe.runIf(process.platform === "linux")("pauseBelowLeaderOnceStarted", () => {
  it("keeps looking under a leader that has started nothing yet, and pauses its child once there is one", async () => {
    const leader = startLeader();
    const wish = countedWish(() => true);
    let paused: number | null = null;
    const pausing = pauseBelowLeaderOnceStarted(leader.pid, wish).then((count) => (paused = count));
    await expect.poll(() => wish.looks, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(paused).toBeNull();
    await leader.tell("start");
    expect(await pausing).toBe(1);
    const [child] = childrenOf(leader.pid);
    await expect.poll(() => stateOf(child!), { timeout: 15_000 }).toBe("T");
    expect(stateOf(leader.pid)).not.toBe("T");
  });

  it("stops looking once the pause is no longer wanted (the hold lifted): the child started after runs on", async () => {
    const leader = startLeader();
    let isHeld = true;
    const wish = countedWish(() => isHeld);
    const pausing = pauseBelowLeaderOnceStarted(leader.pid, wish);
    await expect.poll(() => wish.looks, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    isHeld = false;
    expect(await pausing).toBe(0);
    const looks = wish.looks;
    await leader.tell("start");
    await expect.poll(() => childrenOf(leader.pid).map((pid) => readText(`/proc/${pid}/comm`).trim()), { timeout: 15_000 }).toEqual(["sleep"]);
    expect(stateOf(childrenOf(leader.pid)[0]!)).not.toBe("T");
    expect(wish.looks).toBe(looks);
  });

  it("stops looking once the leader has exited without starting anything", async () => {
    const leader = startLeader();
    const wish = countedWish(() => leader.exitCode === null);
    const pausing = pauseBelowLeaderOnceStarted(leader.pid, wish);
    await expect.poll(() => wish.looks, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await leader.tell("exit");
    expect(await leader.exited).toBe(0);
    expect(await pausing).toBe(0);
  });
});
