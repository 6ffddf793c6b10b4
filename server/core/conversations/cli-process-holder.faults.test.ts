import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PermissionId } from "../../../shared/ids.ts";
import type { DurableEvent, SequencedEvent } from "../../../shared/protocol/events.ts";
import { CliSocketRegistry } from "../../claude/cli-socket-registry.ts";
import { startCliSocketServer, type CliSocketServer } from "../../claude/fixtures/fake-cli/cli-socket-server.ts";
import { FAKE_CLI_SCRIPT, writeFakeCliBin } from "../../claude/fixtures/fake-cli/fake-cli-bin.ts";
import { DEFAULT_SETTINGS } from "../../persistence/settings-repo.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import { DiscoveringCliLauncher } from "./cli-launcher.ts";
import { RELAUNCH_REASON } from "./cli-process-holder.ts";
import { LOST_SESSION_NOTICE } from "./lost-session.ts";
import type { CliExitInfo } from "../../claude/contracts.ts";
import type { CliLauncher, LaunchExtras } from "../ports.ts";
import { ConversationService } from "./conversation-service.ts";

/*
 * The CLI process's lifetime (cli-process-holder.ts) when the process misbehaves, with real child processes of the fake
 * CLI on both transports, real SQLite and the real service. Whatever happens, a message is stored if and only if its
 * send was acknowledged, every event devices were sent is stored, and the conversation ends in a state the user can see
 * and act on. Files in the test's folder steer the CLI's wrapper: `fail-start` (it exits at once with a reason),
 * `fail-resume` (a `--resume` exits so), `version.gate` (its `--version`, run when the launcher first looks for it,
 * waits for `version.release`: a launch held in flight), `hang` (it starts and never says anything: over sdk-url it
 * never connects), `linger` (once its input ends, the CLI writes `cli.closed` and
 * exits only when `cli.release` exists), `lose-session` (a `--resume` finds no saved session, as a real CLI killed
 * before it wrote its transcript: it says so and exits, 0.3 s after it started), `input-closed` (the launched process
 * takes no input: like one that exited before its exit was known), `exit-held` (the launched process's exit reaches
 * ChatML only when the test calls `releaseExits()`: Bun knew the exit code, so its input refused a prompt, while the
 * exit itself was still on its way). Every start of a CLI appends "<pid> <args>" to `launches`.
 */
type Harness = Awaited<ReturnType<typeof setup>>;
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.cleanup();
  harness = null;
});

let commands = 0;
const commandId = () => `cmd-${commands++}`;

