import { useEffect, useState } from "react";

/** The options and "Other" text picked for one question. */
export type Picks = Record<string, { labels: string[]; other: string }>;

const KEY = "chatml.questionPicks";
/** Only requests still open matter; a few dozen is plenty. */
const MAX_KEPT = 20;

function readAll(): Record<string, Picks> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, Picks>) : {};
  } catch (error) {
    console.warn("chatml: question picks unreadable", error);
    return {};
  }
}

function writeOne(requestId: string, picks: Picks): void {
  try {
    const all = readAll();
    delete all[requestId];
    if (Object.keys(picks).length > 0) all[requestId] = picks;
    const kept = Object.entries(all).slice(-MAX_KEPT);
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch (error) {
    console.warn("chatml: storage unavailable", error);
  }
}

/** A question card's picks, kept per request across reloads until it is answered. */
export function useStoredPicks(requestId: string) {
  const [picks, setPicks] = useState<Picks>(() => readAll()[requestId] ?? {});
  useEffect(() => writeOne(requestId, picks), [requestId, picks]);
  return [picks, setPicks] as const;
}
