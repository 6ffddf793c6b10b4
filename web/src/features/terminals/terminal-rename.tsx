import { useEffect, useId, useRef, useState } from "react";
import { TERMINAL_NAME_MAX } from "../../../../shared/api/inputs.ts";
import type { TerminalInfo } from "../../../../shared/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { terminalsApi } from "../../lib/terminals-api.ts";

/**
 * What is wrong with a name for a terminal, in words, or null when it will do (the server's RenameTerminalInput says
 * the same: it trims, then takes 1 to TERMINAL_NAME_MAX characters).
 * @example terminalNameProblem("  ") // "A terminal needs a name: type one, or cancel to keep …"
 */
export function terminalNameProblem(name: string, current: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return `A terminal needs a name: type one, or cancel to keep “${current}”.`;
  if (trimmed.length > TERMINAL_NAME_MAX) return `At most ${TERMINAL_NAME_MAX} characters: this name has ${trimmed.length}.`;
  return null;
}

const SMALL_BUTTON = "min-h-11 min-w-11 shrink-0 rounded-lg text-sm hover:bg-stone-200/70 dark:hover:bg-stone-800";

/**
 * The tab's name as a text field, in place of the tab: Enter (a phone keyboard's Go) or Save renames it, Escape or
 * Cancel keeps the name. A name refused (empty, too long) or a rename the server refused is said under the field, and
 * what was typed stays in it. It replaces `window.prompt`, which a phone blocked or showed bare, with no way to say why
 * a name was refused. The field is as wide as the name typed (6 to 14rem) and what is said under it wraps to the field's
 * width: a fixed 16rem took the room of the desktop row's actions, and Close wrapped alone onto a second line.
 */
export function TerminalRenameField({ terminal, onDone }: { terminal: TerminalInfo; onDone: () => void }) {
  const [draft, setDraft] = useState(terminal.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const problemId = useId();
  // Taken after the sheet it may be opened from has given the focus back to its opener (a phone's actions menu).
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  const save = () => {
    const refused = terminalNameProblem(draft, terminal.name);
    if (refused) return setProblem(refused);
    const name = draft.trim();
    if (name === terminal.name) return onDone();
    setSaving(true);
    terminalsApi.rename(terminal.id, name).then(onDone, (error: unknown) => {
      setSaving(false);
      setProblem(`Not renamed: ${errorMessage(error)}`);
    });
  };

  return (
    <form aria-label={`Rename ${terminal.name}`} className="flex shrink-0 flex-col" noValidate
      onSubmit={(e) => { e.preventDefault(); save(); }}
      onKeyDown={(e) => { if (e.key === "Escape") { e.preventDefault(); onDone(); } }}>
      <span className="flex items-center gap-1">
        <input ref={inputRef} value={draft} aria-label={`New name for ${terminal.name}`} aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined} enterKeyHint="done" autoComplete="off" spellCheck={false}
          onChange={(e) => { setDraft(e.target.value); setProblem(null); }}
          className="min-h-11 w-auto min-w-24 max-w-56 flex-none rounded-lg [field-sizing:content] border border-stone-300 bg-white px-2 text-sm aria-invalid:border-red-600 dark:border-stone-700 dark:bg-stone-900" />
        <button type="submit" disabled={isSaving} aria-label={`Save the name of ${terminal.name}`} className={SMALL_BUTTON}>✓</button>
        <button type="button" aria-label={`Cancel renaming ${terminal.name}`} onClick={onDone} className={SMALL_BUTTON}>✕</button>
      </span>
      {problem ? <span role="alert" id={problemId} className="w-0 min-w-full whitespace-normal px-1 text-xs text-red-700 dark:text-red-400">{problem}</span> : null}
    </form>
  );
}
