import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { CliMessage } from "../contracts.ts";

/**
 * Claude Code's own folder: `$CLAUDE_CONFIG_DIR` when set, else `$HOME/.claude`. Its `projects/` holds one JSONL
 * transcript per CLI session.
 */
export function claudeDirOf(env: Record<string, string | undefined>, fallbackHome: string): string {
  return env["CLAUDE_CONFIG_DIR"] || join(env["HOME"] || fallbackHome, ".claude");
}

/** Where the CLI keeps the transcripts of a folder: every non-alphanumeric character of the path becomes `-`. */
export function projectDirOf(claudeDir: string, folder: string): string {
  return join(claudeDir, "projects", folder.replace(/[^a-zA-Z0-9]/g, "-"));
}

/**
 * The transcript file of one CLI session, or null while there is none. Expected in the folder's project dir; when it
 * is not there (a CLI that names long folders differently) any project dir holding `<sessionId>.jsonl` is used.
 */
export function findTranscript(claudeDir: string, folder: string, sessionId: string): string | null {
  const expected = join(projectDirOf(claudeDir, folder), `${sessionId}.jsonl`);
  if (existsSync(expected)) return expected;
  const projects = join(claudeDir, "projects");
  if (!existsSync(projects)) return null;
  for (const dir of readdirSync(projects)) {
    const candidate = join(projects, dir, `${sessionId}.jsonl`);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Markup the CLI stores as user text for slash commands and their output; none of it is something the user wrote. */
const COMMAND_MARKUP = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat|bash-input|bash-stdout|bash-stderr)>/;

/**
 * One transcript entry as the stream-json line the translator knows, or null for entries that are not part of the
 * visible conversation: bookkeeping (`queue-operation`, `attachment`, `api-request*`, `cost-state`, `last-prompt`,
 * `summary`…), meta and sub-agent (sidechain) messages, compact summaries and slash-command markup. The transcript
 * spells the structured tool result `toolUseResult`; stream-json spells it `tool_use_result`.
 */
export function entryToCliMessage(entry: Record<string, unknown>): CliMessage | null {
  if (entry["isSidechain"] === true || entry["isMeta"] === true || entry["isCompactSummary"] === true) return null;
  const message = entry["message"];
  if (!message || typeof message !== "object") {
    return entry["type"] === "system" && entry["subtype"] === "compact_boundary" ? { type: "system", subtype: "compact_boundary" } : null;
  }
  if (entry["type"] === "assistant") return { type: "assistant", message, parent_tool_use_id: null };
  if (entry["type"] !== "user") return null;
  const content = (message as { content?: unknown }).content;
  if (typeof content === "string" && COMMAND_MARKUP.test(content)) return null;
  const line: CliMessage = { type: "user", message, parent_tool_use_id: null };
  if (entry["toolUseResult"] !== undefined) line["tool_use_result"] = entry["toolUseResult"];
  return line;
}

const TURN_ENDS = new Set(["end_turn", "stop_sequence", "max_tokens", "refusal"]);

/**
 * Where a transcript entry puts the turn: a prompt the user typed starts one ("running"), an assistant message that
 * stopped for a reason other than a tool call ends it ("ready"); anything else says nothing (null).
 */
export function turnSignal(entry: Record<string, unknown>): "running" | "ready" | null {
  const message = entryToCliMessage(entry);
  if (!message) return null;
  const body = message["message"] as { content?: unknown; stop_reason?: unknown };
  if (message.type === "assistant") return typeof body.stop_reason === "string" && TURN_ENDS.has(body.stop_reason) ? "ready" : null;
  if (message.type !== "user") return null;
  const texts = typeof body.content === "string" ? [body.content] : Array.isArray(body.content) ? body.content.flatMap((block) => (block as { type?: unknown }).type === "text" ? [String((block as { text?: unknown }).text ?? "")] : []) : [];
  if (texts.length === 0) return null;
  // Esc in the TUI (or Stop from a device) writes this as a user line: the turn ended.
  return texts.some((text) => text.startsWith(INTERRUPTED)) ? "ready" : "running";
}

const INTERRUPTED = "[Request interrupted by user";
