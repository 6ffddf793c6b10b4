import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";
import { ConversationId, SessionId, TerminalId } from "../ids.ts";
import { EffortLevel, PermissionMode } from "./model.ts";

/** Terminals a session may have at once (running or exited but still listed). */
export const MAX_TERMINALS_PER_SESSION = 5;
/** Largest keystroke/paste frame a browser may send to a terminal. */
export const MAX_TERMINAL_INPUT_CHARS = 32 * 1024;
/** The terminal frames' own version, announced in `welcome.features`; bumped on any incompatible change. */
export const TERMINAL_PROTOCOL = "terminals.v1";
/** Lines of an ended terminal's screen kept with its notice ("last words"), and the characters kept of each. */
export const ENDED_LAST_LINES = 12;
export const ENDED_LAST_LINE_CHARS = 240;

export const TerminalCols = lazySchema(() => z.number().int().min(2).max(500));
export const TerminalRows = lazySchema(() => z.number().int().min(2).max(200));

/**
 * How a terminal's run ended: its process could not start, exited by itself with `exitCode`, was killed by a signal
 * ChatML did not send, or was ended by ChatML itself (Kill, Restart, Close). The browser decides what to say from this,
 * never from the wording of `problem`.
 */
export const TerminalEnding = lazySchema(() => z.enum(["could_not_start", "exit_code", "signal", "chatml"]));
export type TerminalEnding = z.infer<typeof TerminalEnding>;

/** A terminal as listed in its session: a PTY process kept by the server, whether or not a browser watches. */
export const TerminalInfo = lazySchema(() => z.object({
  id: TerminalId,
  sessionId: SessionId,
  name: z.string(),
  /** What runs in it: the user's shell, or e.g. the interactive `claude` of a conversation. */
  kind: z.enum(["shell", "claude"]),
  /** For an interactive `claude`: the conversation whose timeline mirrors it. */
  conversationId: ConversationId.nullable().optional(),
  command: z.array(z.string()),
  status: z.enum(["running", "exited"]),
  exitCode: z.number().int().nullable(),
  /** How its last run ended; null while it runs (absent from older servers). */
  ending: TerminalEnding.nullable().optional(),
  /** The signal that ended it, when `ending` is "signal" (e.g. "SIGTERM"). */
  signal: z.string().nullable().optional(),
  /** Why it is not running, in words (spawn failure, signal). */
  problem: z.string().nullable(),
  /**
   * For an interactive `claude` whose permission hook the CLI's managed settings block: why, in words. Its prompts
   * are then answered only in the TUI itself; no device gets a card.
   */
  approvalsOff: z.string().nullable().optional(),
  /**
   * For an interactive `claude` whose skill hooks (a typed `/name`, the model's Skill call) the CLI's managed settings
   * block: why, in words. The Skills screen's switches then reach it only as they were at its start.
   */
  skillChecksOff: z.string().nullable().optional(),
  /**
   * For an interactive `claude`: the permission mode it runs in, as its status line shows it (shift+tab in the TUI
   * changes it), or the mode it was started with until its status line shows; null when neither tells.
   */
  permissionMode: PermissionMode.nullable().optional(),
  /**
   * For an interactive `claude`: the effort level it runs at, as its status line shows it (`/effort` in the TUI
   * changes it), or the conversation's level it was started with (`--effort`); null for the CLI's default.
   */
  effort: EffortLevel.nullable().optional(),
  /**
   * For an interactive `claude`: the conversation's level its last start or restart asked for (`--effort`; null for
   * the CLI's default). A level chosen for the conversation since reaches it only when it restarts (ADR 0301).
   */
  launchedEffort: EffortLevel.nullable().optional(),
  cols: TerminalCols,
  rows: TerminalRows,
  createdAt: z.number(),
}));
export type TerminalInfo = z.infer<typeof TerminalInfo>;

/**
 * A terminal that was listed when ChatML stopped (a running one's PTY ended with the server; an exited one had ended
 * before): kept, until dismissed, so the user sees what became of it and can open the same kind again in the session's
 * folder (a Claude TUI resumes its conversation).
 */
