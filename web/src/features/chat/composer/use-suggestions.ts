import { useEffect, useState } from "react";
import type { ConversationId, SlashCommand } from "../../../../../shared/index.ts";
import { api } from "../../../lib/api.ts";

/** One autocomplete choice: what to show and the text that replaces the token. */
export interface Suggestion {
  label: string;
  detail: string;
  insert: string;
}

/** The token being completed at the caret: a leading `/command` or an `@path`. */
export function tokenAt(text: string, caret: number): { kind: "slash" | "mention"; query: string; start: number } | null {
  const before = text.slice(0, caret);
  const slash = /^\/(\S*)$/.exec(before);
  if (slash) return { kind: "slash", query: slash[1] ?? "", start: 0 };
  const mention = /(^|\s)@([^\s@]*)$/.exec(before);
  if (mention) return { kind: "mention", query: mention[2] ?? "", start: before.length - (mention[2]?.length ?? 0) - 1 };
  return null;
}

/** Suggestions for the token: slash commands the CLI reported, or files of the working folder (fuzzy, server-side). */
export function useSuggestions(id: ConversationId, token: ReturnType<typeof tokenAt>, commands: SlashCommand[]): Suggestion[] {
  const [files, setFiles] = useState<string[]>([]);
  const query = token?.kind === "mention" ? token.query : null;
  useEffect(() => {
    if (query === null) return;
    let isCancelled = false;
    const timer = setTimeout(() => {
      api
        .files(id, query)
        .then((r) => !isCancelled && setFiles(r.files))
        .catch((e: unknown) => console.warn("chatml: file search failed", e));
    }, 120);
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
  }, [id, query]);
  if (!token) return [];
  if (token.kind === "mention") return files.map((f) => ({ label: f, detail: "", insert: `@${f} ` }));
  const q = token.query.toLowerCase();
  return commands
    .filter((c) => c.name.toLowerCase().includes(q))
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)))
    .slice(0, 12)
    .map((c) => ({ label: `/${c.name}`, detail: c.argumentHint ? `${c.argumentHint} — ${c.description}` : c.description, insert: `/${c.name} ` }));
}
