import type { MessageId, PartId, PermissionId } from "../../shared/ids.ts";
import type { Transport } from "../../shared/protocol/model.ts";

/**
 * A raw, parsed line from the CLI: any JSON object with a string `type`. Lenient on purpose; the CLI adds fields
 * and types often. Raw CLI shapes never leave `server/claude/`.
 */
export type CliMessage = { type: string } & Record<string, unknown>;

/** A line we write to the CLI. Built only by the encoders in `commands.ts`, so it is always valid for the CLI. */
export type HostMessage =
  | { type: "user"; message: { role: "user"; content: string | unknown[] }; parent_tool_use_id: null; session_id: string; uuid?: string }
  | { type: "control_request"; request_id: string; request: { subtype: string } & Record<string, unknown> }
  | { type: "control_response"; response: Record<string, unknown> }
  | { type: "keep_alive" };

/** Who stopped a turn ChatML interrupted: the user (Stop, Interrupt & send), a turn budget, or a run's time limit. */
export type InterruptCause = "user" | "turn-budget" | "time-limit" | "shutdown";

export type CliExitInfo = { code: number | null; signal: string | null; stderrTail: string };

export type MalformedLineInfo = { reason: string; length: number; preview: string };

/** What a running CLI process tells the layer above. Same calls for both transports. */
export interface CliProcessListener {
  onMessage(message: CliMessage): void;
  /** All lines of one received chunk were delivered: a natural point to commit a batch. */
  onBatchEnd(): void;
  onMalformedLine(info: MalformedLineInfo): void;
  onExit(info: CliExitInfo): void;
  /** An sdk-url CLI attached a new socket after its first (a reconnect): it re-sends lines it already sent. */
  onReattach?(): void;
}

/** A launched CLI process, whatever the transport. */
export interface CliProcess {
  readonly transport: Transport;
  /** The guard's pid, which leads the process group of the CLI and its tools (ADR 0008). */
  readonly pid: number;
  /** The value of CHATML_PROCESS_TAG in the environment of every process of this launch. */
  readonly processTag: string;
  /** Serialises and delivers one line; false when it cannot be delivered (process gone / socket not up). */
  send(message: HostMessage): boolean;
  /** Ends input gracefully (stdin EOF / socket close); the CLI finishes its turn and exits. */
  close(): void;
  kill(signal?: NodeJS.Signals): void;
  /** The OS reported the process's exit, which may not have reached `exited`/onExit yet (it is on its way). */
  readonly hasExited: boolean;
  /** Resolves when the process has exited and onExit was called. */
  readonly exited: Promise<CliExitInfo>;
}

export type LaunchOptions = {
  binPath: string;
  transport: Transport;
  cwd: string;
  /** Extra environment on top of the server's own. */
  env: Record<string, string>;
  resumeSessionId: string | null;
  model: string | null;
  /** `--effort`; absent or null leaves it to the CLI. */
  effort?: string | null;
  permissionMode: string | null;
  /** More flags after ours (e.g. `--max-budget-usd`, `--mcp-config`, `--fork-session`). */
  extraArgs?: string[];
};

/** Id factories the translator uses; injected so golden tests are deterministic. */
export type TranslatorIds = {
  messageId(): MessageId;
  partId(): PartId;
  permissionId(): PermissionId;
};
