import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { heapStats } from "bun:jsc";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import type { TerminalServerFrame } from "../../../shared/protocol/terminals.ts";
import { spawnPty } from "../../terminal/pty.ts";
import { TerminalService } from "./terminal-service.ts";
import { LAG_HIGH_WATER } from "./viewer-stream.ts";
import { until } from "../../test-support/until.ts";

const SESSION = "ses_terminal-test" as SessionId;
/** How much a flood of 60 MB may grow the heap by: the screen model and a frame per viewer take ~3 MB. */
const MAX_FLOOD_HEAP_GROWTH = 20e6;
let dir = "";
let service: TerminalService;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "chatml-terminals-")));
  service = new TerminalService({
    spawn: spawnPty,
    now: () => Date.now(),
    placeOf: (id) => (id === SESSION ? { cwd: dir, env: { CHATML_TEST_VAR: "from-env-set" } } : null),
    baseEnv: { PATH: process.env.PATH, HOME: dir, SHELL: "/bin/bash", PS1: "$ " },
  });
});

afterEach(async () => {
  await service.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

/** A viewer that records frames (or only counts output, to hold nothing); `buffered` pretends unsent bytes. */
function recordingViewer(isCountingOnly = false) {
  const frames: TerminalServerFrame[] = [];
  const viewer = {
    buffered: 0,
    frames,
    outputChars: 0,
    bufferedAmount: () => viewer.buffered,
    send: (frame: TerminalServerFrame) => {
      if (frame.type === "terminal_output") viewer.outputChars += frame.data.length;
      if (!isCountingOnly || frame.type !== "terminal_output") frames.push(frame);
    },
  };
  return viewer;
}

/** The `sleep` processes still alive whose argument carries `tag`. */
function sleepsTagged(tag: string): string[] {
  const ps = Bun.spawnSync(["ps", "-A", "-o", "args="]).stdout.toString();
  return ps.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("sleep ") && line.endsWith(tag));
}

const screenHas = (id: Parameters<TerminalService["live"]>[0], text: string) => service.live(id).screenText().join("\n").includes(text);

describe("terminal service (real PTYs, real bash)", () => {
  it("explains a process's failing exit, but not the exit of one Kill ended, even one that answers the hang-up with a code", async () => {
    // A TUI answers the hang-up by exiting 129 (128 + SIGHUP), as the interactive claude does.
    const argv = ["/bin/bash", "-c", "trap 'exit 129' HUP; echo ready; [ -n \"$FAIL\" ] && exit 3; while :; do sleep 0.1; done"];
    const explainExit = (exitCode: number | null) => `failed with ${exitCode}`;
    const killed = service.create(SESSION, { cols: 80, rows: 24, argv, explainExit });
    await until(() => screenHas(killed.id, "ready"), "the process to start");
    await service.kill(killed.id);
    await until(() => service.get(killed.id).status === "exited", "the killed process to exit");
    expect(service.get(killed.id)).toMatchObject({ exitCode: 129, ending: "chatml", problem: null });
    // The screen says what ChatML did, not a code that reads like an error.
    expect(screenHas(killed.id, "[killed]")).toBe(true);
    expect(screenHas(killed.id, "exited with code")).toBe(false);

    const failed = service.create(SESSION, { cols: 80, rows: 24, argv: ["/usr/bin/env", "FAIL=1", ...argv], explainExit });
    await until(() => service.get(failed.id).status === "exited", "the failing process to exit");
    expect(service.get(failed.id)).toMatchObject({ exitCode: 3, ending: "exit_code", problem: "failed with 3" });
    expect(screenHas(failed.id, "[process exited with code 3]")).toBe(true);
  });

  it("says a restart stopped the old run, and gives it no typing while it stops (a TUI let go of the PTY, which echoed it)", async () => {
    // Like the TUI on the hang-up: it hands the terminal back (echo on) and takes a while to exit, answering 129.
    const argv = ["/bin/bash", "-c", "stty -echo; trap 'stty echo; echo stopping; sleep 1; exit 129' HUP; echo ready; while :; do sleep 0.1; done"];
    const terminal = service.create(SESSION, { cols: 80, rows: 24, argv });
    await until(() => screenHas(terminal.id, "ready"), "the process to start");
    const restarting = service.restart(terminal.id);
    // The old run has let go of the terminal (echo on) and is stopping when the focus-out report arrives.
    await until(() => screenHas(terminal.id, "stopping"), "the old run to begin stopping");
    service.input(terminal.id, "FOCUS-OUT-REPORT");
    await restarting;
    await until(() => screenHas(terminal.id, "[restarted]"), "the restart");
    expect(screenHas(terminal.id, "[stopped for the restart]")).toBe(true);
    expect(screenHas(terminal.id, "FOCUS-OUT-REPORT")).toBe(false);
    expect(screenHas(terminal.id, "exited with code 129")).toBe(false);
    // The new run takes typing again.
    service.input(terminal.id, "x");
    expect(service.get(terminal.id)).toMatchObject({ status: "running", ending: null });
  });

  it("says a signal it did not send ended a process", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24, argv: ["/bin/bash", "-c", "echo ready; kill -TERM $$"] });
    await until(() => service.get(terminal.id).status === "exited", "the process to end");
    expect(service.get(terminal.id)).toMatchObject({ ending: "signal", signal: "SIGTERM", problem: "ended by SIGTERM" });
  });

  it("runs a shell in the session's folder with its env set and streams to a viewer", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24 });
    const viewer = recordingViewer();
    service.attach(terminal.id, "v1", viewer);
    expect(viewer.frames[0]?.type).toBe("terminal_snapshot");
    service.input(terminal.id, "echo \"dir=$(pwd) var=$CHATML_TEST_VAR sum=$((20+22))\"\n");
    await until(() => screenHas(terminal.id, `dir=${dir} var=from-env-set sum=42`), "the echo");
    await until(() => viewer.frames.some((f) => f.type === "terminal_output" && f.data.includes("sum=42")), "live output");
  });

  it("keeps running with nobody watching; a later viewer gets the screen as a snapshot", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24 });
    service.input(terminal.id, "for i in 1 2 3; do echo line-$i; done\n");
    await until(() => screenHas(terminal.id, "line-3"), "the loop output");
    const viewer = recordingViewer();
    service.attach(terminal.id, "late", viewer);
    const snapshot = viewer.frames[0];
    expect(snapshot?.type === "terminal_snapshot" && snapshot.data.includes("line-2")).toBe(true);
  });

  it("publishes what its screen tells (an interactive claude's mode), as the screen changes and only then", async () => {
    const lists: Array<string | null | undefined> = [];
    service.onChange((_, terminals) => lists.push(terminals[0]?.permissionMode));
    // A stand-in for a TUI's status line: the screen's last line ending in "mode:<word>" tells the mode.
    const readScreen = (screen: string[]) => {
      const word = screen.map((line) => line.match(/mode:(\w+)\s*$/)?.[1]).filter(Boolean).at(-1);
      return word === "plan" || word === "acceptEdits" ? { permissionMode: word as "plan" | "acceptEdits" } : null;
    };
    const t = service.create(SESSION, { kind: "claude", cols: 80, rows: 24, argv: ["/bin/bash", "--norc", "-i"], readScreen, permissionMode: "default" });
    expect(t.permissionMode).toBe("default");
    service.input(t.id, "echo mode:plan\r");
    await until(() => service.get(t.id).permissionMode === "plan", "the mode read off the screen");
    service.input(t.id, "echo mode:acceptEdits\r");
    await until(() => service.get(t.id).permissionMode === "acceptEdits", "the changed mode");
    // Each mode was published once: a screen that says the same again publishes nothing.
    expect(lists.filter((mode) => mode === "plan")).toHaveLength(1);
    expect(service.create(SESSION, { cols: 80, rows: 24 }).permissionMode).toBeUndefined();
  });

  it("refuses a sixth terminal and an unknown session", () => {
    for (let i = 0; i < 5; i += 1) service.create(SESSION, { cols: 40, rows: 10 });
    expect(() => service.create(SESSION, { cols: 40, rows: 10 })).toThrow(/at most 5/);
    expect(() => service.create("ses_missing-session" as SessionId, { cols: 40, rows: 10 })).toThrow(/does not exist/);
  });

  it("shows a binary that exits at once, and one that cannot start, without harming the others", async () => {
    const shell = service.create(SESSION, { cols: 80, rows: 24 });
    const quick = service.create(SESSION, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "echo bye; exit 3"] });
    const missing = service.create(SESSION, { cols: 80, rows: 24, argv: ["/definitely/not/here"] });
    expect(missing).toMatchObject({ status: "exited", ending: "could_not_start" });
    // Its path said once (Bun's error repeats it), with why.
    expect(missing.problem).toBe("Could not start /definitely/not/here: ENOENT: no such file or directory");
    await until(() => service.get(quick.id).status === "exited", "the quick exit");
    expect(service.get(quick.id).exitCode).toBe(3);
    expect(screenHas(quick.id, "[process exited with code 3]")).toBe(true);
    service.input(shell.id, "echo still-alive\n");
    await until(() => screenHas(shell.id, "still-alive"), "the other shell");
  });

  it("turns bytes that are not UTF-8 into replacement characters", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "printf 'a\\377\\376b\\n'; printf '\\342\\202'; printf '\\254 ok\\n'"] });
    await until(() => service.get(terminal.id).status === "exited", "exit");
    expect(service.live(terminal.id).screenText().join("\n")).toContain("a\uFFFD\uFFFDb");
    expect(screenHas(terminal.id, "€ ok")).toBe(true);
  });

  it("settles a resize storm to the last size", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24 });
    for (let i = 0; i < 300; i += 1) service.resize(terminal.id, 40 + (i % 60), 10 + (i % 30));
    service.resize(terminal.id, 101, 33);
    await until(() => service.get(terminal.id).cols === 101, "the resize");
    service.input(terminal.id, "stty size\n");
    await until(() => screenHas(terminal.id, "33 101"), "stty size");
  });

  it("kills, restarts and closes; closing a session ends its terminals", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24 });
    service.input(terminal.id, "sleep 1000\n");
    expect((await service.kill(terminal.id)).status).toBe("exited");
    const restarted = await service.restart(terminal.id);
    expect(restarted.status).toBe("running");
    service.input(terminal.id, "echo again\n");
    await until(() => screenHas(terminal.id, "again"), "the restarted shell");
    await service.closeSession(SESSION);
    expect(service.list(SESSION)).toEqual([]);
    expect(() => service.get(terminal.id)).toThrow(/does not exist/);
  });

  it("Restart tapped twice starts one process, and Close during a restart leaves none", async () => {
    const tag = `${Date.now() % 100000}${process.pid % 1000}`;
    const terminal = service.create(SESSION, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", `sleep 4101${tag}`] });
    await until(() => sleepsTagged(tag).length === 1, "the first sleep");
    await Promise.all([service.restart(terminal.id), service.restart(terminal.id)]);
    await until(() => sleepsTagged(tag).length > 0, "the restarted sleep");
    expect(sleepsTagged(tag)).toHaveLength(1);
    expect(service.get(terminal.id).status).toBe("running");

    const restarting = service.restart(terminal.id);
    await service.close(terminal.id);
    await restarting;
    expect(sleepsTagged(tag)).toEqual([]);
  }, 20_000);

  it("gives a terminal a UTF-8 locale when the server has none, and keeps the user's own", async () => {
    const bare = service.create(SESSION, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "echo \"lang=[$LANG] all=[$LC_ALL]\""] });
    await until(() => service.get(bare.id).status === "exited", "the first echo");
    expect(screenHas(bare.id, "lang=[C.UTF-8] all=[]") || screenHas(bare.id, "lang=[en_US.UTF-8] all=[]")).toBe(true);
    const own = new TerminalService({
      spawn: spawnPty,
      now: () => Date.now(),
      placeOf: () => ({ cwd: dir, env: { LC_ALL: "de_DE.UTF-8" } }),
      baseEnv: { PATH: process.env.PATH },
    });
    const kept = own.create(SESSION, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "echo \"lang=[$LANG] all=[$LC_ALL]\""] });
    await until(() => own.get(kept.id).status === "exited", "the second echo");
    expect(own.live(kept.id).screenText().join("\n")).toContain("lang=[] all=[de_DE.UTF-8]");
    await own.stopAll();
  });

  it("closing a terminal ends what it started: background jobs and a foreground process that ignores the hang-up", async () => {
    const tag = `${Date.now() % 100000}${process.pid % 1000}`;
    const terminal = service.create(SESSION, { cols: 80, rows: 24 });
    service.input(terminal.id, `sleep 4001${tag} &\n`);
    service.input(terminal.id, `trap "" HUP; sleep 4002${tag}\n`);
    const outsider = Bun.spawn(["sleep", `4003${tag}`], { stdout: "ignore", stderr: "ignore" });
    try {
      await until(() => sleepsTagged(tag).length === 3, "the sleeps to start");
      await service.close(terminal.id);
      expect(sleepsTagged(tag)).toEqual([`sleep 4003${tag}`]);
    } finally {
      outsider.kill();
    }
  }, 20_000);

  it("Close tapped again (or on another device) while the process ignores the hang-up joins the first close", async () => {
    const terminal = service.create(SESSION, { cols: 80, rows: 24 });
    service.input(terminal.id, `trap "" HUP; printf 'trapped-%s\\n' ok\n`);
    await until(() => screenHas(terminal.id, "trapped-ok"), "the trap");
    const first = service.close(terminal.id);
    const second = service.close(terminal.id);
    await Promise.all([first, second]);
    expect(service.list(SESSION)).toEqual([]);
    await expect(service.close(terminal.id)).rejects.toMatchObject({ code: "not_found" });
  }, 20_000);

  it("a flood cannot grow memory: a lagging viewer drops to a snapshot and catches up", async () => {
    const terminal = service.create(SESSION, { cols: 120, rows: 30, argv: ["/bin/sh", "-c", "head -c 60000000 /dev/zero | tr '\\0' 'x'; echo; echo flood-done"] });
    const fast = recordingViewer(true);
    const slow = recordingViewer();
    slow.buffered = LAG_HIGH_WATER + 1;
    service.attach(terminal.id, "fast", fast);
    service.attach(terminal.id, "slow", slow);
    // What this thread's heap keeps (strings and buffers included), after a full collection: the process's RSS would
    // also count the other test worker's threads and this one's garbage not yet collected.
    const retained = () => (Bun.gc(true), heapStats().heapSize);
    const before = retained();
    const bound = before + MAX_FLOOD_HEAP_GROWTH;
    // A full collection never grows the heap, so a heap under the bound with its garbage is under it without: only a
    // sample above it pays for one. A full collection costs most in a worker holding the modules of every server test
    // file before it (ADR 0053): with one every 100 ms the test took 50 s of a loaded unit run, 4–5 s alone.
    const sample = () => {
      const withGarbage = heapStats().heapSize;
      return withGarbage < bound ? withGarbage : retained();
    };
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, sample())), 100);
    await until(() => service.get(terminal.id).status === "exited", "the flood to end");
    clearInterval(sampler);
    peak = Math.max(peak, retained());
    expect(fast.outputChars).toBeGreaterThan(60_000_000);
    expect(service.live(terminal.id).viewerLagCount("slow")).toBeGreaterThan(0);
    expect(slow.frames.filter((f) => f.type === "terminal_output").length).toBeLessThan(3);
    // 60 MB went through; the server holds none of it beyond the screen model and a frame per viewer (~3 MB here).
    expect(peak).toBeLessThan(bound);
    slow.buffered = 0;
    await until(() => slow.frames.some((f) => f.type === "terminal_snapshot" && f.isCatchUp && f.data.includes("flood-done")), "catch-up");
    // Kept up since (its socket drained, the flood over): it is told, so its "too fast" notice can go.
    await until(() => slow.frames.at(-1)?.type === "terminal_caught_up", "the caught-up frame");
    expect(fast.frames.some((f) => f.type === "terminal_caught_up")).toBe(false);
  }, 120_000);
});
