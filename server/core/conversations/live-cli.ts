import type { MessageId } from "../../../shared/ids.ts";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { ConversationStatus, PermissionMode } from "../../../shared/protocol/model.ts";
import type { CliMessage, CliProcess } from "../../claude/contracts.ts";
import type { CliTranslator } from "../../claude/translate.ts";
import type { ReplayDeduper } from "../../claude/replay-dedupe.ts";
import type { RuntimeSignal } from "./status-machine.ts";
import type { HostRequests } from "./host-requests.ts";
import type { ContextUsageProbe } from "./context-usage-probe.ts";

/**
 * The running CLI process and what the runtime keeps beside it for as long as it runs. `launchedMode`: the permission
 * mode it was started in (a change stored while it started has not reached it); `isBypassLaunched`: it was started
 * in bypass, the only way Claude Code lets a process into that mode (ADR 0104).
 */
export type LiveCli = {
  process: CliProcess;
  translator: CliTranslator;
  dedupe: ReplayDeduper;
  requests: HostRequests;
  contextUsage: ContextUsageProbe;
  launchedMode: PermissionMode;
  isBypassLaunched: boolean;
};

export type OutgoingMessage = { text: string; images: { mediaType: string; data: string }[] };

/** A user's message as it goes to the CLI: its text led by a lost session's recap when one is owed. */
export type Prompt = { messageId: MessageId; message: OutgoingMessage; text: string; hasRecap: boolean };

/** What the holder asks of the runtime that composes it: the one ordered path to the timeline, and the CLI's lines. */
export type CliProcessHost = {
  record(events: DomainEvent[]): void;
  signal(signal: RuntimeSignal): void;
  flush(): void;
  /** The conversation's status (a CLI sleeps only when it is `ready`). */
  status(): ConversationStatus;
  /** A line of the CLI for the timeline: replays, answers to our requests and a lost session's error are taken out. */
  onMessage(message: CliMessage, translator: CliTranslator): void;
  /** All lines of one received chunk were delivered (the translator is null while the launch has not settled). */
  onBatchEnd(translator: CliTranslator | null): void;
  /** The process is up and live: what the runtime asks of every new CLI (initialize) goes now. */
  onLaunched(): void;
  /** The process is gone: what the runtime holds for its stream (a pending checkpoint) is let go. */
  onGone(): void;
  contextUsageProbe(process: CliProcess, requests: HostRequests): ContextUsageProbe;
};
