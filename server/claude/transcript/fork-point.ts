import { readFileSync } from "node:fs";

type Entry = { type?: unknown; uuid?: unknown; parentUuid?: unknown; isMeta?: unknown; isSidechain?: unknown; isCompactSummary?: unknown; message?: { content?: unknown } };

/** Where a fork starts: resume the source session at `resumeAt` (null: nothing before the message, start fresh). */
export type ForkPoint = { resumeAt: string | null };

const COMMAND_MARKUP = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat|bash-input|bash-stdout|bash-stderr)>/;

/**
 * The entry to pass to `--resume-session-at` so a fork keeps everything before one typed prompt: the transcript's
 * `promptIndex`-th typed prompt (0-based; a conversation that began as a fork counts the copied prompts first). The
 * answer is the nearest user or assistant entry up the prompt's parent chain; null when the prompt is not (yet)
 * written — the CLI writes its transcript lazily.
 */
export function forkPointOf(transcriptPath: string, promptIndex: number): ForkPoint | null {
  const entries = readEntries(transcriptPath);
  const prompt = entries.filter(isTypedPrompt)[promptIndex];
  if (!prompt) return null;
  const byUuid = new Map(entries.flatMap((e) => (typeof e.uuid === "string" ? [[e.uuid, e] as const] : [])));
  let parent = typeof prompt.parentUuid === "string" ? byUuid.get(prompt.parentUuid) : undefined;
  while (parent && parent.type !== "user" && parent.type !== "assistant") {
    parent = typeof parent.parentUuid === "string" ? byUuid.get(parent.parentUuid) : undefined;
  }
  return { resumeAt: parent && typeof parent.uuid === "string" ? parent.uuid : null };
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
