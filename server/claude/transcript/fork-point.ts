import { readFileSync } from "node:fs";

type Entry = {
  type?: unknown;
  uuid?: unknown;
  parentUuid?: unknown;
  isMeta?: unknown;
  isSidechain?: unknown;
  isCompactSummary?: unknown;
  message?: { content?: unknown };
  attachment?: { type?: unknown; source_uuid?: unknown };
};

/** Where a fork starts: resume the source session at `resumeAt` (null: nothing before the message, start fresh). */
export type ForkPoint = { resumeAt: string | null };

/**
 * The prompt to fork before, as ChatML knows it: the `uuid` it was sent with (see `promptUuidOf`), the uuids of the
 * conversation's prompts before and after it, and its place among them (for prompts an older build sent with a
 * random uuid, found by counting).
 */
export type ForkTarget = { uuid: string; before: readonly string[]; after: readonly string[]; promptIndex: number };

const COMMAND_MARKUP = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat|bash-input|bash-stdout|bash-stderr)>/;

/**
 * The entry to pass to `--resume-session-at` so a fork keeps everything before one prompt: the nearest user or
 * assistant entry up the prompt's parent chain. The prompt is found by the uuid ChatML sent it with — as its own
 * entry, or as the `queued_command` attachment of a prompt the CLI folded into a running turn (counting typed
 * prompts would be one off there). A prompt sent by an older build (random uuid) is found by counting the typed
 * prompts. Null when the prompt is not (yet) written — the CLI writes its transcript lazily.
 */
export function forkPointOf(transcriptPath: string, target: ForkTarget): ForkPoint | null {
  const entries = readEntries(transcriptPath);
  const uuids = new Set(entries.flatMap(sentUuidsOf));
  const prompt = entries.find((entry) => sentUuidsOf(entry).includes(target.uuid));
  if (prompt) return { resumeAt: turnEntryAbove(entries, prompt) };
  // Earlier prompts are there by uuid but not this one and nothing later: it is still being written.
  if (target.before.some((uuid) => uuids.has(uuid)) && !target.after.some((uuid) => uuids.has(uuid))) return null;
  const counted = entries.filter(isTypedPrompt)[target.promptIndex];
  return counted ? { resumeAt: turnEntryAbove(entries, counted) } : null;
}

/** The uuid(s) ChatML sent that this entry stands for: a typed prompt's own, a folded prompt's `source_uuid`. */
function sentUuidsOf(entry: Entry): string[] {
  if (entry.type === "user" && typeof entry.uuid === "string") return [entry.uuid];
  if (entry.type === "attachment" && entry.attachment?.type === "queued_command" && typeof entry.attachment.source_uuid === "string") return [entry.attachment.source_uuid];
  return [];
}

function turnEntryAbove(entries: Entry[], prompt: Entry): string | null {
  const byUuid = new Map(entries.flatMap((e) => (typeof e.uuid === "string" ? [[e.uuid, e] as const] : [])));
  let parent = typeof prompt.parentUuid === "string" ? byUuid.get(prompt.parentUuid) : undefined;
  while (parent && parent.type !== "user" && parent.type !== "assistant") {
    parent = typeof parent.parentUuid === "string" ? byUuid.get(parent.parentUuid) : undefined;
  }
  return parent && typeof parent.uuid === "string" ? parent.uuid : null;
}

function readEntries(path: string): Entry[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as Entry];
      } catch {
        return []; // a line cut by a crash: the rest of the transcript still counts
      }
    });
}

/** A prompt the user typed: a user entry with text, not a tool result, meta text, summary or command markup. */
function isTypedPrompt(entry: Entry): boolean {
  if (entry.type !== "user" || entry.isMeta === true || entry.isSidechain === true || entry.isCompactSummary === true) return false;
  const content = entry.message?.content;
  if (typeof content === "string") return !COMMAND_MARKUP.test(content);
  if (!Array.isArray(content)) return false;
  const blocks = content as { type?: unknown; text?: unknown }[];
  if (blocks.some((b) => b?.type === "tool_result")) return false;
  return blocks.some((b) => b?.type === "text" && typeof b.text === "string" && !COMMAND_MARKUP.test(b.text));
}
