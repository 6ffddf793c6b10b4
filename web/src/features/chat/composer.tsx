import { useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { SendIcon, StopIcon } from "../../components/icons.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { FINE_POINTER_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { useSend } from "./use-send.ts";

interface ComposerProps {
  id: ConversationId;
  canStop: boolean;
  onStop: () => void;
  isStopping: boolean;
  stopError: string | null;
}

/** The message box pinned to the bottom: Enter sends with a real keyboard, Shift+Enter adds a line. */
export function Composer({ id, canStop, onStop, isStopping, stopError }: ComposerProps) {
  const [text, setText] = useState("");
  const { send, isSending, error } = useSend(id);
  const hasKeyboard = useMediaQuery(FINE_POINTER_QUERY);
  const ref = useAutoGrow(text);

  const submit = async () => {
    if (await send(text)) setText("");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Escape" && text) e.stopPropagation();
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing || !hasKeyboard) return;
    e.preventDefault();
    void submit();
  };

  return (
    <div className="shrink-0 border-t border-stone-200 bg-stone-50 px-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] pt-2 dark:border-stone-800 dark:bg-stone-950">
      <div className="mx-auto max-w-3xl">
        <ErrorText message={error ?? stopError} className="px-1 pb-1" />
        <div className="flex items-end gap-2">
          <textarea
            ref={ref}
            aria-label="Message"
            rows={1}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={hasKeyboard ? "Message Claude (Enter to send, Shift+Enter for a new line)" : "Message Claude"}
            enterKeyHint={hasKeyboard ? "send" : "enter"}
            className="max-h-[40dvh] min-h-11 flex-1 resize-none rounded-xl border border-stone-300 bg-white px-3 py-2.5 text-base leading-snug md:text-[15px] dark:border-stone-700 dark:bg-stone-900"
          />
          {canStop ? (
            <Button variant="secondary" aria-label="Stop" title="Stop (Esc)" disabled={isStopping} onClick={onStop}>
              {isStopping ? <Spinner /> : <StopIcon />}
            </Button>
          ) : null}
          <Button variant="primary" aria-label="Send" disabled={isSending || !text.trim()} onClick={() => void submit()}>
            {isSending ? <Spinner /> : <SendIcon />}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** Grows the textarea with its content (up to its max-height). */
function useAutoGrow(text: string) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [text]);
  return ref;
}
