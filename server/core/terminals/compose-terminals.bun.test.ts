import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../shared/ids.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "../workspaces/workspace-test-kit.ts";
import { composeTerminals } from "./compose-terminals.ts";
import { MAX_ENDED_NOTICES_PER_SESSION } from "../../persistence/terminal-repo.ts";
import type { TerminalService } from "./terminal-service.ts";
import { until } from "../../test-support/until.ts";

let kit: WorkspaceKit;
let terminals: TerminalService;
let folder = "";

beforeEach(() => {
  kit = makeWorkspaceKit();
  terminals = composeTerminals({ repos: kit.t.repos, bus: kit.bus, now: Date.now, env: shellEnv() });
  folder = realpathSync(mkdtempSync(join(tmpdir(), "chatml-compose-terminals-")));
});
afterEach(async () => {
  await terminals.stopAll();
  kit.close();
  rmSync(folder, { recursive: true, force: true });
  rmSync(kit.dataDir, { recursive: true, force: true });
});

/**
 * bash with HOME set to the kit's empty data folder: without one, bash read the machine's own ~/.bashrc (by the
 * password file) with $HOME empty, and its pyenv rehash waited 60 s for a lock in /.pyenv that a killed shell had left,
 * so no command ran (local CI fc112). The user's rc files are not what these tests are about.
 */
const shellEnv = () => ({ PATH: process.env.PATH, SHELL: "/bin/bash", HOME: kit.dataDir });

/** The `sleep` processes still alive whose argument ends with `tag`. */
function sleepsTagged(tag: string): string[] {
  const ps = Bun.spawnSync(["ps", "-A", "-o", "args="]).stdout.toString();
  return ps.split("\n").map((line) => line.trim()).filter((line) => line.startsWith("sleep ") && line.endsWith(tag));
}

/** Two terminals in the session, each running a shell with a background `sleep` and a foreground one. */
async function busyTerminals(sessionId: SessionId, tag: string): Promise<void> {
  for (const n of [1, 2]) {
    const terminal = terminals.create(sessionId, { cols: 80, rows: 24 });
    terminals.input(terminal.id, `sleep 50${n}1${tag} & sleep 50${n}2${tag}\n`);
  }
  await until(() => sleepsTagged(tag).length === 4, "the sleeps to start");
  expect(terminals.countRunning([sessionId])).toBe(2);
}

describe("a session's terminals end with it (real PTYs, real bash)", () => {
  it("removing its workspace (archived, history kept) ends them and all they started; none opens there after", async () => {
    const tag = `${Date.now() % 100000}${process.pid % 1000}`;
    const { workspace, session } = await kit.workspaces.startInFolder({ path: folder });
    await busyTerminals(session.id, tag);

    await kit.workspaces.archiveWorkspace(workspace.id);
    await until(() => terminals.list(session.id).length === 0 && sleepsTagged(tag).length === 0, "the terminals and their processes to end");
    expect(() => terminals.create(session.id, { cols: 80, rows: 24 })).toThrow(/archived/);

    await kit.workspaces.restoreWorkspace(workspace.id);
    expect(terminals.create(session.id, { cols: 80, rows: 24 }).status).toBe("running");
  }, 30_000);

  it("archiving the session ends them too; unarchived, it opens terminals again", async () => {
    const tag = `${Date.now() % 100000}${process.pid % 1000}`;
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    const other = await kit.workspaces.startInFolder({ path: realpathSync(mkdtempSync(join(folder, "other-"))) });
    const bystander = terminals.create(other.session.id, { cols: 80, rows: 24 });
    await busyTerminals(session.id, tag);

    await kit.lifecycle.archive(session.id);
    await until(() => terminals.list(session.id).length === 0 && sleepsTagged(tag).length === 0, "the terminals and their processes to end");
    expect(terminals.get(bystander.id).status).toBe("running");
    await expect(async () => terminals.create(session.id, { cols: 80, rows: 24 })).rejects.toMatchObject({ code: "conflict" });

    await kit.lifecycle.unarchive(session.id);
    expect(terminals.create(session.id, { cols: 80, rows: 24 }).status).toBe("running");
  }, 30_000);

  it("deleting the session ends them", async () => {
    const tag = `${Date.now() % 100000}${process.pid % 1000}`;
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    await busyTerminals(session.id, tag);
    await kit.lifecycle.delete(session.id, { force: false, deleteBranch: false });
    await until(() => terminals.list(session.id).length === 0 && sleepsTagged(tag).length === 0, "the terminals and their processes to end");
  }, 30_000);
});

