import { newId, type ConversationId, type PermissionId, type SessionId } from "../../../shared/ids.ts";
import type { AnswerPermissionInput, SendMessageInput, SetEffortInput, SetModelInput, SetPermissionModeInput } from "../../../shared/api/inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { EphemeralEvent } from "../../../shared/protocol/events.ts";
import type { Part, Session } from "../../../shared/protocol/model.ts";
import type { Repositories } from "../../persistence/repositories.ts";
import { refuseUnavailableMode, type UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import { processStartTime } from "../../claude/process-guard.ts";
import type { InterruptCause } from "../../claude/contracts.ts";
import { WorkInFlight } from "../../lib/work-in-flight.ts";
import { CommandLog, type AnswerWriter } from "./command-log.ts";
import { checkHistoryImages } from "./history-images.ts";
import type { ConversationRuntime } from "./conversation-runtime.ts";
import { recoverConversations } from "./restart-recovery.ts";
import { refuseStoredUnavailableMode, refuseWhereNoWorkMayStart, sessionOf } from "./send-refusals.ts";
import type { EventBus } from "../event-bus.ts";
import type { CliLauncher, ConversationStore, LaunchExtras } from "../ports.ts";

/** How many of the newest messages a lost-session recap reads (lost-session.ts cuts it to size). */
const RECAP_MESSAGE_LIMIT = 200;

export type ConversationServiceDeps = {
  repos: Repositories;
  bus: EventBus;
  launcher: CliLauncher;
  now: () => number;
  /** What the CLI receives for what the user typed (e.g. a built-in skill's `/name` expanded); default: unchanged. */
  prepareText?: (conversationId: ConversationId, text: string) => string;
  /** A note Claude is owed ahead of the next message (a rewind of its files, ADR 0123), and its delivery. */
  notes?: { pendingNote(conversationId: ConversationId): string | null; noteDelivered(conversationId: ConversationId, text: string): void };
  /** Refuses a message before it is sent (a used-up budget, a skill switched off) by throwing an AppError. */
  beforeSend?: (conversationId: ConversationId, text: string) => void;
  /**
   * Waits until the conversation's folder exists (a new session's worktree is made in the background, ADR 0004), or
   * refuses the message when it never will; resolves at once when the folder is there.
   */
  whenFolderReady?: (sessionId: SessionId) => Promise<void>;
  /** Runs before the message reaches the CLI (e.g. a file checkpoint), so the turn cannot change files first. */
  beforeTurn?: (conversationId: ConversationId, messageId: string, text: string) => Promise<void>;
  /**
   * Permission requests another room raised in a conversation (the interactive TUI's hook prompts): answered there,
   * not by the conversation's CLI process.
   */
  outsidePermissions?: { owns(requestId: PermissionId): boolean; answer(requestId: PermissionId, input: AnswerPermissionInput, decidedBy: string | null): void };
  /**
   * Conversations whose Claude session another room runs right now (the interactive TUI in a terminal): a message is
   * typed there and an interrupt is that process's own (Esc), instead of going to a `claude -p` process.
   */
  handedOff?: HandedOff;
  /** Flags and environment other rooms add to a conversation's CLI at launch. */
  launchExtras?: (conversationId: ConversationId) => LaunchExtras;
  /** How long a ready CLI may sit idle before it sleeps (stopped; resumed on the next message); 0 or absent: never. */
  sleepAfterMs?: () => number;
  /** Whether new CLIs are asked to predict the next prompt after each turn (a setting, ADR 0038). */
  promptSuggestions?: () => boolean;
  /** Why the model may not run the skill `name` in a conversation now (switched off, broken), or null when it may. */
  skillRefusal?: (conversationId: ConversationId, name: string) => string | null;
  /** What other rooms free with a deleted conversation before its rows go (its interactive terminal, its checkpoint refs). */
  beforeDelete?: (conversationId: ConversationId) => Promise<void>;
  /** The server's work in flight, shared with the other rooms so that shutdown waits for all of it (one of its own if absent). */
  work?: WorkInFlight;
  /** Modes Claude Code would refuse to start in on this machine (bypass as root, ADR 0097): refused before they are kept. */
  unavailableModes?: readonly UnavailablePermissionMode[];
};

export type HandedOff = {
  has(conversationId: ConversationId): boolean;
  send(conversationId: ConversationId, text: string): Promise<void>;
  interrupt(conversationId: ConversationId): Promise<void>;
};

/** What a CLI ended by the server's shutdown says in its timeline ("Claude process ended: …"): not a Stop the user gave. */
const SHUTDOWN_REASON = "ChatML shut down";

/**
 * A runtime's code (the CLI's process holder, its lines' schemas and translators, ~50 KB of the bundle) is read at
 * the first command or when the API loads, not at start: a start runs no CLI (ADR 0189).
 */
let runtimeCode: Promise<typeof ConversationRuntime> | null = null;
const loadRuntimeCode = () => (runtimeCode ??= import("./conversation-runtime.ts").then((module) => module.ConversationRuntime));

/** Commands on conversations: it owns the live runtimes and applies each client command once. */
export class ConversationService {
  private readonly runtimes = new Map<ConversationId, ConversationRuntime>();
  /** The runtime class once its code is loaded (`loadRuntimes`). */
  private Runtime: typeof ConversationRuntime | null = null;
  /** Commands running per conversation: a runtime in use is never dropped (a second one would launch a second CLI). */
  private readonly busy = new Map<ConversationId, number>();
  /** Commands taken and not yet done: shutdown refuses new ones and lets these finish before the database closes. */
  private readonly work: WorkInFlight;
  private readonly commands: CommandLog;
  private readonly store: ConversationStore;

  constructor(private readonly deps: ConversationServiceDeps) {
    this.commands = new CommandLog(deps.repos.commands);
    this.work = deps.work ?? new WorkInFlight();
    this.store = {
      appendBatch: (id, events, at, alongside) => deps.repos.events.appendBatch(id, events, at, alongside),
      getConversation: (id) => deps.repos.conversations.get(id),
      cwdOf: (id) => this.cwdOf(id),
      envOf: (id) => this.envOf(id),
      launchExtras: (id) => deps.launchExtras?.(id) ?? { args: [], env: {} },
      processStarted: (conversationId, { pid, processTag }) => deps.repos.cliProcesses.add({ pid, conversationId, startTime: processStartTime(pid), tag: processTag }),
      processEnded: (pid) => deps.repos.cliProcesses.remove(pid),
      recentMessages: (id) => deps.repos.messages.list(id, { limit: RECAP_MESSAGE_LIMIT }),
      forgetCliSession: (id) => void deps.repos.conversations.update(id, { cliSessionId: null }),
    };
  }

  async sendMessage(conversationId: ConversationId, input: SendMessageInput): Promise<{ messageId: string }> {
    const handedOff = this.deps.handedOff;
    if (handedOff?.has(conversationId)) {
      return this.work.run(`conversation ${conversationId} command ${input.commandId}`, () => this.commands.once(conversationId, input.commandId, () => this.sendElsewhere(handedOff, conversationId, input)));
    }
    return this.command(conversationId, input.commandId, async (runtime, storeAnswer) => {
      const session = this.beforeSend(conversationId, input.text);
      const imagesWarning = checkHistoryImages(this.deps.repos, conversationId, input.images);
      if (this.deps.whenFolderReady) await this.deps.whenFolderReady(session.id);
      const messageId = newId("message");
      const parts: Part[] = [];
      if (input.text.trim()) parts.push({ id: newId("part"), kind: "text", text: input.text });
      for (const image of input.images) {
        const blobId = this.deps.repos.blobs.put(Buffer.from(image.data, "base64"), image.mediaType);
        parts.push({ id: newId("part"), kind: "image", blobId, mediaType: image.mediaType });
      }
      const prepared = this.deps.prepareText?.(conversationId, input.text) ?? input.text;
      // A note goes ahead of the text, so never ahead of a `/command` (the CLI would not run it): the next message takes it.
      const note = prepared.trimStart().startsWith("/") ? null : (this.deps.notes?.pendingNote(conversationId) ?? null);
      const text = note ? `${note}\n\n${prepared}` : prepared;
      await this.deps.beforeTurn?.(conversationId, messageId, input.text);
      // The answer is stored in the message's transaction: a retry after a restart finds both or neither.
      await runtime.sendUserMessage(messageId, { text, images: input.images }, parts, storeAnswer({ messageId }));
      if (note) this.deps.notes?.noteDelivered(conversationId, note);
      if (imagesWarning) this.appendWarning(conversationId, imagesWarning);
      return { messageId };
    });
  }

  /** `decidedBy` names the answering device (null for a script), so the other devices can say who decided. */
  answerPermission(conversationId: ConversationId, requestId: PermissionId, input: AnswerPermissionInput, decidedBy: string | null = null): Promise<{ ok: true }> {
    const outside = this.deps.outsidePermissions;
    if (outside?.owns(requestId)) return this.commands.once(conversationId, input.commandId, async () => (outside.answer(requestId, input, decidedBy), { ok: true as const }));
    return this.command(conversationId, input.commandId, async (runtime) => runtime.answerPermission(requestId, input, decidedBy));
  }

  /** Stops the running turn; `cause` (the user, unless a budget or a run's time limit) names who on withdrawn cards. */
  interrupt(conversationId: ConversationId, commandId: string, cause: InterruptCause = "user"): Promise<{ ok: true }> {
    const handedOff = this.deps.handedOff;
    if (handedOff?.has(conversationId)) return this.commands.once(conversationId, commandId, async () => (await handedOff.interrupt(conversationId), { ok: true as const }));
    return this.command(conversationId, commandId, (runtime) => runtime.interrupt(cause));
  }

  /** Ends the CLI process; the next message resumes it. `handoff`: the Claude session continues in a terminal. */
  stop(conversationId: ConversationId, commandId: string, reason?: string, handoff?: "terminal"): Promise<{ ok: true }> {
    return this.command(conversationId, commandId, (runtime) => runtime.stop(reason, handoff));
  }

  /**
   * Ends the CLI process only while no turn runs (a changed budget reaches it at its next launch). The check and the
   * stop are one step, so a message sent at that moment is not handed to the process being ended: it waits for the
   * exit and goes to the next process, which has the new budget.
   */
  async stopIfIdle(conversationId: ConversationId): Promise<void> {
    const runtime = this.runtimes.get(conversationId);
    if (runtime?.status === "ready") await runtime.stopForNextLaunch();
  }

  /** Ends the CLI process if it runs and starts it again, resuming the CLI session. */
  relaunch(conversationId: ConversationId, commandId: string): Promise<{ ok: true }> {
    return this.command(conversationId, commandId, async (runtime) => {
      refuseWhereNoWorkMayStart(this.deps.repos, conversationId, "so Claude was not restarted. Unarchive it first.");
      refuseStoredUnavailableMode(this.deps.repos, this.deps.unavailableModes ?? [], conversationId, "so Claude was not restarted");
      await runtime.relaunch();
    });
  }

  setModel(conversationId: ConversationId, input: SetModelInput): Promise<{ ok: true }> {
    return this.command(conversationId, input.commandId, async (runtime) => {
      await runtime.setModel(input.model);
      this.deps.repos.conversations.update(conversationId, { model: input.model });
      this.publishConversation(conversationId);
    });
  }

  setEffort(conversationId: ConversationId, input: SetEffortInput): Promise<{ ok: true }> {
    return this.command(conversationId, input.commandId, async (runtime) => {
      await runtime.setEffort(input.effort);
      this.deps.repos.conversations.update(conversationId, { effort: input.effort });
      this.publishConversation(conversationId);
    });
  }

  setPermissionMode(conversationId: ConversationId, input: SetPermissionModeInput): Promise<{ ok: true }> {
    refuseUnavailableMode(this.deps.unavailableModes ?? [], input.mode);
    return this.command(conversationId, input.commandId, async (runtime) => {
      await runtime.setPermissionMode(input.mode, () => {
        this.deps.repos.conversations.update(conversationId, { permissionMode: input.mode });
        this.publishConversation(conversationId);
      });
    });
  }

  /** A device shows the context figures; `asked` when the running CLI was asked for current ones (ADR 0038). */
  watchContextUsage(conversationId: ConversationId): { asked: boolean } {
    if (!this.deps.repos.conversations.get(conversationId)) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    return { asked: this.runtimes.get(conversationId)?.watchContextUsage() ?? false };
  }

  /** A control request to the conversation's running CLI (other rooms: MCP status, reconnect); null when none runs. */
  controlRequest(conversationId: ConversationId, subtype: string, fields: Record<string, unknown> = {}): Promise<unknown> {
    const runtime = this.runtimes.get(conversationId);
    return runtime ? runtime.controlRequest(subtype, fields) : Promise.resolve(null);
  }

  /** Partially streamed parts of a live conversation, for a socket that joins mid-stream. */
  inFlightDeltas(conversationId: ConversationId): EphemeralEvent[] {
    return this.runtimes.get(conversationId)?.inFlightDeltas() ?? [];
  }

  /** After a restart: no process of ours is live; see `recoverConversations`. */
  recoverAfterRestart(): Promise<void> {
    return recoverConversations({ repos: this.deps.repos, now: this.deps.now });
  }

  /**
   * Deletes a conversation and frees everything it held: its CLI process (stopped and awaited), its runtime, what
   * other rooms hold for it (`beforeDelete`), its stored history, images and command answers; every device is told.
   */
  async delete(conversationId: ConversationId): Promise<void> {
    if (!this.deps.repos.conversations.get(conversationId)) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    const runtime = this.runtimes.get(conversationId);
    if (runtime) {
      if (this.busy.has(conversationId)) throw new AppError("conflict", "This conversation is busy with a command; try again in a moment.");
      await runtime.stop("Deleted");
      if (!runtime.isDormant) throw new AppError("conflict", "This conversation's Claude Code process is starting; try again in a moment.");
      this.runtimes.delete(conversationId);
    }
    await this.deps.beforeDelete?.(conversationId);
    this.deps.repos.conversations.remove(conversationId);
    this.deps.bus.publish({ kind: "entity", change: { kind: "removed", entity: "conversation", id: conversationId } });
  }

  /**
   * Ends every live CLI process (server shutdown) and takes no new command. Shutdown has let the commands already
   * taken finish first, or stopped waiting for them: ending their CLI is what ends them then.
   */
  async stopAll(): Promise<void> {
    this.work.close();
    await Promise.all([...this.runtimes.values()].map((runtime) => this.stopForShutdown(runtime).catch((error: unknown) => console.error("[conversations] stop failed:", error))));
  }

  /**
   * A CLI whose stdin closes while it asks for a permission fails the request with an AbortError and asks the model
   * again with it, whose answer ("The tool call did not go through: …AbortError") would read as Claude's: its turn is
   * interrupted first, so the card says ChatML withdrew it and no model turn follows.
   */
  private async stopForShutdown(runtime: ConversationRuntime): Promise<void> {
    if (runtime.status === "waiting") await runtime.interrupt("shutdown").catch((error: unknown) => console.warn("[conversations] interrupt before shutdown failed:", error));
    await runtime.stop(SHUTDOWN_REASON);
  }

  /** The TUI takes text only: images would be lost, so they are refused with the way to send them. */
  private async sendElsewhere(handedOff: HandedOff, conversationId: ConversationId, input: SendMessageInput): Promise<{ messageId: string }> {
    if (input.images.length > 0) throw new AppError("bad_request", "Images cannot be typed into the interactive terminal: paste them there, or go back to chat mode to attach them.");
    this.beforeSend(conversationId, input.text);
    await handedOff.send(conversationId, input.text);
    // The prompt reaches the timeline from the CLI's transcript, under the id the mirror gives it.
    return { messageId: newId("message") };
  }

  /** Loads the runtimes' code once (the API's warm-up asks, soon after the start); a command before then waits for it. */
  async loadRuntimes(): Promise<void> {
    this.Runtime ??= await loadRuntimeCode();
  }

  /** Runs a command on a conversation's runtime once per client command id; void commands answer `{ok: true}`. */
  private command<T>(conversationId: ConversationId, commandId: string, apply: (runtime: ConversationRuntime, storeAnswer: AnswerWriter<T>) => Promise<T>): Promise<T extends void ? { ok: true } : T> {
    // Refused once the server is stopping (a 503 that says so); taken, it is waited for before the database closes.
    // Commands that wait for the runtimes' code run in the order they came: each continues off the same load.
    return this.work.run(`conversation ${conversationId} command ${commandId}`, () => (this.Runtime ? this.commandOn(conversationId, commandId, apply) : this.loadRuntimes().then(() => this.commandOn(conversationId, commandId, apply))));
  }

  private commandOn<T>(conversationId: ConversationId, commandId: string, apply: (runtime: ConversationRuntime, storeAnswer: AnswerWriter<T>) => Promise<T>): Promise<T extends void ? { ok: true } : T> {
    type Answer = T extends void ? { ok: true } : T;
    const runtime = this.runtime(conversationId);
    this.busy.set(conversationId, (this.busy.get(conversationId) ?? 0) + 1);
    return this.commands
      .once<Answer>(conversationId, commandId, async (storeAnswer) => ((await apply(runtime, storeAnswer as unknown as AnswerWriter<T>)) ?? { ok: true }) as Answer)
      .finally(() => {
        const left = (this.busy.get(conversationId) ?? 1) - 1;
        if (left > 0) this.busy.set(conversationId, left);
        else this.busy.delete(conversationId);
        this.dropIfDormant(conversationId);
      });
  }

  /**
   * The idle-sleep setting changed: every idle CLI counts to the new time from when it became ready, so a shorter
   * time (or one set after "never") frees idle processes now rather than after their next turn.
   */
  idleSleepChanged(): void {
    for (const runtime of this.runtimes.values()) runtime.idleSleepChanged();
  }

  /** Live runtimes held in memory (a conversation without a process holds none). */
  get liveRuntimeCount(): number {
    return this.runtimes.size;
  }

  /** Forgets a conversation's runtime once it has no process and no command uses it; the next command makes a new one. */
  private dropIfDormant(conversationId: ConversationId): void {
    const runtime = this.runtimes.get(conversationId);
    if (runtime?.isDormant && !this.busy.has(conversationId)) this.runtimes.delete(conversationId);
  }

  private runtime(conversationId: ConversationId): ConversationRuntime {
    const existing = this.runtimes.get(conversationId);
    if (existing) return existing;
    if (!this.deps.repos.conversations.get(conversationId)) throw new AppError("not_found", `Conversation ${conversationId} does not exist.`);
    if (!this.Runtime) throw new Error("the runtimes' code is not loaded (ConversationService.loadRuntimes)");
    const runtime = new this.Runtime({
      conversationId,
      store: this.store,
      bus: this.deps.bus,
      launcher: this.deps.launcher,
      now: this.deps.now,
      onConversationChanged: (id) => this.publishConversation(id),
      sleepAfterMs: this.deps.sleepAfterMs,
      promptSuggestions: this.deps.promptSuggestions,
      onDormant: (id) => this.dropIfDormant(id),
      ...(this.deps.skillRefusal ? { skillRefusal: (name: string) => this.deps.skillRefusal?.(conversationId, name) ?? null } : {}),
    });
    this.runtimes.set(conversationId, runtime);
    return runtime;
  }

  private publishConversation(conversationId: ConversationId): void {
    const conversation = this.deps.repos.conversations.get(conversationId);
    if (conversation) this.deps.bus.publish({ kind: "entity", change: { kind: "conversation", conversation } });
  }

  /**
   * Refuses a message before anything is stored: where no work may start (send-refusals.ts), in a mode this server
   * cannot start Claude Code in, or what another room refuses (a used-up budget, a skill switched off).
   */
  private beforeSend(conversationId: ConversationId, text: string): Session {
    const session = refuseWhereNoWorkMayStart(this.deps.repos, conversationId, "so nothing was sent. Unarchive it to send this message.");
    refuseStoredUnavailableMode(this.deps.repos, this.deps.unavailableModes ?? [], conversationId, "so nothing was sent");
    this.deps.beforeSend?.(conversationId, text);
    return session;
  }

  /** A warning in the conversation's timeline, for every device, after what was recorded so far. */
  private appendWarning(conversationId: ConversationId, text: string): void {
    const [sequenced] = this.deps.repos.events.appendBatch(conversationId, [{ type: "notice", level: "warning", text }], this.deps.now());
    if (sequenced) this.deps.bus.publish({ kind: "event", conversationId, sequenced });
  }

  /** The folder the conversation's CLI runs in. */
  cwdOf(conversationId: ConversationId): string {
    return sessionOf(this.deps.repos, conversationId).cwd;
  }

  /** The environment-variable set the conversation's session chose from its workspace, if any. */
  private envOf(conversationId: ConversationId): Record<string, string> {
    const session = sessionOf(this.deps.repos, conversationId);
    if (!session.envSet) return {};
    return this.deps.repos.workspaces.get(session.workspaceId)?.envSets[session.envSet] ?? {};
  }
}
