import { readStored, useStoredText, writeStored } from "../../../lib/use-stored-text.ts";

const key = (id: string) => `chatml.draft.${id}`;
const HISTORY_KEY = "chatml.history";
const MAX_HISTORY = 100;

/** Puts a text in a conversation's composer before it opens (a fork's message, to edit and send). */
export function seedDraft(id: string, text: string): void {
  writeStored(key(id), text);
}

/** The composer text, kept per conversation across reloads. */
export function useDraft(id: string) {
  const [text, setText] = useStoredText(key(id));
  return [text, setText] as const;
}

/** Sent prompts, newest last, shared by all conversations (up/down in an empty or unchanged box). */
export function promptHistory(): string[] {
  try {
    const parsed: unknown = JSON.parse(readStored(HISTORY_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch (error) {
    console.warn("chatml: bad prompt history", error);
    return [];
  }
}

/**
 * Longer than this, a sent text was pasted (a log, a file), not typed: it is not kept for the arrow keys (Retry and
 * Edit on the message send it again). A dozen such texts of a few hundred thousand characters filled the storage
 * Chromium gives the app (~5.2 million characters, drafts included): the history could no longer be saved, so no
 * prompt typed after them was remembered, and a long draft failed to save.
 */
const MAX_REMEMBERED_CHARS = 20_000;

/** Remembers a sent prompt (a typed one: see {@link MAX_REMEMBERED_CHARS}). */
export function rememberPrompt(text: string): void {
  if (text.length > MAX_REMEMBERED_CHARS) return;
  const list = promptHistory().filter((t) => t !== text);
  list.push(text);
  writeStored(HISTORY_KEY, JSON.stringify(list.slice(-MAX_HISTORY)));
}
