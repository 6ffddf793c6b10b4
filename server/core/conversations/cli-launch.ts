import { newId, type ConversationId } from "../../../shared/ids.ts";
import type { Conversation } from "../../../shared/protocol/model.ts";
import type { CliExitInfo, CliMessage } from "../../claude/contracts.ts";
import { CliTranslator } from "../../claude/translate.ts";
import { ReplayDeduper } from "../../claude/replay-dedupe.ts";
import type { CliLauncher, ConversationStore, LaunchExtras } from "../ports.ts";
import { exitReason } from "./exit-reason.ts";
import { HostRequests } from "./host-requests.ts";
import type { CliProcessHost, LiveCli } from "./live-cli.ts";
import { requireFolder } from "../session-folder.ts";

export type CliLaunchDeps = {
  conversationId: ConversationId;
  store: ConversationStore;
  launcher: CliLauncher;
  now: () => number;
  host: CliProcessHost;
};

/** One launch: the conversation as stored when it began, what other rooms add to it, and the stop that may cut it short. */
export type CliLaunchRequest = {
  conversation: Conversation;
  extras: LaunchExtras;
  /** Aborted when a stop meets the launch: an sdk-url CLI's wait to connect is cut short. */
  stopAsked: AbortSignal | undefined;
};

/** Where a launch routes what its process says and does; the holder owns the phase these land in. */
export type CliLaunchRoutes = {
  /** A line of the process, once its translator exists (lines that come earlier wait for it, in order). */
  receive(message: CliMessage, dedupe: ReplayDeduper, requests: HostRequests, translator: CliTranslator): void;
  /** Whether this exit says the resumed session is lost (asked as the exit arrives, before `exited`). */
  isLostSessionExit(info: CliExitInfo): boolean;
  /** The process exited; `live` is its record if it ever became the live one (null when it died while starting). */
  exited(info: CliExitInfo, live: LiveCli | null, translator: CliTranslator | null, requests: HostRequests): void;
  /** The process is up and has not exited: it becomes the conversation's live one. */
  wentLive(live: LiveCli): void;
};

/**
 * Launches one CLI process and attaches its listeners (lines, chunk ends, reattach, malformed lines, exit), routing
 * them to the holder. Resolves "live" once the process is up, "lost-session" when it died as it started because its
 * resumed session is lost (the holder starts over); throws with the CLI's reason when it died as it started for
 * another reason, or when none could be launched. What this launch alone holds (`extras.release`) is released once:
 * at its process's exit, or here when no process came of it.
 */
export async function launchCli(deps: CliLaunchDeps, request: CliLaunchRequest, routes: CliLaunchRoutes): Promise<"live" | "lost-session"> {
  const { host, store, conversationId } = deps;
  const { conversation, extras, stopAsked } = request;
  // What this launch alone holds (its MCP file and secret) goes with this process, once, never with a later launch's.
  let isReleased = false;
  const release = () => {
    if (!isReleased) extras.release?.();
    isReleased = true;
  };
  let translator: CliTranslator | null = null;
  let live: LiveCli | null = null;
  const requests = new HostRequests();
  const dedupe = new ReplayDeduper();
  // Lines that arrive before the launch promise settles wait here, so none is lost.
  const early: CliMessage[] = [];
  let hasExited = false;
  let exitedBecause = "it exited as it started";
  let lostItsSession = false;
  try {
    const cwd = store.cwdOf(conversationId);
    // Spawning in a missing folder fails with the spawn's own ENOENT, which names the guard's binary, not the folder.
    requireFolder(cwd);
    const launched = await deps.launcher.launch(
      {
        cwd,
        env: { ...store.envOf(conversationId), ...extras.env },
        extraArgs: extras.args,
        resumeSessionId: conversation.cliSessionId,
        model: conversation.model,
        effort: conversation.effort,
        permissionMode: conversation.permissionMode,
        ...(stopAsked ? { signal: stopAsked } : {}),
      },
      {
        onMessage: (message) => (translator ? routes.receive(message, dedupe, requests, translator) : early.push(message)),
        onBatchEnd: () => host.onBatchEnd(translator),
        onReattach: () => dedupe.expectReplay(),
        onMalformedLine: (info) => console.warn(`[cli ${conversationId}] skipped a malformed line (${info.reason}, ${info.length} bytes): ${info.preview}`),
        onExit: (info) => {
          hasExited = true;
          release();
          exitedBecause = exitReason(info, false);
          lostItsSession = routes.isLostSessionExit(info);
          if (live) store.processEnded(live.process.pid);
          routes.exited(info, live, translator, requests);
        },
      },
    );
    translator = new CliTranslator({
      ids: translatorIds,
      now: deps.now,
      transport: launched.transport,
      onUnknownType: (key) => console.warn(`[cli ${conversationId}] ignoring a message type ChatML does not know yet: ${key}`),
    });
    // Only a --sdk-url CLI replays lines (after a reconnect); no line has reached the deduper yet (ADR 0043).
    if (launched.transport === "stdio") dedupe.rememberNothing();
    // A process that died before its launch settled already reported its exit; it must not become the live one.
    if (!hasExited) {
      const contextUsage = host.contextUsageProbe(launched.process, requests);
      const launchedMode = conversation.permissionMode;
      live = { process: launched.process, translator, dedupe, requests, contextUsage, launchedMode, isBypassLaunched: launchedMode === "bypassPermissions" };
      routes.wentLive(live);
      store.processStarted(conversationId, launched.process);
    }
    for (const message of early.splice(0)) routes.receive(message, dedupe, requests, translator);
    if (launched.fallbackReason) host.record([{ type: "notice", level: "info", text: launched.fallbackReason }]);
    // An exit before the launch settled was already recorded; a lost session is started over by the holder.
    if (hasExited && !lostItsSession) throw new Error(exitedBecause);
    return hasExited ? "lost-session" : "live";
  } catch (error) {
    // A launch that never got a process (no translator for it yet) has no exit to release what it prepared.
    if (!translator) release();
    throw error;
  }
}

const translatorIds = { messageId: () => newId("message"), partId: () => newId("part"), permissionId: () => newId("permission") };
