import { useEffect, useState } from "react";
import { readStored, writeStored } from "../../lib/use-stored-text.ts";

/** The options and "Other" text picked for one question. */
export type Picks = Record<string, { labels: string[]; other: string }>;

/** Only requests still open matter; a few dozen of each kind is plenty. */
const MAX_KEPT = 20;

function readAll<T>(key: string): Record<string, T> {
  try {
    const parsed: unknown = JSON.parse(readStored(key) ?? "{}");
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, T>) : {};
  } catch (error) {
    console.warn("chatml: stored answers unreadable", error);
    return {};
  }
}

function writeOne<T>(key: string, requestId: string, value: T | null): void {
  const all = readAll<T>(key);
  delete all[requestId];
  if (value !== null) all[requestId] = value;
  writeStored(key, JSON.stringify(Object.fromEntries(Object.entries(all).slice(-MAX_KEPT))));
}

/**
 * What the user has put into a waiting request's card so far (a question's picks, a plan's feedback, why a tool is
 * denied), kept per request across reloads, another conversation or another view until it is answered. `kind` names
 * the store (`chatml.<kind>`), which keeps the newest 20 requests; an empty value is not kept.
 */
export function useRequestDraft<T>(kind: string, requestId: string, empty: T, isEmpty: (value: T) => boolean) {
  const key = `chatml.${kind}`;
  const [value, setValue] = useState<T>(() => readAll<T>(key)[requestId] ?? empty);
  useEffect(() => writeOne(key, requestId, isEmpty(value) ? null : value), [key, requestId, value, isEmpty]);
  return [value, setValue] as const;
}

const noPicks = (picks: Picks) => Object.keys(picks).length === 0;
const noText = (text: string) => text === "";

/** A question card's picks. */
export const useStoredPicks = (requestId: string) => useRequestDraft<Picks>("questionPicks", requestId, {}, noPicks);
/** A plan card's feedback, or a tool card's reason to deny. */
export const useStoredAnswerText = (kind: "planFeedback" | "denyMessages", requestId: string) => useRequestDraft<string>(kind, requestId, "", noText);