export const EndedTerminal = lazySchema(() => z.object({
  id: TerminalId,
  sessionId: SessionId,
  name: z.string(),
  kind: z.enum(["shell", "claude"]),
  conversationId: ConversationId.nullable(),
  createdAt: z.number(),
  /**
   * When ChatML stopped; after a crash, when the server was last seen running it; on a notice from before `endedBy`,
   * when its end was recorded (the stop, or after a crash the next start).
   */
  endedAt: z.number(),
  /** "stop": ChatML's own clean stop ended it; "crash": ChatML quit unexpectedly (killed, crashed); absent when not known. */
  endedBy: z.enum(["stop", "crash"]).optional(),
  /** "server_restart": it was running and the stop ended it; "exited": its process had already ended before. */
  reason: z.enum(["server_restart", "exited"]),
  /** For one that had exited: how, as its TerminalInfo said. */
  ending: TerminalEnding.nullable().optional(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  problem: z.string().nullable().optional(),
  /**
   * The last lines its screen showed as it ended (as the server stopped, or as its process exited), oldest first, as
   * plain text; absent when none were kept (a crash, an older server) or the screen was blank.
   */
  lastLines: z.array(z.string().max(ENDED_LAST_LINE_CHARS)).max(ENDED_LAST_LINES).optional(),
}));
export type EndedTerminal = z.infer<typeof EndedTerminal>;

/** A tool call the interactive `claude` in a terminal asks permission for (through its PermissionRequest hook). */
export const PendingApproval = lazySchema(() => z.object({
  id: z.string(),
  terminalId: TerminalId,
  sessionId: SessionId,
  toolName: z.string(),
  /** The tool's input as the CLI sent it (e.g. `{command, description}` for Bash). */
  input: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  /** When the hook gives up waiting and the TUI's own prompt decides. */
  expiresAt: z.number(),
}));
export type PendingApproval = z.infer<typeof PendingApproval>;

/** Terminal frames a browser sends on `/ws` (additive to `ClientFrame`). */
export const TerminalClientFrame = lazySchema(() => z.discriminatedUnion("type", [
  /** Start receiving a terminal: the server answers with a `terminal_snapshot`, then `terminal_output`. */
  z.object({ type: z.literal("terminal_attach"), terminalId: TerminalId }),
  z.object({ type: z.literal("terminal_detach"), terminalId: TerminalId }),
  z.object({ type: z.literal("terminal_input"), terminalId: TerminalId, data: z.string().min(1).max(MAX_TERMINAL_INPUT_CHARS) }),
  /** Sent by the device the user is typing on; the PTY takes the focused device's size. */
  z.object({ type: z.literal("terminal_resize"), terminalId: TerminalId, cols: TerminalCols, rows: TerminalRows }),
]));
export type TerminalClientFrame = z.infer<typeof TerminalClientFrame>;

/** Terminal frames the server sends on `/ws` (additive to `ServerFrame`). */
export const TerminalServerFrames = [
  /** The whole current screen plus recent scrollback as escape sequences: reset, then write `data`. */
  lazySchema(() =>
    z.object({
      type: z.literal("terminal_snapshot"),
      terminalId: TerminalId,
      data: z.string(),
      cols: TerminalCols,
      rows: TerminalRows,
      /** True when output was skipped because this device fell behind. */
      isCatchUp: z.boolean(),
    }),
  ),
  lazySchema(() => z.object({ type: z.literal("terminal_output"), terminalId: TerminalId, data: z.string() })),
  /** After a catch-up snapshot, this device kept up again: the flood that made it fall behind is over for it. */
  lazySchema(() => z.object({ type: z.literal("terminal_caught_up"), terminalId: TerminalId })),
  /** The session's terminals changed (created, renamed, exited, removed); sent to every socket. */
  lazySchema(() =>
    z.object({
      type: z.literal("terminals"),
      sessionId: SessionId,
      terminals: z.array(TerminalInfo),
      /** Terminals a server restart ended, not yet dismissed (absent from older servers). */
      ended: z.array(EndedTerminal).optional(),
    }),
  ),
  /** Every approval the interactive `claude` terminals wait for; sent to every socket whenever it changes. */
  lazySchema(() => z.object({ type: z.literal("approvals"), approvals: z.array(PendingApproval) })),
] as const;

export const TerminalServerFrame = lazySchema(() => z.discriminatedUnion("type", TerminalServerFrames));
export type TerminalServerFrame = z.infer<typeof TerminalServerFrame>;
