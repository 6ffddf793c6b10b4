import type { ConversationId } from "../../shared/ids.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import type { DurableEvent, SequencedEvent } from "../../shared/protocol/events.ts";
import type { Conversation, Message, Transport } from "../../shared/protocol/model.ts";
import type { CliProcess, CliProcessListener } from "../claude/contracts.ts";

/** Where the runtime commits durable events (one short transaction per batch) and reads its conversation. */
export interface ConversationStore {
  /** `alongside` runs in the batch's transaction: what it writes is stored with the events or not at all. */
  appendBatch(conversationId: ConversationId, events: DurableEvent[], at: number, alongside?: () => void): SequencedEvent[];
  getConversation(conversationId: ConversationId): Conversation | null;
  /** The folder the conversation's CLI runs in. */
  cwdOf(conversationId: ConversationId): string;
  /** Extra environment for the conversation's CLI (the session's workspace env set), or none. */
  envOf(conversationId: ConversationId): Record<string, string>;
  /** Flags and environment other rooms add to the conversation's CLI (budgets, MCP servers…); none by default. */
  launchExtras?(conversationId: ConversationId): LaunchExtras;
  /** A CLI process was launched for the conversation: remembered so a restart after a crash can stop it. */
  processStarted(conversationId: ConversationId, process: { pid: number; processTag: string }): void;
  /** That process exited. */
  processEnded(pid: number): void;
  /** The newest top-level history, oldest first (a recap for a CLI that lost its session). */
  recentMessages(conversationId: ConversationId): Message[];
  /** The CLI's session is gone (its transcript is lost): the next launch starts a new one instead of `--resume`. */
  forgetCliSession(conversationId: ConversationId): void;
}

/**
 * How many conversations have a turn running now, and word when that changes (read-only). The conversations' room
 * answers it (`followRunningTurns`, one per server); rooms that must not compete with streaming turns (background
 * one-shots, search indexing) take it.
 */
export type RunningTurns = {
  count(): number;
  /** Calls `listener` with the new count each time it changes; answers the unsubscribe. */
  onChange(listener: (count: number) => void): () => void;
};

export type LaunchRequest = {
  cwd: string;
  env: Record<string, string>;
  resumeSessionId: string | null;
  model: string | null;
  /** `--effort`; absent or null leaves it to the CLI. */
  effort?: string | null;
  permissionMode: string | null;
  /** More CLI flags (budgets, MCP config, forking). */
  extraArgs?: string[];
  /** Aborted when a stop is asked during the launch: an sdk-url CLI is not waited for to connect. */
  signal?: AbortSignal;
};

/** A launched CLI process with what was decided about its transport. */
export type LaunchedCli = { process: CliProcess; transport: Transport; cliVersion: string; fallbackReason: string | null };

/** Starts CLI processes; knows the binary, its version and the transport setting. */
export interface CliLauncher {
  /** Throws {@link NoRunnableCliError} when there is no Claude Code to start. */
  launch(request: LaunchRequest, listener: CliProcessListener): Promise<LaunchedCli>;
}

/**
 * No Claude Code to start: none found, or one too old to run. Unlike a CLI that stopped or did not answer, trying again
 * fails the same way until the user installs or points ChatML at one (a job's run gets no retry for it).
 */
export class NoRunnableCliError extends AppError {}

/**
 * What other rooms add to one launch of a conversation's CLI. `release` frees what that launch alone holds (its MCP
 * config file and secret): called once, when that process exits or its launch fails, never for another launch.
 */
export type LaunchExtras = { args: string[]; env: Record<string, string>; release?: () => void };

/** Flags and environment of several rooms for one launch, in order; releasing it releases each room's part. */
export function mergeLaunchExtras(parts: LaunchExtras[]): LaunchExtras {
  return {
    args: parts.flatMap((p) => p.args),
    env: Object.assign({}, ...parts.map((p) => p.env)) as Record<string, string>,
    release: () => parts.forEach((p) => p.release?.()),
  };
}
