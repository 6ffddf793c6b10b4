import { useState } from "react";
import { SendIcon } from "../../../components/icons.tsx";

interface PromptSuggestionProps {
  /** Claude Code's guess at the next prompt (null: none on offer). */
  suggestion: string | null;
  /** What the user has typed: typing anything puts the suggestion away for good. */
  draft: string;
  isHidden: boolean;
  /** Puts the suggestion in the message box to edit before sending. */
  onUse: (text: string) => void;
  /** Sends the suggestion as it is. */
  onSend: (text: string) => void;
}

/**
 * The predicted next prompt as a chip above the message box (ADR 0038): tapping it fills the box (a guess is often
 * nearly right, and a turn cannot be taken back); the arrow beside it sends it as it is. It goes away when the user
 * types or sends, or a new turn starts (the view drops it), and stays away for that suggestion.
 */
export function PromptSuggestion({ suggestion, draft, isHidden, onUse, onSend }: PromptSuggestionProps) {
  const [putAway, setPutAway] = useState<string | null>(null);
  if (suggestion && draft.trim() !== "" && putAway !== suggestion) setPutAway(suggestion);
  if (!suggestion || isHidden || putAway === suggestion || draft.trim() !== "") return null;
  const done = () => setPutAway(suggestion);
  return (
    <div role="group" aria-label="Suggested next message" className="mb-1.5 flex items-center gap-1">
      <button
        type="button"
        aria-label={`Use suggestion: ${suggestion}`}
        title="Put it in the message box to edit"
        onClick={() => (done(), onUse(suggestion))}
        className="inline-flex min-h-11 min-w-0 items-center gap-1.5 rounded-full border border-stone-300 bg-white px-3 text-left text-sm text-stone-800 hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800"
      >
        <span aria-hidden className="text-xs text-stone-500">Suggested</span>
        <span className="truncate">{suggestion}</span>
      </button>
      <button
        type="button"
        aria-label={`Send suggestion: ${suggestion}`}
        title="Send it now"
        onClick={() => (done(), onSend(suggestion))}
        className="inline-flex size-11 shrink-0 items-center justify-center rounded-full border border-stone-300 bg-white text-stone-700 hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-200 dark:hover:bg-stone-800"
      >
        <SendIcon />
      </button>
    </div>
  );
}
