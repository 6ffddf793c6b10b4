import { useState } from "react";
import { api } from "../../../lib/api.ts";
import { errorMessage } from "../../../lib/http.ts";
import { useViewStore } from "../../../stores/view-store.ts";
import { AnsiText } from "./ansi-text.tsx";
import { SavedOutputNote } from "./saved-output-note.tsx";
import type { DetailsProps } from "./tool-details.tsx";
import { resultOutput } from "./tool-summary.ts";
import { BareButton } from "../../../components/button.tsx";

/** A labelled block of tool output; a result cut by the server offers "Show all", fetched on demand. */
export function ToolOutput({ part, conversationId, messageId, label = "Output", isAnsi = false }: DetailsProps & { label?: string; isAnsi?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const result = part.result;
  if (!result) return <p className="px-1 text-xs text-stone-500">{part.status === "running" ? "Running…" : "No result."}</p>;
  const text = resultOutput(result) || "(no output)";
  const showAll = async () => {
    setIsLoading(true);
    try {
      useViewStore.getState().replacePart(conversationId, messageId, await api.part(conversationId, part.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setIsLoading(false);
    }
  };
  // When Claude Code cut the output, ChatML holds only what the model saw: the button must not promise the whole.
  const showAllLabel = result.savedOutput ? "Show all Claude saw" : "Show all";
  // A denied or interrupted call's text is what the model was told, not an error (ADR 0025).
  const isProblem = result.isError && !part.outcome;
  const tone = isProblem ? "bg-red-50 text-red-800 dark:bg-red-950/50 dark:text-red-300" : "bg-stone-100 dark:bg-stone-900";
  return (
    <Labelled label={isProblem ? "Error" : result.isError ? "Told Claude" : label}>
      {result.savedOutput ? <SavedOutputNote saved={result.savedOutput} shownChars={text.length} conversationId={conversationId} /> : null}
      <pre className={`tool-pre ${tone}`}>{isAnsi ? <AnsiText text={text} /> : text}</pre>
      {result.isTruncated ? (
        <BareButton disabled={isLoading} onClick={() => void showAll()} className="min-h-11 px-1 text-xs font-medium text-accent underline">
          {isLoading ? "Loading…" : error ? `${showAllLabel} (failed: ${error})` : showAllLabel}
        </BareButton>
      ) : null}
    </Labelled>
  );
}

/** A small uppercase label over a block. */
export function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <div className="px-1 text-[11px] font-semibold uppercase tracking-wide text-stone-500">{label}</div>
      {children}
    </div>
  );
}
