import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type { OutsideSession } from "../../shared/protocol/outside-sessions.ts";
import { projectDirOf } from "./transcript/transcript-entries.ts";

const PEEK_BYTES = 64 * 1024;
/**
 * ChatML's own one-shot prompts (titles, summaries, plans, commit messages, pull requests) begin with a `[chatml:…]`
 * marker; their transcripts, written before one-shots ran with --no-session-persistence, are not the user's sessions.
 */
const ONE_SHOT_MARKER = /^\[chatml:[a-z-]+\]/;
const SESSION_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/;

/**
 * The Claude Code sessions of a folder, newest first. Reads only the first and last 64 KiB of each transcript (a
 * 100 MB one costs the same as a small one); a file that vanishes or cannot be read is skipped.
 */
export function listOutsideSessions(claudeDir: string, folder: string): OutsideSession[] {
  const dir = projectDirOf(claudeDir, folder);
  if (!existsSync(dir)) return [];
  const sessions: OutsideSession[] = [];
  for (const name of readdirSync(dir)) {
    const id = SESSION_FILE.exec(name)?.[1];
    if (!id) continue;
    try {
      sessions.push(describe(join(dir, name), id, folder));
    } catch (error) {
      console.warn(`[outside-sessions] skipped ${name}:`, error instanceof Error ? error.message : error);
    }
  }
  return sessions.filter((s) => s.title !== "" && !ONE_SHOT_MARKER.test(s.title)).sort((a, b) => b.modifiedAt - a.modifiedAt);
}

function describe(path: string, id: string, folder: string): OutsideSession {
  const stat = statSync(path);
  const head = peek(path, 0, Math.min(stat.size, PEEK_BYTES));
  const tail = stat.size > PEEK_BYTES ? peek(path, stat.size - PEEK_BYTES, PEEK_BYTES) : "";
  let prompt = "";
  let branch: string | null = null;
  let title = "";
  for (const line of [...lines(head), ...lines(tail)]) {
    const entry = parse(line);
    if (!entry) continue;
    if ((entry.type === "custom-title" || entry.type === "summary") && typeof (entry.customTitle ?? entry.summary) === "string") title = String(entry.customTitle ?? entry.summary);
    if (entry.type !== "user" || entry.isMeta === true) continue;
    if (!branch && typeof entry.gitBranch === "string" && entry.gitBranch !== "HEAD") branch = entry.gitBranch;
    prompt ||= promptText(entry.message);
  }
  if (ONE_SHOT_MARKER.test(prompt)) title = "";
  return { id, folder, title: (title || prompt).slice(0, 160), branch, modifiedAt: stat.mtimeMs, sizeBytes: stat.size };
}

function promptText(message: unknown): string {
  const content = (message as { content?: unknown } | undefined)?.content;
  if (typeof content === "string") return content.startsWith("<") ? "" : content.trim();
  if (!Array.isArray(content)) return "";
  const text = content.find((block) => (block as { type?: unknown }).type === "text") as { text?: unknown } | undefined;
  return typeof text?.text === "string" && !text.text.startsWith("<") ? text.text.trim() : "";
}

/** Whole lines only: a cut first or last line is dropped. */
function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith("{") && line.endsWith("}"));
}

function parse(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function peek(path: string, position: number, length: number): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
