import { useEffect, useLayoutEffect, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from "react";
import { MAX_PROMPT_CHARS, promptTooLongMessage, type ConversationId, type ConversationStatus, type ImageInput, type SessionId, type SlashCommand } from "../../../../../shared/index.ts";
import { plural } from "../../../../../shared/plural.ts";
import { Button } from "../../../components/button.tsx";
import { ErrorText } from "../../../components/error-text.tsx";
import { SendIcon, StopIcon } from "../../../components/icons.tsx";
import { Spinner } from "../../../components/spinner.tsx";
import { takeComposerFocus } from "../../../lib/composer-focus.ts";
import { FINE_POINTER_QUERY, useMediaQuery } from "../../../lib/use-media-query.ts";
import { useChatSettings } from "../../../stores/chat-settings-store.ts";
import { useIsConnectionLost } from "../../../stores/connection-store.ts";
import { isBusy } from "../use-conversation.ts";
import { AttachButtons } from "./attach-buttons.tsx";
import { AttachmentStrip } from "./attachment-strip.tsx";
import { useComposeRequests } from "./compose-requests.ts";
import { PromptSuggestion } from "./prompt-suggestion.tsx";
import { QueuedMessages } from "./queued-messages.tsx";
import { SuggestionList } from "./suggestion-list.tsx";
import { useAttachments } from "./use-attachments.ts";
import { useDroppedFiles } from "./use-dropped-files.ts";
import { useHistoryImages } from "./use-history-images.ts";
import { useComposerInput } from "./use-composer-input.ts";
import { useSteering } from "./use-steering.ts";
import { VoiceButton } from "./voice-button.tsx";

interface ComposerProps {
  id: ConversationId;
  status: ConversationStatus;
  commands: SlashCommand[];
  onStop: () => void;
  isStopping: boolean;
  stopError: string | null;
  /** The interactive terminal that runs this conversation now: messages are typed there, Stop is its Esc. */
  terminalName: string | null;
  /** Claude Code's guess at the next prompt, offered as a chip (ADR 0038). */
  promptSuggestion?: string | null;
  /** The conversation's session when it is archived: the server refuses messages there, so Send unarchives it first. */
  archivedSessionId?: SessionId | null;
}

/**
 * The message box: autocomplete, images, dictation, history, drafts; queue or interrupt-and-send while Claude works.
 * In interactive mode it types into the terminal's TUI, which takes text only.
 */
export function Composer({ id, status, commands, onStop, isStopping, stopError, terminalName, promptSuggestion = null, archivedSessionId = null }: ComposerProps) {
  const hasKeyboard = useMediaQuery(FINE_POINTER_QUERY);
  const sendKey = useChatSettings((s) => s.sendKey);
  const isEnterSend = sendKey === "enter" || (sendKey === "auto" && hasKeyboard);
  const busy = isBusy(status);
  const isLost = useIsConnectionLost();
  const steering = useSteering(id);
  const files = useAttachments(id);
  const historyImages = useHistoryImages(id, files.items);
  const input = useComposerInput(id, commands, (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!isEnterSend) return;
    e.preventDefault();
    void submit(busy ? "queue" : "send");
  });
  const dropped = useDroppedFiles(id, files.add, input.append);
  const shownPlaceholder = isLost ? LOST_PLACEHOLDER : placeholder(status, isEnterSend, terminalName);
  const ref = useAutoGrow(input.text, shownPlaceholder);
  const root = useRef<HTMLDivElement>(null);
  // A conversation the user just made is there to be typed into; on a touch screen the keyboard waits for a tap.
  useEffect(() => {
    if (takeComposerFocus(id) && hasKeyboard) focusAt(ref.current);
  }, [id, hasKeyboard, ref]);
  // A message put back into the box (a queued one taken back, a sent one to edit) goes before what is in it, so nothing
  // typed or attached there is lost; putting the same message back twice does not repeat it.
  const putBack = (text: string, images: readonly ImageInput[]) => {
    const typed = input.text;
    const isThere = text.trim() !== "" && (typed === text || typed.startsWith(`${text}\n\n`));
    input.setText(isThere ? typed : typed.trim() ? `${text}\n\n${typed}` : text);
    files.prepend(images.filter((image) => !files.items.some((item) => item.data === image.data)));
    requestAnimationFrame(() => focusAt(ref.current, text.length));
  };
  useComposeRequests(id, putBack);
  // A paste refused for its length says so until the box changes.
  const [pasteProblem, setPasteProblem] = useState<string | null>(null);
  // Said as it is pasted, not only when sent: the server refuses it with the same words.
  const textProblem = input.text.length > MAX_PROMPT_CHARS ? promptTooLongMessage(input.text.length) : null;
  const canSend = (input.text.trim().length > 0 || files.items.length > 0) && files.limitProblem === null && historyImages.refusal === null && textProblem === null && !steering.isSending;

  async function submit(mode: "send" | "queue" | "redirect") {
    if (!canSend) return;
    const text = input.text;
    const attached = files.items;
    const images = attached.map(({ mediaType, data }) => ({ mediaType, data }));
    const send = archivedSessionId === null ? steering.send : (t: string, i: ImageInput[]) => steering.unarchiveAndSend(archivedSessionId, t, i);
    const run = mode === "queue" ? steering.enqueue : mode === "redirect" ? steering.interruptAndSend : send;
    if (!(await run(text, images))) return;
    input.clearSent(text);
    files.clearSent(attached);
    dropped.clear();
    // Sent with the pointer, Send went (Stop and Queue take its place) and took the focus along: the next words typed
    // went nowhere. A keyboard's box takes them again; a phone's on-screen keyboard stays down.
    if (hasKeyboard && isFocusHereOrLost(root.current)) focusAt(ref.current);
  }
  // Every pasted file goes in (an image attached, a text file as a block) or says why not (a PDF, an image too
  // large): a file left out here would vanish without a word.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = Array.from(e.clipboardData.files);
    if (pasted.length > 0) void dropped.add(pasted);
    const refusal = oversizedPaste(e.currentTarget, e.clipboardData.getData("text/plain"));
    if (refusal) e.preventDefault();
    setPasteProblem(refusal);
  };
  const onDrop = (e: DragEvent) => {
    if (e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    void dropped.add(Array.from(e.dataTransfer.files));
  };

  return (
    <div ref={root} onDragOver={(e) => e.preventDefault()} onDrop={onDrop} className="shrink-0 border-t border-stone-200 bg-stone-50 px-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] pt-2 dark:border-stone-800 dark:bg-stone-950">
      <div className="relative mx-auto max-w-3xl">
        <ErrorText message={steering.error ?? stopError ?? files.error ?? dropped.error ?? files.limitProblem ?? historyImages.refusal ?? pasteProblem ?? textProblem} className="px-1 pb-1" />
        {historyImages.warning ? <p role="status" className="px-1 pb-1 text-sm text-amber-700 dark:text-amber-400">{historyImages.warning}</p> : null}
        <QueuedMessages id={id} queue={steering.queue} isBusy={busy} hasNoProcess={status === "idle" || status === "exited"} onEdit={putBack} />
        <AttachmentStrip items={files.items} onRemove={files.remove} />
        <PromptSuggestion
          suggestion={promptSuggestion}
          draft={input.text}
          isHidden={busy || terminalName !== null || files.items.length > 0}
          onUse={(text) => (input.setText(text), requestAnimationFrame(() => ref.current?.focus()))}
          onSend={(text) => void steering.send(text, [])}
        />
        <SuggestionList id={`suggest-${id}`} label={input.tokenKind === "slash" ? "Slash commands" : "Files"} items={input.suggestions} active={input.active} onPick={input.pick} />
        <textarea
          ref={ref}
          aria-label="Message"
          aria-autocomplete="list"
          aria-controls={input.suggestions.length > 0 ? `suggest-${id}` : undefined}
          aria-activedescendant={input.suggestions.length > 0 ? `suggest-${id}-${input.active}` : undefined}
          rows={1}
          value={input.text}
          onChange={(e) => (setPasteProblem(null), input.change(e.target.value, e.target.selectionStart))}
          onSelect={(e) => input.caret(e.currentTarget.selectionStart)}
          onKeyDown={input.onKeyDown}
          onPaste={onPaste}
          placeholder={shownPlaceholder}
          enterKeyHint={isEnterSend ? "send" : "enter"}
          className="max-h-[40dvh] min-h-11 w-full resize-none rounded-xl border border-stone-300 bg-white px-3 py-2.5 text-base leading-snug dark:border-stone-700 dark:bg-stone-900"
        />
        <div className="mt-1 flex items-center gap-1">
          {terminalName === null ? <AttachButtons isCompact={busy} onFiles={(list) => void files.add(list)} /> : null}
          {/* While Claude works a phone's row holds Stop, Interrupt & send and Queue: dictation waits for wider screens. */}
          <span className={busy ? "hidden sm:contents" : "contents"}>
            <VoiceButton onText={(t) => input.setText(input.text ? `${input.text} ${t}` : t)} />
          </span>
          <span className="flex-1" />
          {busy ? <BusyButtons id={id} isLost={isLost} canSend={canSend} isStopping={isStopping} onStop={onStop} onQueue={() => void submit("queue")} onRedirect={terminalName === null ? () => void submit("redirect") : null} /> : null}
          {!busy && archivedSessionId !== null ? (
            <Button variant="primary" aria-label="Unarchive and send" className="whitespace-nowrap" disabled={!canSend} onClick={() => void submit("send")}>
              {steering.isSending ? <Spinner /> : null}
              Unarchive & send
            </Button>
          ) : null}
          {!busy && archivedSessionId === null ? (
            <Button variant="primary" aria-label="Send" disabled={!canSend} onClick={() => void submit("send")}>
              {steering.isSending ? <Spinner /> : <SendIcon />}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/**
 * While the connection is lost nothing is known to run (ADR 0174): the box says so rather than "Claude is working", and
 * that typing goes on — the draft is kept on this device (ADR 0051) and a send that fails leaves it in the box.
 */
const LOST_PLACEHOLDER = "Connection lost — what you type is kept on this device";

/** What Claude is doing, as the box says it while busy: one waiting for the user's answer is not working. */
const BUSY_DOING: Partial<Record<ConversationStatus, string>> = { running: "is working", waiting: "waits for your answer above", starting: "is starting" };

function placeholder(status: ConversationStatus, isEnterSend: boolean, terminalName: string | null): string {
  const doing = BUSY_DOING[status];
  if (terminalName !== null) return doing ? `Claude is working in the terminal “${terminalName}” — queue a message or stop it` : `Type to Claude in the terminal “${terminalName}”${isEnterSend ? " (Enter sends it there)" : ""}`;
  if (doing) return `Claude ${doing} — queue a message or interrupt`;
  return isEnterSend ? "Message Claude (Enter to send, / for commands, @ for files)" : "Message Claude";
}

type BusyButtonsProps = { id: ConversationId; isLost: boolean; canSend: boolean; isStopping: boolean; onStop: () => void; onQueue: () => void; onRedirect: (() => void) | null };

/**
 * `onRedirect` null: interrupt-and-send is not offered (the interactive TUI queues on its own terms). While the
 * connection is lost Stop and Interrupt & send are off, saying why: there is nothing known to stop, and the server
 * could not hear it. Queue stays: a failed one leaves the text in the box with the error.
 */
function BusyButtons({ id, isLost, canSend, isStopping, onStop, onQueue, onRedirect }: BusyButtonsProps) {
  const waitsId = `waits-${id}`;
  const waits = isLost ? { "aria-describedby": waitsId, title: WAITS_FOR_CONNECTION } : null;
  return (
    <>
      {isLost ? <span id={waitsId} className="sr-only">{WAITS_FOR_CONNECTION}</span> : null}
      <Button variant="secondary" aria-label="Stop" title="Stop (Esc)" disabled={isStopping || isLost} onClick={onStop} {...waits}>
        {isStopping ? <Spinner /> : <StopIcon />}
      </Button>
      {onRedirect ? (
        <Button variant="secondary" aria-label="Interrupt and send" className="whitespace-nowrap" disabled={!canSend || isLost} onClick={onRedirect} {...waits}>
          Interrupt & send
        </Button>
      ) : null}
      <Button variant="primary" aria-label="Queue message" disabled={!canSend} onClick={onQueue}>
        Queue
      </Button>
    </>
  );
}

const WAITS_FOR_CONNECTION = "Waits for the connection: nothing is known to run while it is lost";

/**
 * Grows the textarea with its content (up to its max-height). An empty box is as tall as its placeholder, which changes
 * with the status: "Claude waits for your answer above — …" takes two lines on a phone, and measured only when the
 * text changed, a box that was empty when another device's message made Claude wait cut its second line off.
 */
function useAutoGrow(text: string, placeholderText: string) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) fitHeight(el);
  }, [text, placeholderText]);
  // A narrower box wraps into more lines (a phone turned upright, a panel opened beside it): measured again then too,
  // not at the next key. Its own height changes are not news (they are the fitting).
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fitHeight(el);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return ref;
}

