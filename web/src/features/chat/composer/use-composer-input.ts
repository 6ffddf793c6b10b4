import { useState, type KeyboardEvent } from "react";
import type { ConversationId, SlashCommand } from "../../../../../shared/index.ts";
import { promptHistory, useDraft } from "./use-draft.ts";
import { tokenAt, useSuggestions, type Suggestion } from "./use-suggestions.ts";

/**
 * The composer's text: per-conversation draft, autocomplete (slash commands, @ files) with arrow/Enter/Tab/Esc,
 * and prompt history on up/down when the caret is at the start. `onEnter` runs for a plain Enter.
 */
export function useComposerInput(id: ConversationId, commands: SlashCommand[], onEnter: (e: KeyboardEvent<HTMLTextAreaElement>) => void) {
  const [text, setText] = useDraft(id);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [isDismissed, setIsDismissed] = useState(false);
  const [historyIndex, setHistoryIndex] = useState<number | null>(null);
  const token = isDismissed ? null : tokenAt(text, caret);
  const suggestions = useSuggestions(id, token, commands);

  const change = (value: string, at: number) => {
    setText(value);
    setCaret(at);
    setActive(0);
    setIsDismissed(false);
    setHistoryIndex(null);
  };
  const pick = (item: Suggestion) => {
    if (!token) return;
    const next = text.slice(0, token.start) + item.insert + text.slice(caret);
    change(next, token.start + item.insert.length);
  };
  const browse = (step: -1 | 1, e: KeyboardEvent<HTMLTextAreaElement>) => {
    const list = promptHistory();
    const from = historyIndex ?? list.length;
    const to = from + step;
    if (list.length === 0 || to < 0 || to > list.length) return;
    e.preventDefault();
    setHistoryIndex(to === list.length ? null : to);
    setText(to === list.length ? "" : (list[to] ?? ""));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    if (suggestions.length > 0 && handleMenuKey(e, suggestions, active, setActive, pick, () => setIsDismissed(true))) return;
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const canBrowse = text === "" || historyIndex !== null;
    if (e.key === "ArrowUp" && canBrowse && atStart) return browse(-1, e);
    if (e.key === "ArrowDown" && historyIndex !== null) return browse(1, e);
    if (e.key === "Escape" && text) e.stopPropagation();
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) onEnter(e);
  };
  /**
   * Takes a sent text out of the box once the server has it. What was typed while it was on its way stays: a slow
   * send must not wipe the next message (words added after the sent text are kept; a box rewritten is left alone).
   */
  const clearSent = (sent: string) => {
    setText((current) => (current.startsWith(sent) ? current.slice(sent.length).trimStart() : current));
    setHistoryIndex(null);
  };
  /** Adds a block after what is in the box as it is then (a dropped file is read while the user may type on). */
  const append = (block: string) => {
    setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${block}` : block));
    setHistoryIndex(null);
  };
  return { text, setText: (v: string) => change(v, v.length), change, clearSent, append, caret: setCaret, onKeyDown, suggestions, active, pick, tokenKind: token?.kind ?? null };
}

function handleMenuKey(e: KeyboardEvent, items: Suggestion[], active: number, setActive: (n: number) => void, pick: (s: Suggestion) => void, dismiss: () => void): boolean {
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    setActive((active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
    return true;
  }
  if (e.key === "Enter" || e.key === "Tab") {
    const item = items[active];
    if (!item) return false;
    e.preventDefault();
    pick(item);
    return true;
  }
  if (e.key === "Escape") {
    e.preventDefault();
    e.stopPropagation();
    dismiss();
    return true;
  }
  return false;
}
