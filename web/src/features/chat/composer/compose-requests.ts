import { useEffect, useRef } from "react";
import type { ImageInput } from "../../../../../shared/index.ts";

type Listener = (conversationId: string, text: string, images: readonly ImageInput[]) => void;
const listeners = new Set<Listener>();

/** Asks the conversation's composer to hold `text` and `images` (e.g. a message the user wants to edit and send again). */
export function requestCompose(conversationId: string, text: string, images: readonly ImageInput[] = []): void {
  for (const listener of listeners) listener(conversationId, text, images);
}

/** Runs `onCompose` whenever someone asks this conversation's composer to hold a text (and its images). */
export function useComposeRequests(conversationId: string, onCompose: (text: string, images: readonly ImageInput[]) => void): void {
  const latest = useRef(onCompose);
  useEffect(() => {
    latest.current = onCompose;
  });
  useEffect(() => {
    const listener: Listener = (id, text, images) => {
      if (id === conversationId) latest.current(text, images);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [conversationId]);
}
