import { useEffect, useRef, useState } from "react";

const key = (id: string) => `chatml.draft.${id}`;
const HISTORY_KEY = "chatml.history";
const MAX_HISTORY = 100;

function read(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
    return null;
  }
}

function write(k: string, value: string | null): void {
  try {
    if (value) localStorage.setItem(k, value);
    else localStorage.removeItem(k);
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
  }
}

/** Puts a text in a conversation's composer before it opens (a fork's message, to edit and send). */
export function seedDraft(id: string, text: string): void {
  write(key(id), text);
}

/** The composer text, kept per conversation across reloads. */
export function useDraft(id: string) {
  const [text, setText] = useState(() => read(key(id)) ?? "");
  const unsaved = useRef<string | null>(null);
  useEffect(() => {
    unsaved.current = text;
    const timer = setTimeout(() => {
      write(key(id), text);
      unsaved.current = null;
    }, 250);
    return () => clearTimeout(timer);
  }, [id, text]);
  // Saving waits for a pause in typing; leaving the conversation or the page in that pause keeps the last keystrokes.
  useEffect(() => {
    const flush = () => {
      if (unsaved.current !== null) write(key(id), unsaved.current);
      unsaved.current = null;
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [id]);
  return [text, setText] as const;
}

/** Sent prompts, newest last, shared by all conversations (up/down in an empty or unchanged box). */
export function promptHistory(): string[] {
  try {
    const parsed: unknown = JSON.parse(read(HISTORY_KEY) ?? "[]");
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
  write(HISTORY_KEY, JSON.stringify(list.slice(-MAX_HISTORY)));
}
