/** Keys a phone keyboard lacks, as the bytes a terminal expects. */
const KEYS: { label: string; name: string; data: string }[] = [
  { label: "Esc", name: "Escape", data: "\x1b" },
  { label: "Tab", name: "Tab", data: "\t" },
  { label: "←", name: "Arrow left", data: "\x1b[D" },
  { label: "↑", name: "Arrow up", data: "\x1b[A" },
  { label: "↓", name: "Arrow down", data: "\x1b[B" },
  { label: "→", name: "Arrow right", data: "\x1b[C" },
  // With the arrows it answers a TUI's menu (Claude Code's own prompts) without opening the phone's keyboard.
  { label: "⏎", name: "Enter", data: "\r" },
  { label: "|", name: "Pipe", data: "|" },
  { label: "~", name: "Tilde", data: "~" },
  { label: "/", name: "Slash", data: "/" },
];

type KeyBarProps = {
  isCtrlArmed: boolean;
  onToggleCtrl(): void;
  onKey(data: string): void;
  onPaste(): void;
  /** Shows the terminal's text where a finger can select and copy it. */
  onCopy(): void;
  /** The phone's keyboard is open: smaller keys, so the terminal keeps the height. */
  isCompact?: boolean;
  /** The terminal's search row, shown and folded again by the Find key. */
  search: { isOpen: boolean; toggle(): void };
};

/** The phone's extra keys: Esc, Tab, a sticky Ctrl for the next key, arrows, Enter, | ~ /, paste and copy (and Find, which shows the search row). */
export function KeyBar({ isCtrlArmed, onToggleCtrl, onKey, onPaste, onCopy, isCompact = false, search }: KeyBarProps) {
  const size = isCompact ? "min-h-9 min-w-10" : "min-h-11 min-w-11";
  const keyClass = `${size} shrink-0 rounded-md bg-stone-800 px-2 text-sm font-medium text-stone-100 active:bg-stone-600`;
  return (
    <div role="toolbar" aria-label="Terminal keys" className={`flex gap-1 overflow-x-auto bg-stone-900 ${isCompact ? "p-0.5" : "p-1"}`}>
      {/* Buttons must not take focus from the terminal, or the phone keyboard closes. */}
      <button type="button" aria-label="Search the terminal output" aria-expanded={search.isOpen} onMouseDown={(e) => e.preventDefault()} onClick={search.toggle} className={`${keyClass} ${search.isOpen ? "bg-stone-600" : ""}`}>
        Find
      </button>
      <button type="button" aria-label="Control (applies to the next key)" aria-pressed={isCtrlArmed} onMouseDown={(e) => e.preventDefault()} onClick={onToggleCtrl}
        className={`${keyClass} ${isCtrlArmed ? "bg-amber-600 text-white" : ""}`}>
        Ctrl
      </button>
      {KEYS.map((key) => (
        <button key={key.name} type="button" aria-label={key.name} onMouseDown={(e) => e.preventDefault()} onClick={() => onKey(key.data)} className={keyClass}>
          {key.label}
        </button>
      ))}
      <button type="button" aria-label="Paste" onMouseDown={(e) => e.preventDefault()} onClick={onPaste} className={keyClass}>
        Paste
      </button>
      <button type="button" aria-label="Copy text from the terminal" aria-haspopup="dialog" onMouseDown={(e) => e.preventDefault()} onClick={onCopy} className={keyClass}>
        Copy
      </button>
    </div>
  );
}

/** Applies a sticky Ctrl to typed input: a letter (or one of @[\]^_) becomes its control character. */
export function withCtrl(data: string): string {
  if (data.length !== 1) return data;
  const code = data.toUpperCase().charCodeAt(0);
  return code >= 64 && code <= 95 ? String.fromCharCode(code - 64) : data;
}
