import type { ConversationId, MessageId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { ConversationStatus } from "../../../shared/protocol/model.ts";
import type { CliExitInfo, CliMessage } from "../../claude/contracts.ts";
import type { CliTranslator } from "../../claude/translate.ts";
import type { ReplayDeduper } from "../../claude/replay-dedupe.ts";
import * as encode from "../../claude/commands.ts";
import { promptUuidOf } from "../../claude/prompt-uuid.ts";
import { exitReason } from "./exit-reason.ts";
import { buildSessionRecap, LOST_SESSION_NOTICE } from "./lost-session.ts";
import { ResumeWatch, type UnansweredMessage } from "./resume-watch.ts";
import { IdleSleepTimer, sleepReason } from "./idle-sleep.ts";
import { settleControlResponse } from "./cli-message-handling.ts";
import type { HostRequests } from "./host-requests.ts";
import { messageOf } from "../../../shared/error-message.ts";
import { deltaTrace } from "../../lib/delta-trace.ts";
import { settlesWithin } from "../../lib/settles-within.ts";
import { launchCli, type CliLaunchDeps, type CliLaunchRoutes } from "./cli-launch.ts";
import type { LiveCli, OutgoingMessage, Prompt } from "./live-cli.ts";

export type CliProcessHolderDeps = CliLaunchDeps & {
  /** How long a ready CLI may sit idle before it is stopped (it resumes on the next message); 0 or absent: never. */
  sleepAfterMs?: () => number;
  /** Called when the process is gone and nothing is starting or stopping, so the service may drop the runtime. */
  onDormant?: (conversationId: ConversationId) => void;
};

/**
 * Where the conversation's one CLI process is in its life:
 *
 *   none ──ensure()──▶ launching ──up──▶ live ──stop() / idle sleep──▶ stopping ──exit──▶ none
 *                        │                 └──exits by itself (crash, kill)──────────────▶ none (status exited)
 *                        ├──exits before it is up──▶ none (status exited; the send fails with the CLI's reason)
 *                        └──exits with a lost session──▶ launching again, without --resume (lost-session.ts)
 *
 * `ensure()` during `stopping` waits for the exit and launches a fresh process; during `launching` it joins that
 * launch (one process per conversation, ever). `stop()` during `launching` cuts the launch's wait for an sdk-url CLI
 * to connect short (a hung one would hold a shutdown for 15 s), waits for its handle, then stops it. A stop is
 * `isAsked` when someone asked for it (Stop, relaunch, delete, shutdown): a send that meets it fails; one the server
 * makes on its own (idle sleep, a changed budget: `stopForNextLaunch()`) is waited out, once.
 */
type Phase =
  | { name: "none" }
  | { name: "launching"; launched: Promise<void>; stopAsked: AbortController }
  | { name: "live"; cli: LiveCli }
  | { name: "stopping"; cli: LiveCli; exited: Promise<void>; reason: string | null; handoff: "terminal" | "restart" | null; isAsked: boolean };

const NONE: Phase = { name: "none" };

/**
 * The lifetime of a conversation's CLI process: launch (resuming its Claude session), exit, resume after a lost
 * session, idle sleep and wake. The runtime composes it and turns what the live process says into the timeline.
 */
export class CliProcessHolder {
  private phase: Phase = NONE;
  /** Whether the live CLI's resume found its session, and what a lost one owes the next CLI (a recap, a message). */
  private readonly resume = new ResumeWatch();
  private readonly idle = new IdleSleepTimer(() => this.deps.sleepAfterMs?.() ?? 0, (afterMs) => void this.fallAsleep(afterMs));
  /**
   * Prompts the live process refused, waiting for its exit in `handOverUnwritten`: it is dying, not idle. Put to sleep
   * meanwhile, its exit read as the sleep's, so the conversation said "Sleeping" and never why the CLI died.
   */
  private handingOver = 0;

  constructor(private readonly deps: CliProcessHolderDeps) {}

  /** The running process, also while it is being stopped; null when none runs (or it is still starting). */
  get cli(): LiveCli | null {
    return this.phase.name === "live" || this.phase.name === "stopping" ? this.phase.cli : null;
  }

  /** No process, none starting or stopping, no recap owed to the next one: nothing here needs to stay in memory. */
  get isDormant(): boolean {
    return this.phase.name === "none" && !this.resume.isRecapPending;
  }

  /** The conversation's status changed: a ready process starts counting idle time, anything else stops the count. */
  statusChanged(status: ConversationStatus): void {
    if (status === "ready" && this.cli) this.idle.arm();
    else this.idle.cancel();
  }

  /** The idle-sleep setting changed: a ready process counts to the new time at once, not from its next turn. */
  idleSleepChanged(): void {
    this.idle.settingChanged();
  }

  /**
   * Makes sure a process runs for a message: the live one, the one being launched (joined, never a second), or a new
   * one resuming the CLI's session. A process being stopped (by the user, or put to sleep) is let go first. Throws when
   * the launch fails; `readyCli()` then says whether the process may take the message.
   */
  async ensure(): Promise<void> {
    if (this.phase.name === "stopping") await this.phase.exited;
    if (this.phase.name === "none") this.beginLaunch();
    if (this.phase.name === "launching") await this.phase.launched;
  }

  /**
   * A stop nobody asked for (idle sleep, a budget's restart) is ending the process: a send that meets it calls
   * `ensure()` once more and goes to the next process. Once only: a stop that meets it again, or one that was asked
   * for, fails it in `readyCli()`, so the user sends it again knowingly.
   */
  get isStoppingUnasked(): boolean {
    return this.phase.name === "stopping" && !this.phase.isAsked;
  }

  /** The process a prompt may go to now: up, and not being stopped (checked in the tick the prompt is written). */
  readyCli(): LiveCli {
    if (this.phase.name === "live") return this.phase.cli;
    if (this.phase.name === "stopping") throw new AppError("cli_unavailable", "Claude Code was stopped before your message reached it; send it again.");
    throw new AppError("cli_unavailable", "The Claude Code process is not running.");
  }

  /**
   * The prompt for a user's message: led by the earlier conversation when the CLI that will read it replaced one that
   * had lost its session (built from the history before this message, so take it before the message is recorded).
   */
  prompt(messageId: MessageId, message: OutgoingMessage): Prompt {
    if (!this.resume.isRecapPending) return { messageId, message, text: message.text, hasRecap: false };
    const earlier = this.deps.store.recentMessages(this.deps.conversationId).filter((recent) => recent.id !== messageId);
    return { messageId, message, text: buildSessionRecap(earlier) + message.text, hasRecap: true };
  }

  /**
   * Sends a prompt with the uuid of its message, so the CLI's queue states and forks name that message. Once sent, a
   * recap it carries is no longer owed, and while the CLI's resume is unconfirmed the message is kept, so a lost
   * session hands it to the next CLI. Returns false, changing nothing, when the process does not take it (then
   * `handOverUnwritten`).
   */
  sendPrompt(cli: LiveCli, prompt: Prompt): boolean {
    const { messageId, message, text } = prompt;
    if (!cli.process.send(encode.encodeUserMessage({ text, images: message.images, uuid: promptUuidOf(messageId) }))) return false;
    // Traced (CHATML_DELTA_TRACE): when each conversation's prompt left, for bench/first-delta-split.ts.
    deltaTrace?.mark(`prompt ${this.deps.conversationId}`);
    cli.translator.promptSent(messageId);
    this.resume.sent(prompt);
    return true;
  }

  /**
   * The process did not take the prompt. A resumed CLI that lost its session exits at once and closes its input, so a
   * prompt can meet it after it died but before its exit is known: its exit then hands the message to a fresh CLI with
   * the recap, as if the prompt had been written (`onLostSession`), and this resolves once it is handed over. Any
   * other process that does not take a prompt is gone or going: throws, keeping nothing.
   */
  async handOverUnwritten(cli: LiveCli, prompt: Prompt): Promise<void> {
    if (this.resume.keepUnwritten(prompt)) {
      this.handingOver++;
      const hasExited = await settlesWithin(cli.process.exited, UNWRITTEN_EXIT_WAIT_MS).finally(() => this.handingOver--);
      if (hasExited && this.resume.handedOver(prompt.messageId)) return;
      this.resume.drop(prompt.messageId);
    }
    throw new AppError("cli_unavailable", "The Claude Code process is not accepting input; try again.");
  }

  /**
   * Ends the process on purpose (status becomes idle; the next message resumes it). `reason` is what the timeline says
   * ended it (default "Stopped"). A process still starting is stopped once it is up. A send that meets this stop fails.
   */
  stop(reason?: string, handoff?: "terminal" | "restart"): Promise<void> {
    return this.end(reason ?? null, handoff ?? null, true);
  }

  /**
   * Ends the process for the server's own reasons (idle sleep, a changed budget reaches it at its next launch): a
   * send that meets this stop waits for it and goes to the next process (see `isStoppingUnasked`).
   */
  stopForNextLaunch(reason?: string): Promise<void> {
    return this.end(reason ?? null, null, false);
  }

  private async end(reason: string | null, handoff: "terminal" | "restart" | null, isAsked: boolean): Promise<void> {
    const phase = this.phase;
    if (phase.name === "none") return;
    if (phase.name === "stopping") return phase.exited;
    if (phase.name === "launching") {
      // A stop never leaves the process it raced running (a session handed to the terminal would have two CLIs):
      // the launch stops waiting for the CLI to connect, settles, and what it started is stopped.
      phase.stopAsked.abort();
      await phase.launched.catch(() => undefined);
      return this.end(reason, handoff, isAsked);
    }
    const { cli } = phase;
    const stopping = { name: "stopping" as const, cli, exited: Promise.resolve(), reason, handoff, isAsked };
    this.phase = stopping;
    this.idle.cancel();
    cli.process.close();
    const timer = setTimeout(() => cli.process.kill("SIGKILL"), 3000);
    stopping.exited = cli.process.exited.then(() => clearTimeout(timer)).finally(() => this.reportDormant());
    return stopping.exited;
  }

  /** Ends the process (when alive) and launches it again with `--resume`; its exit reads as a restart, not a stop. */
  async relaunch(): Promise<void> {
    await this.stop(RELAUNCH_REASON, "restart");
    await this.ensure();
  }

  private beginLaunch(): void {
    const launching = { name: "launching" as const, launched: Promise.resolve(), stopAsked: new AbortController() };
    this.phase = launching;
    launching.launched = this.launchOrStartOver().finally(() => {
      if (this.phase === launching) this.phase = NONE;
      this.reportDormant();
    });
  }

  /** Launches (resuming the CLI's session); when the CLI died at once because that session is lost, starts a new one. */
  private async launchOrStartOver(): Promise<void> {
    await this.launch();
    if (this.phase.name === "launching" && this.resume.isRecapPending && !this.phase.stopAsked.signal.aborted) await this.launch();
  }

  private async launch(): Promise<void> {
    const { host, store, conversationId } = this.deps;
    const conversation = store.getConversation(conversationId);
    if (!conversation) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    const extras = store.launchExtras?.(conversationId) ?? { args: [], env: {} };
    const stopAsked = this.phase.name === "launching" ? this.phase.stopAsked.signal : undefined;
    this.resume.launching(conversation.cliSessionId);
    host.signal({ kind: "launching" });
    host.flush();
    try {
      const outcome = await launchCli(this.deps, { conversation, extras, stopAsked }, this.launchRoutes);
      // Its exit was already recorded; launchOrStartOver starts a lost session over.
      if (outcome === "lost-session") return;
      // Initialize first: what it asks for (sub-agents' text) holds only from before the first user message on.
      host.onLaunched();
      host.signal({ kind: "launched" });
      host.flush();
    } catch (error) {
      const reason = messageOf(error);
      host.record([{ type: "notice", level: "error", text: `Could not start Claude Code: ${reason}` }]);
      host.signal({ kind: "launch-failed", reason });
      host.flush();
      throw error instanceof AppError ? error : new AppError("cli_unavailable", `Could not start Claude Code: ${reason}`);
    }
  }

  /** Where each launch's process lands: its lines, its exit, and its becoming the live one. */
  private readonly launchRoutes: CliLaunchRoutes = {
    receive: (message, dedupe, requests, translator) => this.receive(message, dedupe, requests, translator),
    isLostSessionExit: (info) => this.resume.isLostSessionExit(info),
    exited: (info, live, translator, requests) => this.onExit(info, live, translator, requests),
    wentLive: (live) => {
      this.phase = { name: "live", cli: live };
    },
  };

  /** A line of the process: replays and answers to our requests stop here, the rest goes to the runtime. */
  private receive(message: CliMessage, dedupe: ReplayDeduper, requests: HostRequests, translator: CliTranslator): void {
    if (dedupe.isDuplicate(message)) return;
    if (message.type === "control_response") return settleControlResponse(message, requests);
    // A lost session's error result is followed by its exit, which tells the user and starts over (onLostSession).
    if (this.resume.isLostSessionLine(message)) return;
    this.deps.host.onMessage(message, translator);
  }

  /** `mine` is the record of the exited process if it ever was the live one (null when it died while starting). */
  private onExit(info: CliExitInfo, mine: LiveCli | null, translator: CliTranslator | null, requests: HostRequests): void {
    const { host } = this.deps;
    requests.failAll("the Claude Code process exited");
    // The exit of a process that was already replaced must not touch its successor.
    if (this.cli && this.cli !== mine) return;
    host.onGone();
    const stopping = this.phase.name === "stopping" ? this.phase : null;
    // A process that died while starting leaves the phase to its launch (which fails, or starts over).
    if (this.phase.name !== "launching") this.phase = NONE;
    const lostSession = this.resume.exited(info);
    if (lostSession) return this.onLostSession(info, lostSession.lost);
    const isExpected = stopping !== null;
    const reason = stopping?.reason ? stopping.reason : exitReason(info, isExpected);
    const handoff = stopping?.handoff ?? null;
    const events = translator
      ? translator.translateExit(info, isExpected, reason, handoff)
      : [{ type: "process.exited" as const, code: info.code, signal: info.signal, reason, stderrTail: info.stderrTail, isExpected, ...(handoff ? { handoff } : {}) }];
    this.idle.cancel();
    host.record(events);
    host.flush();
    this.reportDormant();
  }

  /** The resumed CLI's session is gone: forget it, say so, and hand any message it swallowed to a fresh CLI. */
  private onLostSession(info: CliExitInfo, unanswered: UnansweredMessage | null): void {
    const { host } = this.deps;
    this.deps.store.forgetCliSession(this.deps.conversationId);
    const notice: DomainEvent = { type: "notice", level: "warning", text: LOST_SESSION_NOTICE };
    if (!unanswered) {
      const reason = "Claude Code had lost its saved session";
      host.record([notice, { type: "process.exited", code: info.code, signal: info.signal, reason, stderrTail: info.stderrTail, isExpected: true }]);
      host.flush();
      return;
    }
    host.record([notice]);
    host.flush();
    void this.resend(unanswered);
  }

  private async resend({ messageId, message }: UnansweredMessage): Promise<void> {
    try {
      await this.ensure();
      if (this.isStoppingUnasked) await this.ensure();
      const cli = this.readyCli();
      const prompt = this.prompt(messageId, message);
      if (!this.sendPrompt(cli, prompt)) await this.handOverUnwritten(cli, prompt);
    } catch (error) {
      const reason = messageOf(error);
      this.deps.host.record([{ type: "notice", level: "error", text: `Your last message did not reach Claude Code (${reason}). Send it again.` }]);
      this.deps.host.flush();
    }
  }

  /**
   * The idle timer fired: a CLI still ready and owing nothing is stopped, and the conversation says it sleeps.
   * Its next message launches it again with `--resume`, so it keeps its context.
   */
  private async fallAsleep(afterMs: number): Promise<void> {
    if (this.phase.name !== "live" || this.deps.host.status() !== "ready") return;
    if (this.phase.cli.translator.hasPendingWork || this.handingOver > 0) return this.idle.arm();
    // It crashed on its own and its exit is still on its way: that exit says why, not "Sleeping".
    if (this.phase.cli.process.hasExited) return;
    const reason = sleepReason(afterMs);
    await this.stopForNextLaunch(reason);
    // A message sent meanwhile already started a new process: it is awake.
    if (!this.isGone()) return;
    this.deps.host.signal({ kind: "asleep", reason });
    this.deps.host.flush();
  }

  /** No process runs, starts or stops (read after an await, where the phase may have moved on). */
  private isGone(): boolean {
    return this.phase.name === "none";
  }

  private reportDormant(): void {
    if (this.isDormant) queueMicrotask(() => this.isDormant && this.deps.onDormant?.(this.deps.conversationId));
  }
}

/** How long a prompt the CLI did not take waits for that CLI's exit to say whether it lost its session. */
const UNWRITTEN_EXIT_WAIT_MS = 5_000;

/** What the timeline says of a process the user restarted (session controls' Relaunch). */
export const RELAUNCH_REASON = "Claude Code was restarted";