/**
 * Why a pasted text is not put in the box, or null when it fits: with it the box would be over what one message
 * takes. Let in, a 5 MB paste held the tab for seconds at every key (the box measures its height as it grows) only to
 * be refused at Send; refused here, the box keeps what it had and the clipboard still holds the text.
 */
function oversizedPaste(box: HTMLTextAreaElement, text: string): string | null {
  const after = box.value.length - (box.selectionEnd - box.selectionStart) + text.length;
  if (after <= MAX_PROMPT_CHARS) return null;
  return `The pasted text is ${plural(text.length, "character")}, so the message would be ${after.toLocaleString("en-US")}; one message takes at most ${MAX_PROMPT_CHARS.toLocaleString("en-US")}. It was not pasted: save it in a file in the folder and point Claude to it, or paste it in parts.`;
}

function fitHeight(el: HTMLTextAreaElement): void {
  el.style.height = "auto";
  el.style.height = `${el.scrollHeight + 2}px`;
}

/** Whether the focus is in the composer (its box, a button of its row) or was dropped to the page with a button. */
function isFocusHereOrLost(composer: HTMLElement | null): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || (composer?.contains(active) ?? false);
}

/**
 * Focuses the box with the caret at `at` (the end of its text by default): focus() alone left the caret before a
 * text put there (a fork's message, one taken back to edit), so the first key typed went in front of it.
 */
function focusAt(box: HTMLTextAreaElement | null, at?: number): void {
  if (!box) return;
  box.focus();
  const caret = at ?? box.value.length;
  box.setSelectionRange(caret, caret);
}
