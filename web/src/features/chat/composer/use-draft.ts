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

/** Remembers a sent prompt. */
export function rememberPrompt(text: string): void {
  const list = promptHistory().filter((t) => t !== text);
  list.push(text);
  writeStored(HISTORY_KEY, JSON.stringify(list.slice(-MAX_HISTORY)));
}
