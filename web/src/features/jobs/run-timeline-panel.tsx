import { useEffect, useState } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { buttonLook } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";
import { viewFromPage } from "../../protocol/history.ts";
import { ScreenLink } from "../../components/route-link.tsx";
import { runTimeline, type RunTimelineEntry } from "./run-timeline.ts";

const KIND_LABELS: Record<RunTimelineEntry["kind"], string> = { prompt: "Prompt", reply: "Claude", tool: "Tool", result: "Result", notice: "Note", exit: "End" };

/** The run's conversation in short (read again when the run changes), with the way into its full, live timeline. */
export function RunTimelinePanel({ conversationId, version }: { conversationId: ConversationId; version: string }) {
  const [entries, setEntries] = useState<RunTimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    api
      .history(conversationId)
      .then((page) => isCurrent && (setEntries(runTimeline(viewFromPage(page))), setError(null)))
      .catch((err: unknown) => isCurrent && setError(errorMessage(err)));
    return () => {
      isCurrent = false;
    };
  }, [conversationId, version]);
  return (
    <section aria-label="Conversation" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="flex-1 text-sm font-semibold">Conversation</h2>
        <ScreenLink route={{ view: "conversation", id: conversationId, messageId: null }} className={buttonLook("secondary")}>Open full timeline</ScreenLink>
      </div>
      <ErrorText message={error} />
      {entries === null && !error ? <p className="text-xs text-stone-500">Loading…</p> : null}
      {entries?.length === 0 ? <p className="text-xs text-stone-500">Nothing yet.</p> : null}
      <ol className="flex flex-col gap-2" data-testid="run-timeline">
        {(entries ?? []).map((entry) => (
          <li key={entry.key} className={`flex min-w-0 gap-2 text-sm ${entry.isError ? "text-red-700 dark:text-red-400" : ""}`}>
            <span className="w-14 shrink-0 text-xs font-medium text-stone-500">{KIND_LABELS[entry.kind]}</span>
            <span className="min-w-0 flex-1 whitespace-pre-wrap break-words">{entry.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
