import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { ConversationId } from "../../../../shared/index.ts";
import { api } from "../../lib/api.ts";
import { newCommandId } from "../../lib/command-id.ts";
import { errorMessage } from "../../lib/http.ts";
import type { ViewMessage } from "../../protocol/conversation-view.ts";
import { requestCompose } from "./composer/compose-requests.ts";
import { loadMessageImages, messageImageIds } from "./message-images.ts";
import { seedDraft } from "./composer/use-draft.ts";
import { focusComposerOnArrival } from "../../lib/composer-focus.ts";
import { mcpApi } from "../../lib/mcp-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { pinTimeline } from "./use-timeline-scroll.ts";
import { dropRetryFocus, passRetryFocus, takeRetryFocus } from "./retry-focus.ts";
import { BareButton } from "../../components/button.tsx";
import { CopiedStatus } from "../../components/copied-status.tsx";
import { useCopiedMoment } from "../../lib/use-copied-moment.ts";
import { copyText } from "../../lib/copy-text.ts";

const ACTION = "min-h-11 min-w-11 rounded-md px-2 text-xs text-stone-500 hover:bg-stone-200 hover:text-stone-800 disabled:opacity-50 aria-disabled:opacity-50 mouse:min-h-7 mouse:min-w-0 dark:hover:bg-stone-800 dark:hover:text-stone-200";
/** Why Edit, Fork and Retry do nothing in an archived session (ADR 0072: its conversations take no message). */
const ARCHIVED_REASON = "The session is archived: unarchive it to edit, fork or retry.";
/** Why Retry waits: sent now it would queue behind the turn. */
const BUSY_REASON = "Claude is working: Retry once this turn ends.";

interface MessageActionsProps {
  message: ViewMessage;
  conversationId: ConversationId;
  /** The newest user message offers Retry (send it again). */
  isLastUserMessage: boolean;
  /** While Claude works, Retry would queue behind the turn: it waits until the turn ends. */
  isBusy: boolean;
}

/**
 * Under a message: Copy its text; on the user's own messages Edit (into the composer, to change and send) and Retry,
 * both with the message's images as well as its words, and Fork (a new conversation continuing from before it, the
 * message in its composer).
 */
export function MessageActions({ message, conversationId, isLastUserMessage, isBusy }: MessageActionsProps) {
  const [isSending, setIsSending] = useState(false);
  const [isCopied, markCopied, clearCopied] = useCopiedMoment();
  const [error, setError] = useState<string | null>(null);
  const isArchived = useConversationsStore((s) => s.sessions[s.conversations[conversationId]?.sessionId ?? ""]?.archivedAt != null);
  // Read once, as the row first shows: a retried message arrives as the newest one.
  const [takesRetryFocus] = useState(() => isLastUserMessage && takeRetryFocus(conversationId, message.id));
  const retryRef = useRef<HTMLButtonElement>(null);
  // Not autoFocus: that focuses the button as it mounts, before the virtualizer moves its row into place (a transform
  // set after), so the browser scrolled the timeline to the top to show it; a long conversation's virtualizer then
  // dropped the row, and the focus with it, before the timeline went back to its end.
  useEffect(() => {
    if (takesRetryFocus) retryRef.current?.focus({ preventScroll: true });
  }, [takesRetryFocus]);
  const text = messageText(message);
  const imageCount = messageImageIds(message).length;
  // Why Retry waited is no longer so once the turn ends (set while rendering: React's pattern for state that follows a prop).
  const [wasBusy, setWasBusy] = useState(isBusy);
  if (wasBusy !== isBusy) {
    setWasBusy(isBusy);
    if (!isBusy && error === BUSY_REASON) setError(null);
  }
  if (!text && imageCount === 0) return null;
  // Its failure joins the row's one error line (an Edit's or Fork's would otherwise sit beside a stale copy problem).
  const copy = () => {
    setError(null);
    copyText(text).then(markCopied, (e: unknown) => {
      clearCopied();
      setError(errorMessage(e));
    });
  };
  const retry = async (e: MouseEvent<HTMLButtonElement>) => {
    setIsSending(true);
    setError(null);
    // Asked before sending: the retried message can arrive on the socket before the send's own answer.
    if (document.activeElement === e.currentTarget) passRetryFocus(conversationId, message.id);
    try {
      await api.sendMessage(conversationId, newCommandId(), text, await loadMessageImages(message));
      pinTimeline();
    } catch (e) {
      dropRetryFocus();
      setError(errorMessage(e));
    } finally {
      setIsSending(false);
    }
  };
  const edit = () => {
    setError(null);
    loadMessageImages(message).then(
      (images) => requestCompose(conversationId, text, images),
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  const fork = async () => {
    setError(null);
    try {
      const { conversation, draft } = await mcpApi.fork(conversationId, message.id);
      seedDraft(conversation.id, draft);
      // The fork opens with the message in its composer, to change and send: the focus went to the page's body.
      focusComposerOnArrival(conversation.id);
      useUiStore.getState().select(conversation.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const isUser = message.role === "user";
  /**
   * Where an action cannot act now (an archived session; Retry while Claude works) it stays in its place but says why:
   * focusable (aria-disabled, not disabled) so a screen reader hears the reason, a tap on a phone shows it, and a Retry
   * pressed from the keyboard keeps the focus, or takes it as the retried message arrives with the turn it starts (a
   * disabled button cannot: the focus fell to the page).
   */
  const unless = (reason: string | null, label: string, act: (e: MouseEvent<HTMLButtonElement>) => void) =>
    reason ? { "aria-label": `${label} (unavailable: ${reason})`, "aria-disabled": true, title: reason, onClick: () => setError(reason) } : { "aria-label": label, onClick: act };
  const archived = isArchived ? ARCHIVED_REASON : null;
  const retryRefusal = archived ?? (isBusy ? BUSY_REASON : null);
  return (
    <div data-testid="message-actions" className={`flex flex-wrap items-center gap-1 ${isUser ? "justify-end" : ""}`}>
      {text ? (
        <button type="button" aria-label="Copy message" onClick={copy} className={ACTION}>
          {isCopied ? "Copied" : "Copy"}
        </button>
      ) : null}
      {isUser ? (
        <button type="button" {...unless(archived, "Edit and resend", edit)} className={ACTION}>
          Edit
        </button>
      ) : null}
      {isUser ? (
        <button type="button" {...unless(archived, "Fork from here: a new conversation with what came before this message", () => void fork())} className={ACTION}>
          Fork
        </button>
      ) : null}
      {isUser && isLastUserMessage ? (
        <BareButton ref={retryRef} {...unless(retryRefusal, "Retry: send this message again", (e) => void (isSending || retry(e)))} aria-busy={isSending} className={ACTION}>
          {isSending ? "Sending…" : "Retry"}
        </BareButton>
      ) : null}
      <CopiedStatus isCopied={isCopied} />
      {error ? <span role="alert" className="text-xs text-red-600">{error}</span> : null}
    </div>
  );
}

/** The message's own words (text parts), as the user would copy them. */
export function messageText(message: ViewMessage): string {
  return message.parts.flatMap((p) => (p.kind === "text" && p.text.trim() ? [p.text] : [])).join("\n\n");
}
