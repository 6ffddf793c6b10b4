import { useState } from "react";
import { parseRoute, useNavStore } from "../../stores/nav-store.ts";

/** A message longer than this shows its start, with a button for the rest. */
const PREVIEW_LINES = 12;
const PREVIEW_CHARS = 1_200;

/**
 * The start of a long message (its first lines, cut at a line end when one is near), or null when the message is
 * short enough to show whole. A pasted log or a review's diff would otherwise fill screens of the timeline.
 */
export function userTextPreview(text: string): string | null {
  const lines = text.split("\n");
  let preview = lines.slice(0, PREVIEW_LINES).join("\n");
  if (preview.length > PREVIEW_CHARS) {
    const lineEnd = preview.lastIndexOf("\n", PREVIEW_CHARS);
    preview = preview.slice(0, lineEnd > PREVIEW_CHARS / 2 ? lineEnd : PREVIEW_CHARS);
  }
  // Not worth a button for a few more lines or characters.
  const rest = text.length - preview.length;
  return rest > 200 || lines.length > PREVIEW_LINES + 3 ? preview.trimEnd() : null;
}

/** The text of a user's message, plain; a long one starts collapsed, or open when a link (a search hit) points at it. */
export function UserText({ text, messageId }: { text: string; messageId: string }) {
  const preview = userTextPreview(text);
  if (preview === null) return <p className="whitespace-pre-wrap break-words">{text}</p>;
  return <LongUserText text={text} preview={preview} messageId={messageId} />;
}

function LongUserText({ text, preview, messageId }: { text: string; preview: string; messageId: string }) {
  const isTarget = useNavStore((s) => {
    const route = parseRoute(s.hash);
    return route.view === "conversation" && route.messageId === messageId;
  });
  // Null until the reader chooses: then the link decides.
  const [isOpen, setIsOpen] = useState<boolean | null>(null);
  const isShown = isOpen ?? isTarget;
  const lineCount = text.split("\n").length;
  return (
    <div>
      <p className="whitespace-pre-wrap break-words">{isShown ? text : `${preview} …`}</p>
      <button type="button" aria-expanded={isShown} onClick={() => setIsOpen(!isShown)} className="mt-1 min-h-11 text-sm font-medium text-stone-600 underline underline-offset-2 dark:text-stone-300">
        {isShown ? "Show less" : `Show all ${lineCount > 1 ? `${lineCount.toLocaleString()} lines` : `${text.length.toLocaleString()} characters`}`}
      </button>
    </div>
  );
}