describe("terminals a server stop ended are said after the next start (real SQLite, real PTYs)", () => {
  const startAgain = () => composeTerminals({ repos: kit.t.repos, bus: kit.bus, now: Date.now, env: shellEnv() });

  it("lists each running one as ended by the restart and each exited one with how it exited, until dismissed; closed ones say nothing", async () => {
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    const shell = terminals.create(session.id, { name: "build", cols: 80, rows: 24 });
    const closed = terminals.create(session.id, { cols: 80, rows: 24 });
    await terminals.close(closed.id);
    const exited = terminals.create(session.id, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "echo 'make: *** [all] Error 3'; exit 3"] });
    await until(() => terminals.get(exited.id).status === "exited", "the short command to exit");
    const unstarted = terminals.create(session.id, { cols: 80, rows: 24, argv: ["/nonexistent/z1term-shell"] });
    terminals.input(shell.id, "echo last-$((6*7))-words\n");
    await until(() => terminals.live(shell.id).screenText().includes("last-42-words"), "the shell to print");
    await terminals.stopAll();

    terminals = startAgain();
    expect(terminals.list(session.id)).toEqual([]);
    expect(terminals.ended(session.id)).toEqual([
      expect.objectContaining({ id: shell.id, name: "build", kind: "shell", conversationId: null, createdAt: shell.createdAt, reason: "server_restart" }),
      // It vanished from the list without a word before; its exit code goes with it.
      expect.objectContaining({ id: exited.id, reason: "exited", ending: "exit_code", exitCode: 3 }),
      expect.objectContaining({ id: unstarted.id, reason: "exited", ending: "could_not_start" }),
    ]);
    // Their last words: what each screen showed as it ended, not the line ChatML wrote as it ended them.
    const [shellLast, exitedLast] = terminals.ended(session.id).map((t) => t.lastLines ?? []);
    expect(shellLast).toContain("last-42-words");
    expect(shellLast?.join("\n")).not.toContain("[closed]");
    expect(exitedLast).toEqual(["make: *** [all] Error 3"]);
    // One that never started printed nothing: its notice says why, and keeps no line of ChatML's own saying it again.
    expect(terminals.ended(session.id).find((t) => t.id === unstarted.id)).toMatchObject({ ending: "could_not_start" });
    expect(terminals.ended(session.id).find((t) => t.id === unstarted.id)?.lastLines).toBeUndefined();
    // A crash (no stop at all) still says it at the next start, once.
    terminals = startAgain();
    expect(terminals.ended(session.id).map((t) => t.id)).toEqual([shell.id, exited.id, unstarted.id]);

    terminals.dismissEnded(shell.id);
    terminals.dismissEnded(exited.id);
    terminals.dismissEnded(unstarted.id);
    expect(terminals.ended(session.id)).toEqual([]);
    expect(() => terminals.dismissEnded(shell.id)).toThrow(/No ended terminal/);
  }, 30_000);

  it("keeps a session's newest notices only, restart after restart, and another session's are not counted with them", async () => {
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    const other = await kit.workspaces.startInFolder({ path: realpathSync(mkdtempSync(join(folder, "other-"))) });
    const quick = { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "exit 0"] };
    const othersNotice = terminals.create(other.session.id, quick);
    const created: string[] = [];
    for (let restart = 0; restart < 5; restart++) {
      for (let i = 0; i < 5; i++) created.push(terminals.create(session.id, quick).id);
      await terminals.stopAll();
      terminals = startAgain();
    }
    expect(terminals.ended(session.id).map((t) => t.id)).toEqual(created.slice(-MAX_ENDED_NOTICES_PER_SESSION));
    expect(terminals.ended(other.session.id).map((t) => t.id)).toEqual([othersNotice.id]);
  }, 30_000);

  it("a terminal left by a crash (the server never stopped it) is said ended too", async () => {
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    const shell = terminals.create(session.id, { cols: 80, rows: 24 });
    const crashed = terminals;
    terminals = startAgain();
    expect(terminals.ended(session.id).map((t) => t.id)).toEqual([shell.id]);
    await crashed.close(shell.id);
  }, 30_000);

  it("one a crash ended keeps the last lines its screen showed, recorded while it ran, through a rename after them", async () => {
    const running = composeTerminals({ repos: kit.t.repos, bus: kit.bus, now: Date.now, env: shellEnv(), lastLinesEveryMs: 20 });
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    const shell = running.create(session.id, { name: "build", cols: 80, rows: 24 });
    running.input(shell.id, "echo crash-$((6*7))-words\n");
    // Its record as a server killed now would leave it (read as the next start reads it, from the database).
    const recorded = () => kit.t.db.get<{ info: string }>("SELECT info FROM terminals WHERE id = $id", { id: shell.id })?.info ?? "";
    await until(() => recorded().includes("crash-42-words"), () => `its last lines to be recorded: ${recorded()}`);
    running.rename(shell.id, "build 2");
    expect(recorded()).toContain("crash-42-words");

    terminals = startAgain();
    const [notice] = terminals.ended(session.id);
    expect(notice).toMatchObject({ id: shell.id, name: "build 2", reason: "server_restart" });
    expect(notice?.lastLines).toContain("crash-42-words");
    await running.stopAll();
  }, 30_000);
});

