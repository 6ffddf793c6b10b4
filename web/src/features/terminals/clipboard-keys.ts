/** What a key press over the terminal means for the clipboard, beyond what xterm itself does with it. */
export type ClipboardKey = "copy" | "paste" | null;

type KeyLike = Pick<KeyboardEvent, "type" | "key" | "ctrlKey" | "altKey" | "metaKey" | "shiftKey">;

/**
 * The desktop's terminal shortcuts where xterm would send a control character instead: Ctrl+C over selected text
 * copies it (with nothing selected it stays ^C, to interrupt what runs), and Ctrl+V or Ctrl+Shift+V pastes (xterm
 * sends ^V, so a Linux or Windows user's usual paste did nothing). On a Mac, Cmd+C and Cmd+V are the browser's own
 * and Ctrl+V stays ^V, as in its Terminal.
 */
export function clipboardKey(event: KeyLike, hasSelection: boolean, isMac: boolean): ClipboardKey {
  if (event.type !== "keydown" || !event.ctrlKey || event.altKey || event.metaKey) return null;
  const key = event.key.toLowerCase();
  if (key === "c" && !event.shiftKey && hasSelection) return "copy";
  if (key === "v" && !isMac) return "paste";
  return null;
}

/** True on Apple's systems, whose copy and paste keys are Cmd+C and Cmd+V. */
export function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad|iPod/.test(navigator.platform);
}

/**
 * The key that opens the terminal's search: Ctrl+Shift+F (Cmd+F on a Mac), as in GNOME Terminal, Windows Terminal and
 * the Mac's Terminal. Plain Ctrl+F stays the shell's (readline's forward-char) and a TUI's: ADR 0312.
 */
export function isFindKey(event: KeyLike, isMac: boolean): boolean {
  if (event.type !== "keydown" || event.altKey || event.key.toLowerCase() !== "f") return false;
  return isMac ? event.metaKey && !event.ctrlKey && !event.shiftKey : event.ctrlKey && event.shiftKey && !event.metaKey;
}