async function setup(transport: "stdio" | "sdk-url", options: { sleepAfterMs?: number; launchExtras?: () => LaunchExtras } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "chatml-holder-faults-"));
  const file = (name: string) => join(dir, name);
  const fake = `exec "${process.execPath}" "${FAKE_CLI_SCRIPT}" "$@"`;
  const bin = await writeFakeCliBin(
    dir,
    [
      `case " $* " in *" --version "*) [ -e "${file("version.gate")}" ] && while [ ! -e "${file("version.release")}" ]; do sleep 0.02; done; ${fake};; esac`,
      `echo "$$ $*" >> "${file("launches")}"`,
      `[ -e "${file("linger")}" ] && export FAKE_CLI_LINGER="${file("cli")}"`,
      `[ -e "${file("fail-start")}" ] && { echo "fake-cli: cannot start: the config is broken" >&2; exit 7; }`,
      `[ -e "${file("hang")}" ] && exec sleep 120`,
      `case " $* " in *" --resume "*) [ -e "${file("fail-resume")}" ] && { echo "fake-cli: cannot resume: the disk is full" >&2; exit 9; };; esac`,
      `case " $* " in *" --resume "*) [ -e "${file("lose-session")}" ] && { sleep 0.3; export FAKE_CLI_LOST_SESSIONS=1; };; esac`,
      fake,
    ].join("\n"),
  );
  const temp: TempDb = openTempDb();
  const { conversation } = seedConversation(temp.repos, dir);
  const id = conversation.id;
  const bus = new EventBus();
  const published: SequencedEvent[] = [];
  bus.subscribe((message) => message.kind === "event" && message.conversationId === id && published.push(message.sequenced));
  const registry = new CliSocketRegistry();
  const sockets: CliSocketServer | null = transport === "sdk-url" ? startCliSocketServer(registry) : null;
  const launcher = new DiscoveringCliLauncher({
    explicitBin: bin,
    settings: () => ({ ...DEFAULT_SETTINGS, transport, cliSleepAfterMinutes: 0 }),
    env: { ...process.env, FAKE_CLI_VERSION: transport === "sdk-url" ? "2.1.119" : "2.1.330" },
    registry,
  });
  if (sockets) launcher.setSdkUrlBase(() => sockets.baseUrl);
  let releaseExits = () => undefined as void;
  let heldExits = 0;
  const refused: string[] = [];
  const takingNoInput: CliLauncher = {
    async launch(request, exitListener) {
      const exitHeld = existsSync(file("exit-held")) ? new Promise<void>((resolve) => (releaseExits = resolve)) : null;
      const listener = exitHeld ? { ...exitListener, onExit: (info: CliExitInfo) => void (heldExits++, exitHeld.then(() => exitListener.onExit(info))) } : exitListener;
      const launched = await launcher.launch(request, listener);
      if (!existsSync(file("input-closed"))) return launched;
      const refuse = (message: { type: string }) => (refused.push(message.type), false);
      const exited = exitHeld ? exitHeld.then(() => launched.process.exited) : launched.process.exited;
      const process = new Proxy(launched.process, { get: (target, key) => (key === "send" ? refuse : key === "exited" ? exited : Reflect.get(target, key, target)) });
      return { ...launched, process };
    },
  };
  let sleepAfterMs = options.sleepAfterMs ?? 0;
  const service = new ConversationService({ repos: temp.repos, bus, launcher: takingNoInput, now: Date.now, sleepAfterMs: () => sleepAfterMs, ...(options.launchExtras ? { launchExtras: options.launchExtras } : {}) });

  const events = () => temp.repos.events.listAfter(id, 0, 100_000).map((sequenced) => sequenced.event);
  const ofType = <T extends DurableEvent["type"]>(type: T) => events().filter((event): event is Extract<DurableEvent, { type: T }> => event.type === type);
  const conversationNow = () => temp.repos.conversations.get(id);
  const launches = () => (existsSync(file("launches")) ? readFileSync(file("launches"), "utf8").trim().split("\n").filter(Boolean) : []);
  const userMessages = () => temp.repos.messages.list(id).filter((message) => message.role === "user");
  const assistantTexts = () =>
    temp.repos.messages
      .list(id)
      .filter((message) => message.role === "assistant")
      .flatMap((message) => message.parts.flatMap((part) => (part.kind === "text" ? [part.text] : [])));
  /** Sends `text`; the answer is the message id, or the error the sender was given. */
  const send = (text: string) => service.sendMessage(id, { commandId: commandId(), text, images: [] }).then(({ messageId }) => messageId, (error: unknown) => error as Error & { code?: string });
  const sendAndWaitForTurn = async (text: string) => {
    const before = ofType("turn.completed").length;
    const outcome = await send(text);
    expect(outcome).toEqual(expect.any(String));
    await expect.poll(() => ofType("turn.completed").length).toBe(before + 1);
  };

  /**
   * Runs `act` (once, or each time) when the conversation becomes ready: as a launch settles, after the CLI is live
   * and before the send that launched it writes its prompt (the bus is told inside the launch). Answers an unsubscribe.
   */
  const whenReady = (act: () => void, times: "once" | "each time") => {
    let hasActed = false;
    return bus.subscribe((message) => {
      if (message.kind !== "event" || message.conversationId !== id) return;
      const { event } = message.sequenced;
      if (event.type !== "conversation.status.changed" || event.status !== "ready" || (hasActed && times === "once")) return;
      hasActed = true;
      act();
    });
  };

  return {
    id,
    repos: temp.repos,
    whenReady,
    service,
    file,
    events,
    ofType,
    conversationNow,
    launches,
    userMessages,
    assistantTexts,
    send,
    sendAndWaitForTurn,
    /** Lets the exits held by `exit-held` reach ChatML. */
    releaseExits: () => releaseExits(),
    /** How many exits `exit-held` holds back (each one the OS has reported). */
    heldExits: () => heldExits,
    /** The types of the messages a process launched under `input-closed` refused. */
    refused: () => [...refused],
    /** Changes the idle-sleep time, as the setting does (the service is told, as the composition root tells it). */
    setSleepAfterMs(ms: number) {
      sleepAfterMs = ms;
      service.idleSleepChanged();
    },
    /** Cuts the sdk-url CLI's socket from the server's side; the CLI dials again and replays what it sent. */
    dropCliSocket: () => sockets?.sockets.forEach((socket) => socket.terminate()),
    /** A message is stored if and only if its send was acknowledged (its id came back). */
    expectStoredOnlyIfAcknowledged(outcome: string | Error, text: string) {
      const stored = userMessages().filter((message) => message.parts.some((part) => part.kind === "text" && part.text === text));
      if (typeof outcome === "string") expect(stored.map((message) => message.id)).toContain(outcome);
      else expect(stored).toEqual([]);
    },
    /** Every event devices were sent is stored, with the same sequence number and content. */
    expectPublishedStored() {
      expect(published.length).toBeGreaterThan(0);
      const stored = new Map(temp.repos.events.listAfter(id, 0, 100_000).map((sequenced) => [sequenced.seq, sequenced.event]));
      for (const sequenced of published) expect(stored.get(sequenced.seq)).toEqual(sequenced.event);
    },
    async cleanup() {
      writeFileSync(file("version.release"), "");
      writeFileSync(file("cli.release"), "");
      await service.stopAll();
      sockets?.server.stop(true);
      temp.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const pidOf = (launch: string | undefined) => Number(launch?.split(" ")[0]);
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("a conversation whose folder was deleted outside ChatML", () => {
  it("refuses the message saying the folder is gone, stores nothing of it, and works again once the folder is back", async () => {
    const h = (harness = await setup("stdio"));
    const folder = mkdtempSync(join(tmpdir(), "chatml-holder-gone-"));
    const session = h.repos.sessions.get(h.repos.conversations.get(h.id)!.sessionId)!;
    h.repos.sessions.update(session.id, { cwd: folder });
    rmSync(folder, { recursive: true });
    const outcome = await h.send("hello into nowhere");
    const said = `The folder ${folder} is gone (deleted outside ChatML). Delete this session to clean up.`;
    expect(outcome).toMatchObject({ code: "conflict", message: said });
    h.expectStoredOnlyIfAcknowledged(outcome, "hello into nowhere");
    expect(h.ofType("notice").map((notice) => notice.text)).toContain(`Could not start Claude Code: ${said}`);
    expect(h.launches()).toEqual([]);

    mkdirSync(folder);
    try {
      await h.sendAndWaitForTurn("hello again");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe.each(["stdio", "sdk-url"] as const)("a CLI process's lifetime under faults (%s)", (transport) => {
  it("the CLI exits as it starts: the conversation says exited with the CLI's reason; the next message starts a working one", async () => {
    const h = (harness = await setup(transport));
    writeFileSync(h.file("fail-start"), "");
    const outcome = await h.send("hello 1");
    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    expect(h.conversationNow()?.statusReason).toMatch(/code 7: fake-cli: cannot start: the config is broken/);
    // sdk-url: the CLI died before it connected, so the launch failed and the sender was told why. stdio: the message
    // may have reached the pipe before the CLI died; either way what the sender was told matches what is stored.
    if (transport === "sdk-url") expect(outcome).toMatchObject({ code: "cli_unavailable", message: expect.stringContaining("cannot start") });
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 1");

    rmSync(h.file("fail-start"));
    await h.sendAndWaitForTurn("hello 7");
    await expect.poll(() => h.conversationNow()?.status).toBe("ready");
    h.expectPublishedStored();
  });

  it("a relaunch hands the session to a new process: its exit says restarted, not stopped, and the new one answers", async () => {
    const h = (harness = await setup(transport));
    await h.sendAndWaitForTurn("hello before the relaunch");
    await h.service.relaunch(h.id, commandId());
    await expect.poll(() => h.launches()).toHaveLength(2);
    const exit = h.ofType("process.exited").at(-1);
    expect(exit).toMatchObject({ reason: RELAUNCH_REASON, isExpected: true, handoff: "restart" });
    await expect.poll(() => h.conversationNow()?.status).not.toBe("exited");
    await h.sendAndWaitForTurn("hello after the relaunch");
    expect(h.launches()).toHaveLength(2);
    h.expectPublishedStored();
  });

  it("what a launch holds (its MCP file) is released once, by that launch's own exit or failure, never by another's", async () => {
    const released: number[] = [];
    let launchCount = 0;
    const h = (harness = await setup(transport, {
      launchExtras: () => {
        const launch = ++launchCount;
        return { args: [], env: {}, release: () => released.push(launch) };
      },
    }));
    await h.sendAndWaitForTurn("hello 1");
    await h.service.relaunch(h.id, commandId());
    // The first process exited and released its own launch; the relaunched one still holds its own.
    await expect.poll(() => released).toEqual([1]);
    writeFileSync(h.file("fail-start"), "");
    await h.service.relaunch(h.id, commandId()).catch(() => undefined);
    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    // The second exited for the relaunch, and the third died as it started: each released its own, once.
    await expect.poll(() => [...released].sort()).toEqual([1, 2, 3]);
  });

  it("a second message while the first one's launch is in flight joins that launch: one process answers both", async () => {
    const h = (harness = await setup(transport));
    writeFileSync(h.file("version.gate"), "");
    const first = h.send("hello 2");
    await expect.poll(() => h.conversationNow()?.status).toBe("starting");
    const second = h.send("hello 3");
    writeFileSync(h.file("version.release"), "");
    expect(await first).toEqual(expect.any(String));
    expect(await second).toEqual(expect.any(String));
    await expect.poll(() => h.ofType("turn.completed").length).toBe(2);
    expect(h.launches()).toHaveLength(1);
    expect(h.userMessages()).toHaveLength(2);
    h.expectPublishedStored();
  });

  it("a stop asked while the CLI starts stops it once it is up, instead of leaving it running", async () => {
    const h = (harness = await setup(transport));
    writeFileSync(h.file("version.gate"), "");
    const sent = h.send("hello 4");
    await expect.poll(() => h.conversationNow()?.status).toBe("starting");
    const stopped = h.service.stop(h.id, commandId());
    writeFileSync(h.file("version.release"), "");
    await stopped;
    const outcome = await sent;
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 4");
    if (typeof outcome !== "string") expect(outcome).toMatchObject({ code: "cli_unavailable", message: expect.stringMatching(/stopped before your message reached it/) });
    expect(h.launches()).toHaveLength(1);
    await expect.poll(() => isRunning(pidOf(h.launches()[0]))).toBe(false);
    await expect.poll(() => h.conversationNow()?.status).toBe("idle");
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: true, reason: "Stopped" })]);
    await expect.poll(() => h.service.liveRuntimeCount).toBe(0);
    h.expectPublishedStored();
  });

  // Only an sdk-url launch waits for its CLI (to connect); a stdio CLI is live as soon as it is spawned.
  it.runIf(transport === "sdk-url")("a stop asked while the CLI hangs as it starts ends it at once, not after the launch's wait for it (shutdown)", async () => {
    const h = (harness = await setup(transport));
    writeFileSync(h.file("hang"), "");
    const sent = h.send("hello 5");
    await expect.poll(() => h.launches()).toHaveLength(1);
    await expect.poll(() => h.conversationNow()?.status).toBe("starting");
    // The launch would wait 15 s for the CLI to connect; the stop cuts that short (this test has 8 s).
    await h.service.stop(h.id, commandId());
    const outcome = await sent;
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 5");
    await expect.poll(() => isRunning(pidOf(h.launches()[0]))).toBe(false);
    await expect.poll(() => h.conversationNow()?.status).not.toBe("starting");
    h.expectPublishedStored();
  }, 8_000);

  it.runIf(transport === "sdk-url")("the CLI's socket drops after a turn: its replay of that turn stores nothing again, and the next turn answers once", async () => {
    const h = (harness = await setup(transport));
    await h.sendAndWaitForTurn("hello 12");
    const typesBefore = h.events().map((event) => event.type);
    h.dropCliSocket();
    // Sent while the CLI is away: it is delivered on the new socket, after which the CLI replays its first turn.
    await h.sendAndWaitForTurn("hello 13");
    await expect.poll(() => h.conversationNow()?.status).toBe("ready");
    const typesAfter = h.events().map((event) => event.type).slice(typesBefore.length);
    expect(typesAfter.filter((type) => type === "turn.completed")).toHaveLength(1);
    expect(typesAfter.filter((type) => type === "message.created")).toEqual(typesBefore.filter((type) => type === "message.created"));
    h.expectPublishedStored();
  });

  it("the CLI dies mid-turn with a second message taken: both messages stay, the conversation says exited, the next message resumes", async () => {
    const h = (harness = await setup(transport));
    await h.sendAndWaitForTurn("hello 12");
    const running = await h.send("hang");
    await expect.poll(() => h.conversationNow()?.status).toBe("running");
    const taken = await h.send("die 5");
    expect([running, taken]).toEqual([expect.any(String), expect.any(String)]);
    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    expect(h.conversationNow()?.statusReason).toMatch(/code 5: fake-cli: dying with 5/);
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: false, code: 5 })]);
    expect(h.userMessages().map((message) => message.id).slice(1)).toEqual([running, taken]);

    await h.sendAndWaitForTurn("hello 13");
    expect(h.launches()).toHaveLength(2);
    expect(h.launches()[1]).toContain("--resume fake-session");
    await expect.poll(() => h.conversationNow()?.status).toBe("ready");
    h.expectPublishedStored();
  });

  it("the CLI killed while a permission is pending: the request is cancelled and its answer refused, and the next message resumes", async () => {
    const h = (harness = await setup(transport));
    const outcome = await h.send("ask rm -rf build");
    expect(outcome).toEqual(expect.any(String));
    await expect.poll(() => h.conversationNow()?.status).toBe("waiting");
    const [asked] = h.ofType("permission.requested");
    expect(h.repos.pendingPermissions.list(h.id)).toHaveLength(1);
    // The guard leads the CLI's process group (ADR 0008): the whole group is killed, as an OOM kill or `kill -9` would.
    const [row] = h.repos.cliProcesses.listAll();
    process.kill(-(row?.pid as number), "SIGKILL");

    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    expect(h.conversationNow()?.statusReason).toMatch(/killed \(SIGKILL\)/);
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: false, signal: "SIGKILL" })]);
    expect(h.ofType("permission.resolved")).toEqual([expect.objectContaining({ requestId: asked?.request.id, outcome: "cancelled" })]);
    expect(h.repos.pendingPermissions.list(h.id)).toEqual([]);
    const tool = h.repos.messages.list(h.id).flatMap((message) => message.parts).find((part) => part.kind === "tool");
    expect(tool).toMatchObject({ kind: "tool", status: "failed" });
    const answer = h.service.answerPermission(h.id, asked?.request.id as PermissionId, { commandId: commandId(), decision: "allow" });
    await expect(answer).rejects.toMatchObject({ code: "permission_not_pending" });
    h.expectStoredOnlyIfAcknowledged(outcome, "ask rm -rf build");

    await h.sendAndWaitForTurn("hello 8");
    expect(h.launches().at(-1)).toContain("--resume fake-session");
    await expect.poll(() => h.conversationNow()?.status).toBe("ready");
    h.expectPublishedStored();
  });

  it("a budget's stop (not asked by the user) that begins as the CLI becomes ready for a message: the message goes to the next CLI", async () => {
    const h = (harness = await setup(transport));
    h.whenReady(() => void h.service.stopIfIdle(h.id), "once");
    const outcome = await h.send("hello 14");
    expect(outcome).toEqual(expect.any(String));
    await expect.poll(() => h.ofType("turn.completed").length).toBe(1);
    expect(h.launches()).toHaveLength(2);
    expect(isRunning(pidOf(h.launches()[0]))).toBe(false);
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: true })]);
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 14");
    await expect.poll(() => h.conversationNow()?.status).toBe("ready");
    h.expectPublishedStored();
  });

  it("a stop not asked by the user that meets the message's next CLI again fails the send after that one retry, and the next send works", async () => {
    const h = (harness = await setup(transport));
    const stopEachLaunch = h.whenReady(() => void h.service.stopIfIdle(h.id), "each time");
    const outcome = await h.send("hello 15");
    expect(outcome).toMatchObject({ code: "cli_unavailable", message: expect.stringMatching(/stopped before your message reached it/) });
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 15");
    // A stdio CLI is live as it is spawned, before its wrapper writes to `launches`.
    await expect.poll(() => h.launches()).toHaveLength(2);
    await expect.poll(() => h.conversationNow()?.status).toBe("idle");
    await expect.poll(() => h.launches().map((launch) => isRunning(pidOf(launch)))).toEqual([false, false]);

    stopEachLaunch();
    await h.sendAndWaitForTurn("hello 16");
    expect(h.launches()).toHaveLength(3);
    h.expectPublishedStored();
  });

  it("a Stop the user gives as the CLI becomes ready for a message still fails that send: no second CLI is started", async () => {
    const h = (harness = await setup(transport));
    h.whenReady(() => void h.service.stop(h.id, commandId()), "once");
    const outcome = await h.send("hello 17");
    expect(outcome).toMatchObject({ code: "cli_unavailable", message: expect.stringMatching(/stopped before your message reached it/) });
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 17");
    await expect.poll(() => h.conversationNow()?.status).toBe("idle");
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: true, reason: "Stopped" })]);
    expect(h.launches()).toHaveLength(1);
    await expect.poll(() => h.service.liveRuntimeCount).toBe(0);
    h.expectPublishedStored();
  });

  it("a Relaunch the user asks as the CLI becomes ready for a message still fails that send; the relaunched CLI answers the next", async () => {
    const h = (harness = await setup(transport));
    const relaunched = new Promise<unknown>((resolve) => h.whenReady(() => resolve(h.service.relaunch(h.id, commandId())), "once"));
    const outcome = await h.send("hello 18");
    expect(outcome).toMatchObject({ code: "cli_unavailable", message: expect.stringMatching(/stopped before your message reached it/) });
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 18");
    await relaunched;
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: true, reason: RELAUNCH_REASON, handoff: "restart" })]);
    await h.sendAndWaitForTurn("hello 19");
    expect(h.launches()).toHaveLength(2);
    h.expectPublishedStored();
  });

  it("a message sent while the CLI is being put to sleep waits for that exit, then wakes a fresh CLI that answers it", async () => {
    const h = (harness = await setup(transport, { sleepAfterMs: 100 }));
    writeFileSync(h.file("linger"), "");
    await h.sendAndWaitForTurn("hello 9");
    // The idle timer stopped the CLI; it got its end of input and winds down until released.
    await expect.poll(() => existsSync(h.file("cli.closed"))).toBe(true);
    expect(h.conversationNow()?.status).toBe("ready");
    const sent = h.send("hello 5");
    writeFileSync(h.file("cli.release"), "");
    expect(await sent).toEqual(expect.any(String));
    await expect.poll(() => h.ofType("turn.completed").length).toBe(2);

    const events = h.events();
    const slept = events.findIndex((event) => event.type === "process.exited");
    expect(events[slept]).toMatchObject({ isExpected: true, reason: expect.stringMatching(/^Sleeping after/) });
    expect(events.findLastIndex((event) => event.type === "turn.completed")).toBeGreaterThan(slept);
    expect(h.launches().length).toBeGreaterThanOrEqual(2);
    expect(h.launches()[1]).toContain("--resume fake-session");
    expect(isRunning(pidOf(h.launches()[0]))).toBe(false);
    h.expectPublishedStored();
  });

  it.runIf(transport === "stdio")(
    "a resumed CLI that lost its session and died before the message was written: a fresh CLI answers it, with the earlier conversation",
    async () => {
      const h = (harness = await setup(transport));
      await h.sendAndWaitForTurn("hello");
      await h.service.stop(h.id, commandId());
      await expect.poll(() => h.conversationNow()?.status).toBe("idle");

      writeFileSync(h.file("lose-session"), "");
      writeFileSync(h.file("input-closed"), "");
      // Only the resumed CLI takes no input; the fresh one started after it takes the message.
      h.whenReady(() => rmSync(h.file("input-closed")), "once");
      const outcome = await h.send("hello");
      expect(outcome).toEqual(expect.any(String));
      await expect.poll(() => h.ofType("turn.completed").length).toBe(2);
      expect(h.assistantTexts().at(-1)).toContain("hi; I was told: <earlier-conversation>");
      expect(h.ofType("notice").map((notice) => notice.text)).toEqual([LOST_SESSION_NOTICE]);
      expect(h.userMessages().map((message) => message.id).at(-1)).toBe(outcome);
      expect(h.userMessages()).toHaveLength(2);
      expect(h.launches()).toHaveLength(3);
      expect(h.launches()[2]).not.toContain("--resume");
      h.expectPublishedStored();
    },
  );

  it("a new CLI (no session to resume) that takes no input fails the send at once, keeping nothing of it", async () => {
    const h = (harness = await setup(transport));
    writeFileSync(h.file("input-closed"), "");
    const refused = await h.send("hello 3");
    expect(refused).toMatchObject({ code: "cli_unavailable", message: "The Claude Code process is not accepting input; try again." });
    h.expectStoredOnlyIfAcknowledged(refused, "hello 3");

    rmSync(h.file("input-closed"));
    await h.service.stop(h.id, commandId());
    await h.sendAndWaitForTurn("hello 4");
    expect(h.assistantTexts()).toEqual(["hi"]);
    h.expectPublishedStored();
  });

  it("the CLI exits as it wakes from sleep: the conversation says exited with the reason, and wakes once the CLI can resume", async () => {
    const h = (harness = await setup(transport, { sleepAfterMs: 100 }));
    await h.sendAndWaitForTurn("hello 10");
    await expect.poll(() => h.conversationNow()?.statusReason ?? "").toMatch(/^Sleeping after/);
    expect(h.conversationNow()?.status).toBe("idle");

    writeFileSync(h.file("fail-resume"), "");
    const outcome = await h.send("hello 6");
    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    expect(h.conversationNow()?.statusReason).toMatch(/code 9: fake-cli: cannot resume: the disk is full/);
    if (transport === "sdk-url") expect(outcome).toMatchObject({ code: "cli_unavailable", message: expect.stringContaining("cannot resume") });
    h.expectStoredOnlyIfAcknowledged(outcome, "hello 6");

    rmSync(h.file("fail-resume"));
    await h.sendAndWaitForTurn("hello 11");
    expect(h.launches().at(-1)).toContain("--resume fake-session");
    h.expectPublishedStored();
  });

  // stdio only: an sdk-url CLI that dies before it connects fails its launch, so no prompt ever meets it.
  it.runIf(transport === "stdio")("the CLI dies as it wakes and its exit is known only after it refused the prompt: it is not put to sleep meanwhile, and the conversation says why it exited", async () => {
    const h = (harness = await setup(transport, { sleepAfterMs: 100 }));
    await h.sendAndWaitForTurn("hello 12");
    await expect.poll(() => h.conversationNow()?.statusReason ?? "").toMatch(/^Sleeping after/);

    h.setSleepAfterMs(60_000);
    for (const name of ["fail-resume", "input-closed", "exit-held"]) writeFileSync(h.file(name), "");
    const outcome = h.send("hello 13");
    // The prompt was refused and waits for the process's exit, which is late: meanwhile the idle time runs out.
    await expect.poll(() => h.refused()).toContain("user");
    h.setSleepAfterMs(1);
    // The idle timer (due at once) fires before this one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    h.releaseExits();
    expect(await outcome).toMatchObject({ code: "cli_unavailable" });
    h.expectStoredOnlyIfAcknowledged(await outcome, "hello 13");
    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    expect(h.conversationNow()?.statusReason).toMatch(/code 9: fake-cli: cannot resume: the disk is full/);

    for (const name of ["fail-resume", "input-closed", "exit-held"]) rmSync(h.file(name));
    await h.sendAndWaitForTurn("hello 14");
    h.expectPublishedStored();
  });

  it("the CLI crashes while idle and its exit is still on its way when the idle time runs out: the conversation says it exited, not that it sleeps", async () => {
    const h = (harness = await setup(transport, { sleepAfterMs: 60_000 }));
    writeFileSync(h.file("exit-held"), "");
    await h.sendAndWaitForTurn("hello 15");
    process.kill(pidOf(h.launches()[0]), "SIGKILL");
    await expect.poll(() => h.heldExits()).toBe(1);
    h.setSleepAfterMs(1);
    // The idle timer (due at once) fires before this one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    h.releaseExits();
    await expect.poll(() => h.conversationNow()?.status).toBe("exited");
    expect(h.conversationNow()?.statusReason ?? "").not.toMatch(/^Sleeping/);
    expect(h.ofType("process.exited")).toEqual([expect.objectContaining({ isExpected: false })]);

    rmSync(h.file("exit-held"));
    await h.sendAndWaitForTurn("hello 16");
    h.expectPublishedStored();
  });
});