describe("how ChatML went is said for the terminals it ended: a clean stop or a crash (real SQLite, real PTYs)", () => {
  let clock = 0;
  const now = () => clock;
  const startAt = (time: number) => {
    clock = time;
    return composeTerminals({ repos: kit.t.repos, bus: kit.bus, now, env: shellEnv(), lastLinesEveryMs: 1000 });
  };

  it("a clean stop says it stopped, at its stop's time", async () => {
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    await terminals.stopAll();
    terminals = startAt(1_000);
    const shell = terminals.create(session.id, { name: "build", cols: 80, rows: 24 });
    clock = 7_000;
    await terminals.stopAll();

    terminals = startAt(9_000);
    expect(terminals.ended(session.id)).toEqual([expect.objectContaining({ id: shell.id, reason: "server_restart", endedBy: "stop", endedAt: 7_000 })]);
  }, 30_000);

  it("a service dropped without its stop (a crash) says so at the next start, with when it was last seen running it", async () => {
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    await terminals.stopAll();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const crashed = startAt(1_000);
      const shell = crashed.create(session.id, { name: "build", cols: 80, rows: 24 });
      const exited = crashed.create(session.id, { cols: 80, rows: 24, argv: ["/bin/sh", "-c", "exit 3"] });
      await until(() => crashed.get(exited.id).status === "exited", "the short command to exit");
      clock = 5_000;
      vi.advanceTimersByTime(1000);
      clock = 60_000;

      terminals = startAt(90_000);
      expect(terminals.ended(session.id)).toEqual([
        expect.objectContaining({ id: shell.id, reason: "server_restart", endedBy: "crash", endedAt: 5_000 }),
        expect.objectContaining({ id: exited.id, reason: "exited", exitCode: 3, endedBy: "crash", endedAt: 5_000 }),
      ]);
      await crashed.stopAll();
    } finally {
      vi.useRealTimers();
    }
  }, 30_000);
});

describe("the timer that records open terminals for a crash's notices (real SQLite, real PTYs)", () => {
  it("is pending only while a terminal is open, and records a running one's last lines meanwhile", async () => {
    await terminals.stopAll();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      terminals = composeTerminals({ repos: kit.t.repos, bus: kit.bus, now: Date.now, env: shellEnv(), lastLinesEveryMs: 1000 });
      expect(vi.getTimerCount()).toBe(0);
      const { session } = await kit.workspaces.startInFolder({ path: folder });
      const shell = terminals.create(session.id, { cols: 80, rows: 24 });
      const other = terminals.create(session.id, { cols: 80, rows: 24 });
      expect(vi.getTimerCount()).toBe(1);
      terminals.input(shell.id, "echo tick-$((6*7))-words\n");
      await until(() => terminals.live(shell.id).screenText().join("\n").includes("tick-42-words"), "the shell to print");
      const recorded = () => kit.t.db.get<{ info: string }>("SELECT info FROM terminals WHERE id = $id", { id: shell.id })?.info ?? "";
      expect(recorded()).not.toContain("tick-42-words");
      vi.advanceTimersByTime(1000);
      expect(recorded()).toContain("tick-42-words");

      await terminals.close(shell.id);
      expect(vi.getTimerCount()).toBe(1);
      await terminals.close(other.id);
      expect(vi.getTimerCount()).toBe(0);
      terminals.create(session.id, { cols: 80, rows: 24 });
      expect(vi.getTimerCount()).toBe(1);
      await terminals.stopAll();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  }, 30_000);
});
