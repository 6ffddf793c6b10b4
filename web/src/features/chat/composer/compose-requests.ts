import { useEffect, useRef } from "react";

type Listener = (conversationId: string, text: string) => void;
const listeners = new Set<Listener>();

/** Asks the conversation's composer to hold `text` (e.g. a message the user wants to edit and send again). */
export function requestCompose(conversationId: string, text: string): void {
  for (const listener of listeners) listener(conversationId, text);
}

/** Runs `onText` whenever someone asks this conversation's composer to hold a text. */
export function useComposeRequests(conversationId: string, onText: (text: string) => void): void {
  const latest = useRef(onText);
  useEffect(() => {
    latest.current = onText;
  });
  useEffect(() => {
    const listener: Listener = (id, text) => {
      if (id === conversationId) latest.current(text);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [conversationId]);
}
